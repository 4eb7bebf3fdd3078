package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.report.EanmChecklist;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.store.audit.AuditEvent;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.report.SignedReports;

/**
 * A physicist signs a cycle's report over the API: the signed PDF is stored exactly, carries every EANM checklist
 * item and the signature block (read back by Poppler's pdftotext, not netra's own PDF library), cannot be signed
 * again, and an amendment is a new version that says why and which figures changed.
 */
class ReportSignoffWebTest {
    private static final ZoneId DEPARTMENT = ZoneId.of("Europe/Berlin");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static String pid;

    @BeforeAll
    static void start() {
        LocalDate asOf = LocalDate.of(2021, 9, 6);
        Clock clinic = Clock.fixed(asOf.atTime(9, 30).atZone(DEPARTMENT).toInstant(), DEPARTMENT);
        server = TestServer.custom(null, b -> b.clock(clinic));
        new SyntheticDemoCohort(2026, 12, asOf).load(server.store, "demo-loader");
        pid = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.dosimetry().cycle() == 1)
                .findFirst()
                .orElseThrow()
                .patientId();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebClient as(String user) {
        var c = new WebClient(server.base);
        assertThat(c.signIn(user, TestServer.password(user)).statusCode()).isLessThan(400);
        c.get("/"); // the signed-in session's CSRF token
        assertThat(c.csrf()).isNotNull();
        return c;
    }

    @Test
    void aPhysicistSignsTheReportWhichThenCannotChangeAndAnAmendmentSaysWhatChanged() throws Exception {
        String base = "/api/patients/" + pid + "/dosimetry/1";
        var physicist = as("physicist");
        assertThat(JSON.readTree(physicist.get(base).body()).path("reportState").asText())
                .isEqualTo("draft (not signed)");

        // only a role with APPROVE_DOSIMETRY signs
        var nurse = as("nurse");
        var refused = nurse.postJson(base + "/report/sign", "{\"version\": 1}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("APPROVE_DOSIMETRY");

        var signed = physicist.postJson(base + "/report/sign", "{\"version\": 1}");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        assertThat(JSON.readTree(signed.body()).path("signedBy").asText()).isEqualTo("Test Physicist");
        // the department's zone, to the minute: 09:30 in Berlin
        assertThat(JSON.readTree(signed.body()).path("signedAtText").asText())
                .isEqualTo("2021-09-06 09:30 (Europe/Berlin)");

        // a signed version is never signed (changed) again
        var again = physicist.postJson(base + "/report/sign", "{\"version\": 1}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("signed by Test Physicist").contains("cannot be changed");
        // the time to the minute (09:30 in Berlin is 07:30 UTC in September), no seconds or nanoseconds
        assertThat(again.body()).contains("at 2021-09-06 07:30 UTC").doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d");
        // an amendment must say why
        var noReason = physicist.postJson(base + "/report/sign", "{\"version\": 2}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noReason.body()).path("fields").has("reason")).isTrue();
        var skipping = physicist.postJson(base + "/report/sign", "{\"version\": 5, \"reason\": \"x\"}");
        assertThat(skipping.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(skipping.body()).path("fields").has("version")).isTrue();

        var v1 = physicist.getBytes(base + "/report/signed/1");
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(v1.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(v1.body())
                .isEqualTo(server.store.signedReports().pdf(pid, 1, 1).orElseThrow());
        String text1 = pdftotext(v1.body(), "signed-v1");
        for (var item : EanmChecklist.Item.values()) {
            assertThat(text1).as("checklist item " + item).contains(item.label());
        }
        assertThat(text1)
                .contains("Approved and signed by Test Physicist (Medical physicist)")
                .contains("Signed 2021-09-06 09:30 (Europe/Berlin) · report version 1")
                .contains(EanmChecklist.NOT_RECORDED)
                .doesNotContain("DRAFT");

        // the kidney dose is corrected downwards (a redrawn VOI), then the physicist signs an amendment
        var stored = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .filter(s -> s.value().patientId().equals(pid)
                        && s.value().dosimetry().cycle() == 1)
                .findFirst()
                .orElseThrow();
        var d = stored.value().dosimetry();
        double before = d.kidneyDose().inGy();
        var corrected = new CycleDosimetry(
                d.cycle(),
                d.date(),
                d.administered(),
                AbsorbedDose.ofGy(before - 0.3),
                d.kidneyEffectiveHalfLife(),
                d.kidneyBed(),
                d.marrowDose());
        var r = stored.value();
        server.store
                .records()
                .update(
                        ClinicalKinds.DOSIMETRY,
                        stored.version(),
                        new DosimetryRecord(r.id(), r.patientId(), r.courseId(), corrected, r.tumours(), r.method()),
                        "physicist");
        var amended = physicist.postJson(base + "/report/sign", "{\"version\": 2, \"reason\": \"kidney VOI redrawn\"}");
        assertThat(amended.statusCode()).as(amended.body()).isEqualTo(201);
        assertThat(JSON.readTree(physicist.get(base).body()).path("reportState").asText())
                .startsWith("amended v2, signed by Test Physicist at 2021-09-06 09:30");

        String text2 = pdftotext(physicist.getBytes(base + "/report/signed/2").body(), "signed-v2");
        assertThat(text2)
                .contains("Amended report: replaces version 1.")
                .contains("Reason: kidney VOI redrawn")
                .contains(
                        String.format(java.util.Locale.ROOT, "kidneys dose (Gy): %.2f to %.2f", before, before - 0.3));
        // version 1 is still exactly what was signed
        assertThat(physicist.getBytes(base + "/report/signed/1").body()).isEqualTo(v1.body());
        assertThat(JSON.readTree(physicist.get(base + "/report/versions").body()))
                .hasSize(2);

        var events = server.store.audit().history(SignedReports.AUDIT_KIND, SignedReports.recordId(pid, 1));
        assertThat(events)
                .extracting(AuditEvent::action)
                .containsExactly(AuditEvent.Action.SIGN, AuditEvent.Action.SIGN);
        assertThat(events.getFirst().after())
                .contains(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(v1.body())));
        assertThat(JSON.readTree(physicist.get("/api/openapi.json").body())
                        .path("paths")
                        .toString())
                .contains("/report/sign")
                .contains("/report/signed/{version}");
    }

    /** Poppler's text of the PDF (an independent reader), whitespace collapsed; the PDF is kept in target/reports. */
    static String pdftotext(byte[] pdf, String name) throws Exception {
        Path file = Path.of("target", "reports", "report-signoff-" + name + ".pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);
        var p = new ProcessBuilder("pdftotext", file.toString(), "-")
                .redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text.replaceAll("\\s+", " ");
    }
}
