package org.netra.app.web.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.DemoClinic;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientChart;

/** The clinical pages over a store holding the demo clinic: list, chart, planning, who may do what. */
class ClinicalPagesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b);
        // the directory reads the same store the server uses
        new DemoClinic(7, 12, TODAY).load(server.store, "demo-loader");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebClient signedIn(String user) {
        var c = new WebClient(server.base);
        c.signIn(user, TestServer.password(user));
        return c;
    }

    @Test
    void theChartShowsEveryPartOfThePathway() {
        var nurse = signedIn("nurse");
        // patient 2 is on treatment, patient 3 in follow-up (DemoClinic cycles the stages)
        var onTreatment = nurse.get("/patients/" + DemoClinic.patientId(2));
        assertThat(onTreatment.statusCode()).isEqualTo(200);
        assertThat(onTreatment.body())
                .contains("Timeline")
                .contains("Eligibility")
                .contains("platelets (")
                .contains("Plan and cycles")
                .contains("Only a physician approves a cycle");
        var followUp = nurse.get("/patients/" + DemoClinic.patientId(3));
        assertThat(followUp.body()).contains("RECIST 1.1").contains("CTCAE v5");
        assertThat(nurse.get("/patients/NET-9999").statusCode()).isEqualTo(404);
        var api = nurse.get("/api/patients/" + DemoClinic.patientId(3));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"recist\"").contains("\"timeline\"");
    }

    @Test
    void aPhysicianPlansTheNextCycleOnceAndTheDecisionIsStoredAndAudited() {
        String pid = DemoClinic.patientId(2);
        int before = PatientChart.load(server.store.records(), pid).decisions().size();
        var nurse = signedIn("nurse");
        assertThat(nurse.postForm("/patients/" + pid + "/plan-next", Map.of(), true)
                        .statusCode())
                .isEqualTo(403);
        var physician = signedIn("physician");
        var page = physician.get("/patients/" + pid);
        assertThat(page.body()).contains("Approve and plan cycle");
        assertThat(physician
                        .postForm("/patients/" + pid + "/plan-next", Map.of(), false)
                        .statusCode())
                .as("without CSRF token")
                .isEqualTo(403);
        var done = physician.postForm("/patients/" + pid + "/plan-next", Map.of(), true);
        assertThat(done.statusCode()).isEqualTo(303);
        var after = PatientChart.load(server.store.records(), pid);
        assertThat(after.decisions()).hasSize(before + 1);
        assertThat(after.decisions().getLast().updatedBy()).isEqualTo("physician");
        assertThat(physician.get("/patients/" + pid).body()).contains("Decided and recorded");
        assertThat(physician
                        .postForm("/patients/" + pid + "/plan-next", Map.of(), true)
                        .statusCode())
                .isEqualTo(409);
        assertThat(server.store.records().list(ClinicalKinds.DECISION)).isNotEmpty();
    }
}
