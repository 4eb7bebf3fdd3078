package org.netra.app.web.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netra.app.web.therapy.ApiAnswers.json;
import static org.netra.app.web.therapy.ApiAnswers.refused;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;

/** Follow-up through the API: events, RECIST baseline and reads, death; bad input named, stale edits refused. */
class FollowUpApiTest {
    static final LocalDateTime NOW = LocalDateTime.of(2025, 12, 1, 12, 0);
    static final String PID = "P-8001";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b.clock(new TherapyFixture.TestClock(NOW)));
        var course = TherapyFixture.register(server.store, PID, "Cecilia Follow", LocalDateTime.of(2025, 3, 3, 9, 30));
        server.store
                .records()
                .create(
                        ClinicalKinds.ADMINISTRATION,
                        new AdministrationRecord(
                                AdministrationRecord.idOf(course.id(), 1),
                                PID,
                                course.id(),
                                1,
                                LocalDateTime.of(2025, 3, 3, 9, 30),
                                Optional.empty(),
                                Optional.empty(),
                                List.of()),
                        "test-setup");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eventsReadsAndDeathFeedTheOutcome() throws Exception {
        var physician = new WebClient(server.base);
        physician.signIn("physician", TestServer.password("physician"));
        physician.get("/");
        String base = "/api/patients/" + PID;
        var nurse = new WebClient(server.base);
        nurse.signIn("nurse", TestServer.password("nurse"));
        nurse.get("/");
        assertThat(nurse.postJson(base + "/toxicity-events", "{}").statusCode()).isEqualTo(403);

        // adverse events
        refused(
                physician.postJson(base + "/toxicity-events", "{\"grade\": 2, \"onset\": \"2025-04-01\"}"),
                400,
                "term");
        refused(
                physician.postJson(
                        base + "/toxicity-events",
                        "{\"term\": \"acute_kidney_injury\", \"grade\": 1," + " \"onset\": \"2025-04-01\"}"),
                400,
                "grade");
        refused(
                physician.postJson(
                        base + "/toxicity-events",
                        "{\"term\": \"nausea\", \"grade\": 7," + " \"onset\": \"2025-04-01\"}"),
                400,
                "grade");
        refused(
                physician.postJson(
                        base + "/toxicity-events",
                        "{\"term\": \"nausea\", \"grade\": 1," + " \"onset\": \"2026-04-01\"}"),
                400,
                "onset");
        var mds = physician.postJson(
                base + "/toxicity-events",
                "{\"term\": \"myelodysplastic_syndrome\", \"grade\": 4," + " \"onset\": \"2025-10-20\"}");
        assertThat(mds.statusCode()).as(mds.body()).isEqualTo(201);
        var resolved = physician.sendJson(
                "PUT",
                base + "/toxicity-events/1",
                "{\"term\": \"myelodysplastic_syndrome\","
                        + " \"grade\": 4, \"onset\": \"2025-10-20\", \"resolved\": \"2025-11-20\", \"version\": 1}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        refused(
                physician.sendJson(
                        "PUT",
                        base + "/toxicity-events/1",
                        "{\"term\": \"myelodysplastic_syndrome\","
                                + " \"grade\": 5, \"onset\": \"2025-10-20\", \"version\": 1}"),
                409,
                "version");

        // RECIST
        refused(physician.postJson(base + "/recist/baseline", "{\"date\": \"2025-02-20\"}"), 400, "lesions");
        refused(
                physician.postJson(
                        base + "/recist/baseline",
                        "{\"date\": \"2025-02-20\", \"lesions\": \"liver-1," + " liver, 4000\"}"),
                400,
                "lesions");
        var baseline = physician.postJson(
                base + "/recist/baseline",
                "{\"date\": \"2025-02-20\", \"lesions\":"
                        + " \"liver-1, liver, 42\\nliver-2, liver, 25\\nnode-1, lymph node, 18, node\"}");
        assertThat(baseline.statusCode()).as(baseline.body()).isEqualTo(201);
        refused(
                physician.postJson(
                        base + "/recist/reads",
                        "{\"date\": \"2025-06-02\", \"measurements\": \"liver-1 ="
                                + " 30\", \"nonTargets\": \"NONE_AT_BASELINE\", \"newLesion\": \"no\", \"version\": 1}"),
                400,
                "measurements");
        refused(
                physician.postJson(
                        base + "/recist/reads",
                        "{\"date\": \"2025-06-02\", \"measurements\": \"liver-1 ="
                                + " 30\\nliver-2 = 20\\nnode-1 = 12\", \"nonTargets\": \"SMALLER\", \"newLesion\": \"no\","
                                + " \"version\": 1}"),
                400,
                "nonTargets");
        var sd = physician.postJson(
                base + "/recist/reads",
                "{\"date\": \"2025-06-02\", \"measurements\": \"liver-1 ="
                        + " 36\\nliver-2 = 22\\nnode-1 = 16\", \"nonTargets\": \"NONE_AT_BASELINE\", \"newLesion\": \"no\","
                        + " \"version\": 1}");
        assertThat(sd.statusCode()).as(sd.body()).isEqualTo(201);
        refused(
                physician.postJson(
                        base + "/recist/reads",
                        "{\"date\": \"2025-09-01\", \"measurements\": \"liver-1 ="
                                + " 36\\nliver-2 = 22\\nnode-1 = 16\", \"nonTargets\": \"NONE_AT_BASELINE\", \"newLesion\": \"yes\","
                                + " \"version\": 1}"),
                409,
                "version");
        var pd = physician.postJson(
                base + "/recist/reads",
                "{\"date\": \"2025-09-01\", \"measurements\": \"liver-1 ="
                        + " 36\\nliver-2 = 22\\nnode-1 = 16\", \"nonTargets\": \"NONE_AT_BASELINE\", \"newLesion\": \"yes\","
                        + " \"version\": 2}");
        assertThat(pd.statusCode()).as(pd.body()).isEqualTo(201);
        // sum 42+25+18 = 85 mm → 36+22+16 = 74 mm (−13 %): SD; then a new lesion: PD on 2025-09-01
        assertThat(json(pd).at("/value/timePoints/0/overall").asText()).isEqualTo("SD");
        assertThat(json(pd).at("/value/timePoints/1/overall").asText()).isEqualTo("PD");
        var outcome = server.store.records().get(ClinicalKinds.OUTCOME, PID).value();
        assertThat(outcome.treatmentStart()).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(outcome.progression()).contains(LocalDate.of(2025, 9, 1));

        // death
        refused(
                physician.sendJson("PUT", base + "/outcome", "{\"death\": \"2025-11-02\", \"version\": 1}"),
                400,
                "lastFollowUp");
        refused(
                physician.sendJson(
                        "PUT",
                        base + "/outcome",
                        "{\"lastFollowUp\": \"2025-10-01\", \"death\":" + " \"2025-11-02\", \"version\": 1}"),
                400,
                "lastFollowUp");
        refused(
                physician.sendJson(
                        "PUT",
                        base + "/outcome",
                        "{\"lastFollowUp\": \"2025-11-02\", \"death\":" + " \"2025-11-02\", \"version\": 1}"),
                409,
                "version");
        // the first read created the outcome, the second moved its progression: version 2
        var died = physician.sendJson(
                "PUT",
                base + "/outcome",
                "{\"lastFollowUp\": \"2025-11-02\", \"death\":" + " \"2025-11-02\", \"version\": 2}");
        assertThat(died.statusCode()).as(died.body()).isEqualTo(200);

        // the cohort's curves count it: one patient, progression at day 182, death at day 244
        var cohort = json(physician.get("/api/cohort/survival"));
        assertThat(cohort.get("patients").asInt()).isEqualTo(1);
        assertThat(cohort.at("/curves/0/events").asInt()).isEqualTo(1);
        assertThat(cohort.at("/curves/1/atRisk/0").asInt()).isEqualTo(1);
        assertThat(server.store.audit().history("outcome", PID)).hasSize(3);
    }
}
