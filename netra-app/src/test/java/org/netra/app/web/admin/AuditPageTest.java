package org.netra.app.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.audit.AuditEvent;

/**
 * The audit page over a trail of a thousand-odd events (the demo cohort's load): paged, filtered by who, record
 * kind and record id, times to the minute in the department's zone; a bad page number is a 400 naming the field.
 */
class AuditPageTest {
    private static final ZoneId DEPARTMENT = ZoneId.of("Europe/Berlin");
    private static TestServer server;
    private static WebClient admin;

    @BeforeAll
    static void start() {
        LocalDate asOf = LocalDate.of(2021, 9, 6);
        Clock clinic = Clock.fixed(asOf.atTime(9, 30).atZone(DEPARTMENT).toInstant(), DEPARTMENT);
        server = TestServer.custom(null, b -> b.clock(clinic));
        new SyntheticDemoCohort(2026, 30, asOf).load(server.store, "demo-loader");
        admin = new WebClient(server.base);
        assertThat(admin.signIn("admin", TestServer.password("admin")).statusCode())
                .isLessThan(400);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> cells(String html, String column) {
        // the rows' cells in order: seq, when, who, …; pick one by its position in each <tr>
        var out = new java.util.ArrayList<String>();
        var row = Pattern.compile(
                        "<tr>\\s*<td class=\"mono\">(\\d+)</td>\\s*<td class=\"mono\">([^<]*)</td>\\s*<td>([^<]*)</td>")
                .matcher(html);
        while (row.find()) {
            out.add(row.group(
                    switch (column) {
                        case "seq" -> 1;
                        case "when" -> 2;
                        default -> 3;
                    }));
        }
        return out;
    }

    @Test
    void theTrailIsPagedNewestFirstWithTimesToTheMinuteInTheDepartmentsZone() {
        List<AuditEvent> trail = server.store.audit().since(0);
        assertThat(trail.size()).as("a trail longer than a page").isGreaterThan(AuditListing.PER_PAGE);
        String first = admin.get("/admin/audit").body();
        List<String> seqs = cells(first, "seq");
        assertThat(seqs).hasSize(AuditListing.PER_PAGE);
        AuditEvent newest = trail.getLast();
        assertThat(seqs.getFirst()).isEqualTo(Long.toString(newest.seq()));
        // the department's wall clock to the minute, as DateTimeFormatter gives it for the stored instant
        String expected = newest.at().atZone(DEPARTMENT).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertThat(cells(first, "when").getFirst()).isEqualTo(expected);
        assertThat(cells(first, "when")).allMatch(t -> t.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"));
        assertThat(first).contains("Europe/Berlin").contains("id=\"older-audit\"");

        String second = admin.get("/admin/audit?page=2").body();
        assertThat(cells(second, "seq").getFirst()).isEqualTo(Long.toString(newest.seq() - AuditListing.PER_PAGE));
        assertThat(second).contains("id=\"newer-audit\"");
    }

    @Test
    void filtersByWhoKindAndRecordKeepTheirValuesAcrossPages() {
        AuditEvent some = server.store.audit().since(0).stream()
                .filter(e -> e.recordId().startsWith("SIM-"))
                .findFirst()
                .orElseThrow();
        String patient = some.recordId().substring(0, "SIM-2026-0000".length());
        long expected = server.store.audit().since(0).stream()
                .filter(e -> e.kind().equals(some.kind()) && e.recordId().contains(patient))
                .count();
        String page = admin.get("/admin/audit?kind=" + some.kind() + "&record=" + patient + "&who=demo-loader")
                .body();
        assertThat(page).contains("id=\"audit-count\">" + expected + " of ");
        assertThat(cells(page, "who")).isNotEmpty().allMatch(w -> w.equals("demo-loader"));
        assertThat(admin.get("/admin/audit?who=nobody-here").body()).contains("No event matches these filters");
        var bad = admin.get("/admin/audit?page=two");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("page");
    }
}
