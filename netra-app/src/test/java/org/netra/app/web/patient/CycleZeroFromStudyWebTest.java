package org.netra.app.web.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.app.web.therapy.TherapyFixture;
import org.netra.testkit.TestData;

/**
 * The plan's virtual cycle 0 form offers the PET studies netra holds with VOIs; choosing one measures the SUVmeans on
 * it, and what cannot be measured is a 400 naming the field {@code study}: the real FDG PET has two GTVs and no
 * kidney VOI, a study netra does not hold, or a study chosen beside typed values.
 */
class CycleZeroFromStudyWebTest {
    static final String PET = "fdg-pet-sts001-pet-bqml";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b.studies(FolderStudies.scan(TestData.path("dicom"))));
        TherapyFixture.register(server.store, "P-Z", "Zero Study", LocalDateTime.of(2025, 3, 3, 9, 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aHeldStudyIsOfferedAndWhatItCannotGiveIsRefusedByField() {
        var physician = new WebClient(server.base);
        physician.signIn("physician", TestServer.password("physician"));
        var chart = physician.get("/patients/P-Z");
        assertThat(chart.body()).contains("id=\"cycle-zero-study\"").contains("value=\"" + PET + "\"");
        var noKidneys = physician.postFormFields("/patients/P-Z/cycle-zero", form(PET, ""));
        assertThat(noKidneys.statusCode()).isEqualTo(400);
        assertThat(noKidneys.body()).contains("has no kidney VOI");
        var unknown = physician.postFormFields("/patients/P-Z/cycle-zero", form("elsewhere", ""));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("netra holds no study 'elsewhere'");
        var both = physician.postFormFields("/patients/P-Z/cycle-zero", form(PET, "10"));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("not both");
        // typed values stay possible, and the panel says they were typed
        var typed = physician.postFormFields("/patients/P-Z/cycle-zero", form("", "10"));
        assertThat(typed.statusCode()).as(typed.body()).isEqualTo(303);
        assertThat(physician.get("/patients/P-Z").body()).contains("(SUVmeans typed)");
    }

    private static List<Map.Entry<String, String>> form(String study, String kidneySuv) {
        return List.of(
                Map.entry("course", "P-Z/prrt-1"),
                Map.entry("study", study),
                Map.entry("petDate", "2025-02-01"),
                Map.entry("kidneySuv", kidneySuv),
                Map.entry("cycles", "4"));
    }
}
