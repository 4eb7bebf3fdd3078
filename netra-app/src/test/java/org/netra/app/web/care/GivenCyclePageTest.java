package org.netra.app.web.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;

/**
 * A cycle the demo clinic has given, as a physician opens it (a nurse sees the form instead): the administration to the minute as people write it
 * (no ISO "T"), the administered activity from the radiopharmacist's dispensing, and the RRDSR offered and served.
 */
class GivenCyclePageTest {
    private static TestServer server;
    private static DosimetryRecord given;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b);
        new SyntheticDemoCohort(2026, 12, LocalDate.of(2021, 9, 6)).load(server.store, "demo-loader");
        given = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aGivenCycleShowsItsTimesToTheMinuteItsActivityAndItsDoseReport() {
        var physician = new WebClient(server.base);
        physician.signIn("physician", TestServer.password("physician"));
        int cycle = given.dosimetry().cycle();
        String page = physician
                .get("/patients/" + given.patientId() + "/cycles/" + cycle)
                .body();
        String day = given.dosimetry().date().toString();
        // the demo gives each cycle at 09:30 and ends the isolation at 14:30
        assertThat(page)
                .contains("Given " + day + " 09:30; isolation from " + day + " 09:30 to " + day + " 14:30.")
                .doesNotContain(day + "T09:30;");
        // the demo's dispensing: calibrated at 08:00, residual measured 45 min after the infusion, both to the minute
        assertThat(page)
                .containsPattern("GBq at " + day + " 08:00; residual 60.0 MBq at " + day + " 10:15\\.")
                .doesNotContain(day + "T08:00");
        assertThat(page)
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "id=\"administered-activity\">%.3f GBq",
                        given.dosimetry().administered().inGBq()))
                .contains("id=\"download-rrdsr\"")
                .doesNotContain("Not dispensed yet");
        // a given cycle is past approving: the physician is not offered what the server would refuse
        assertThat(page).doesNotContain("id=\"approve-cycle\"");
        if (!page.contains("<span class=\"status ok\">approved</span>")) {
            assertThat(page).contains("id=\"given-unapproved\"");
        }
        var sr = physician.getBytes("/patients/" + given.patientId() + "/cycles/" + cycle + "/rrdsr.dcm");
        assertThat(sr.statusCode()).isEqualTo(200);
        // a DICOM Part 10 file: 128-byte preamble, then "DICM"
        assertThat(new String(sr.body(), 128, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("DICM");
    }
}
