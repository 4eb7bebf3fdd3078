package org.netra.app.web.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;

/**
 * A department's patient list longer than a page (120 invented patients, every third one on treatment): paged,
 * filtered by status beside the search, both kept across pages and in the htmx rows.
 */
class PatientListPagingTest {
    private static final List<PatientSummary> PATIENTS = IntStream.rangeClosed(1, 120)
            .mapToObj(i -> new PatientSummary(
                    String.format("NET-%04d", i),
                    String.format("Invented, Person %03d", i),
                    i % 3 == 0 ? "on treatment" : "follow-up",
                    "—"))
            .toList();
    private static TestServer server;
    private static WebClient nurse;

    @BeforeAll
    static void start() {
        server = TestServer.custom(
                null,
                b -> b.patients(query -> PATIENTS.stream()
                        .filter(p -> p.name().toLowerCase().contains(query.toLowerCase()))
                        .toList()));
        nurse = new WebClient(server.base);
        assertThat(nurse.signIn("nurse", TestServer.password("nurse")).statusCode())
                .isLessThan(400);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> ids(String html) {
        var m = Pattern.compile("<a href=\"/patients/(NET-\\d{4})\">").matcher(html);
        var out = new java.util.ArrayList<String>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theListIsPagedAndFilteredByStatus() {
        String first = nurse.get("/patients").body();
        assertThat(ids(first)).hasSize(PatientFeature.PER_PAGE).startsWith("NET-0001");
        assertThat(first).contains("120 patients, page 1 of 3").contains("id=\"next-patients\"");
        assertThat(ids(nurse.get("/patients?page=3").body())).hasSize(20).endsWith("NET-0120");

        // on treatment: 3, 6, …, 120 = 40 patients, one page; with the search "person 1" (100–120): 102, 105, …, 120 =
        // 7
        String treated = nurse.get("/patients?status=on+treatment").body();
        assertThat(treated).contains("40 patients").doesNotContain("id=\"next-patients\"");
        assertThat(ids(treated)).hasSize(40).allMatch(id -> Integer.parseInt(id.substring(4)) % 3 == 0);
        String rows = nurse.get("/patients/rows?q=person+1&status=on+treatment").body();
        assertThat(ids(rows))
                .containsExactly("NET-0102", "NET-0105", "NET-0108", "NET-0111", "NET-0114", "NET-0117", "NET-0120");
        assertThat(nurse.get("/patients?q=person&status=follow-up&page=2").body())
                .contains("href=\"/patients?page=1&amp;q=person&amp;status=follow-up\"")
                .contains("80 patients, page 2 of 2");

        var bad = nurse.get("/patients?page=next");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("page");
    }
}
