package org.netra.app.web.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.netra.app.web.therapy.ApiAnswers.json;
import static org.netra.app.web.therapy.ApiAnswers.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.ClinicalKinds;

/**
 * The therapy routes as an API client meets them: every create/update refuses a missing field, a wrong unit,
 * an impossible value and a stale version with 400/409 naming the field; the good path stores and audits.
 */
class TherapyApiTest {
    static final LocalDateTime NOW = LocalDateTime.of(2025, 3, 5, 12, 0);
    static final String GIVEN = "P-7001";
    static final String NEXT = "P-7002";
    static final String PLANNED = "P-7003";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b.clock(new TherapyFixture.TestClock(NOW)));
        TherapyFixture.register(server.store, GIVEN, "Astrid Given", LocalDateTime.of(2025, 3, 3, 9, 30));
        TherapyFixture.register(server.store, NEXT, "Bo Next", LocalDateTime.of(2025, 3, 10, 9, 30));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebClient signedIn(String user) {
        var c = new WebClient(server.base);
        c.signIn(user, TestServer.password(user));
        c.get("/");
        return c;
    }

    @Test
    void aCycleIsApprovedOnlyWhenItExistsAndIsPendingTogetherWithItsRoom() throws Exception {
        var physician = signedIn("physician");
        assertThat(physician
                        .postJson("/api/patients/P-none/cycles/1/approve", "{}")
                        .statusCode())
                .isEqualTo(404);
        var beyond = physician.postJson("/api/patients/" + NEXT + "/cycles/9/approve", "{}");
        assertThat(beyond.statusCode()).isEqualTo(404);
        assertThat(beyond.body()).contains("cycles 1–4");
        var second = physician.postJson("/api/patients/" + NEXT + "/cycles/2/approve", "{}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("not pending");

        var ok = physician.postJson("/api/patients/" + NEXT + "/cycles/1/approve", "{\"note\": \"labs fine\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("approvedBy").asText()).isEqualTo("physician");
        // the approval and its room, each audited
        var rooms = server.store.records().forPatient(ClinicalKinds.ROOM_BOOKING, NEXT);
        assertThat(rooms).singleElement().satisfies(b -> assertThat(b.value().admission())
                .isEqualTo(LocalDateTime.of(2025, 3, 10, 9, 30).toLocalDate()));
        assertThat(server.store.audit().history("cycle_approval", NEXT + "/prrt-1/cycle-1"))
                .hasSize(1);
        var twice = physician.postJson("/api/patients/" + NEXT + "/cycles/1/approve", "{}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("already approved, by physician");
        assertThat(signedIn("nurse")
                        .postJson("/api/patients/" + NEXT + "/cycles/1/approve", "{}")
                        .statusCode())
                .isEqualTo(403);
    }

    /**
     * Planning a course: refused for a patient netra does not hold (404), a missing, malformed or past first
     * cycle (400 naming firstCycle), a patient not yet assessed or already holding a course (409), a nurse
     * (403); an assessed patient's course is the label schedule from the first cycle, audited.
     */
    @Test
    void aCourseIsPlannedOnceForAnAssessedPatientFromAFirstCycleToCome() throws Exception {
        var physician = signedIn("physician");
        server.store
                .records()
                .create(
                        ClinicalKinds.PATIENT,
                        TherapyFixture.patient(PLANNED, "Ebba Planned", java.time.LocalDate.of(1960, 2, 1)),
                        "test-setup");
        String path = "/api/patients/" + PLANNED + "/course";
        assertThat(physician
                        .postJson("/api/patients/P-none/course", "{\"firstCycle\": \"2025-03-10T09:30\"}")
                        .statusCode())
                .isEqualTo(404);
        refused(physician.postJson(path, "{}"), 400, "firstCycle");
        refused(physician.postJson(path, "{\"firstCycle\": \"2025-13-40T09:30\"}"), 400, "firstCycle");
        refused(physician.postJson(path, "{\"firstCycle\": \"2025-03-04T09:30\"}"), 400, "firstCycle");
        var unassessed = physician.postJson(path, "{\"firstCycle\": \"2025-03-10T09:30\"}");
        assertThat(unassessed.statusCode()).isEqualTo(409);
        assertThat(unassessed.body()).contains("not been assessed for eligibility");

        server.store
                .records()
                .create(
                        ClinicalKinds.ELIGIBILITY,
                        new org.netra.store.clinical.EligibilityAssessment(
                                ClinicalKinds.key(PLANNED, "eligibility-1"),
                                PLANNED,
                                new org.netra.clinical.eligibility.Verdict.Eligible(
                                        java.time.LocalDate.of(2025, 3, 4), java.util.List.of()),
                                ""),
                        "test-setup");
        assertThat(signedIn("nurse")
                        .postJson(path, "{\"firstCycle\": \"2025-03-10T09:30\"}")
                        .statusCode())
                .isEqualTo(403);
        var ok = physician.postJson(path, "{\"firstCycle\": \"2025-03-10T09:30\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        var course = server.store.records().forPatient(ClinicalKinds.COURSE, PLANNED);
        assertThat(course).singleElement().satisfies(c -> {
            // the label: 4 cycles, 8 weeks apart, from the first
            assertThat(c.value().plan().cycles()).hasSize(4);
            assertThat(c.value().plan().cycles().getFirst().administration())
                    .isEqualTo(LocalDateTime.of(2025, 3, 10, 9, 30));
            assertThat(c.value().plan().cycles().get(1).administration())
                    .isEqualTo(LocalDateTime.of(2025, 5, 5, 9, 30));
        });
        assertThat(json(ok).get("patientId").asText()).isEqualTo(PLANNED);
        assertThat(server.store.audit().history("prrt_course", PLANNED + "/prrt-1"))
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("physician"));
        var twice = physician.postJson(path, "{\"firstCycle\": \"2025-05-10T09:30\"}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("has a PRRT course already");
    }

    static String dispensing(String batch, String calibrated, String unit, int version) {
        return "{" + (batch == null ? "" : "\"batch\": \"" + batch + "\", ") + "\"calibrated\": " + calibrated
                + ", \"calibratedUnit\": \"" + unit + "\", \"calibratedAt\": \"2025-03-03T08:00\","
                + " \"residual\": 61, \"residualUnit\": \"MBq\", \"residualMeasuredAt\": \"2025-03-03T10:05\","
                + " \"version\": " + version + "}";
    }

    @Test
    void theRadiopharmacistsDispensingTheNursesReadingsAndTheReleaseFollowFromThem() throws Exception {
        String cycle = "/api/patients/" + GIVEN + "/cycles/1";
        var pharmacist = signedIn("radiopharmacist");
        var nurse = signedIn("nurse");
        assertThat(nurse.sendJson("PUT", cycle + "/dispensing", dispensing("B-1", "7.52", "GBq", 0))
                        .statusCode())
                .isEqualTo(403);
        assertThat(pharmacist.sendJson("PUT", cycle + "/administration", "{}").statusCode())
                .isEqualTo(403);

        // dispensing: missing, wrong unit, impossible, not JSON
        refused(pharmacist.sendJson("PUT", cycle + "/dispensing", dispensing(null, "7.52", "GBq", 0)), 400, "batch");
        refused(
                pharmacist.sendJson("PUT", cycle + "/dispensing", dispensing("B-1", "7.52", "mL", 0)),
                400,
                "calibratedUnit");
        refused(
                pharmacist.sendJson("PUT", cycle + "/dispensing", dispensing("B-1", "7520", "GBq", 0)),
                400,
                "calibrated");
        refused(
                pharmacist.sendJson("PUT", cycle + "/dispensing", dispensing("B-1", "-1", "GBq", 0)),
                400,
                "calibrated");
        refused(pharmacist.sendJson("PUT", cycle + "/dispensing", "[1, 2]"), 400, "body");
        var saved = pharmacist.sendJson("PUT", cycle + "/dispensing", dispensing("LU-2503-117", "7.52", "GBq", 0));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        var again = pharmacist.sendJson("PUT", cycle + "/dispensing", dispensing("LU-2503-118", "7.52", "GBq", 1));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        var stale = pharmacist.sendJson("PUT", cycle + "/dispensing", dispensing("LU-2503-119", "7.52", "GBq", 1));
        refused(stale, 409, "version");
        assertThat(stale.body()).contains("changed by radiopharmacist").contains("dispensing");

        // administration: missing, impossible (in the future), isolation ended before any reading
        refused(
                nurse.sendJson("PUT", cycle + "/administration", "{\"isolationStart\": \"2025-03-03T09:00\"}"),
                400,
                "administered");
        refused(
                nurse.sendJson("PUT", cycle + "/administration", "{\"administered\": \"2025-03-09T09:30\"}"),
                400,
                "administered");
        refused(
                nurse.sendJson("PUT", cycle + "/administration", "{\"administered\": \"3 March\"}"),
                400,
                "administered");
        refused(
                nurse.sendJson(
                        "PUT",
                        cycle + "/administration",
                        "{\"administered\": \"2025-03-03T09:30\", \"isolationStart\": \"2025-03-03T09:00\","
                                + " \"isolationEnd\": \"2025-03-04T10:00\"}"),
                400,
                "isolationEnd");
        var given = nurse.sendJson(
                "PUT",
                cycle + "/administration",
                "{\"administered\": \"2025-03-03T09:30\", \"isolationStart\": \"2025-03-03T09:00\", \"version\": 0}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(200);

        // readings: wrong unit, impossible, before the injection, stale
        refused(
                nurse.postJson(
                        cycle + "/dose-rates",
                        "{\"at\": \"2025-03-04T09:30\", \"rate\": 9, \"rateUnit\": \"Gy\"," + " \"version\": 1}"),
                400,
                "rateUnit");
        refused(
                nurse.postJson(
                        cycle + "/dose-rates",
                        "{\"at\": \"2025-03-04T09:30\", \"rate\": 5000, \"rateUnit\":" + " \"µSv/h\", \"version\": 1}"),
                400,
                "rate");
        refused(
                nurse.postJson(
                        cycle + "/dose-rates",
                        "{\"at\": \"2025-03-03T08:30\", \"rate\": 9, \"rateUnit\":" + " \"µSv/h\", \"version\": 1}"),
                400,
                "at");
        assertThat(nurse.postJson(
                                cycle + "/dose-rates",
                                "{\"at\": \"2025-03-04T09:30\", \"rate\": 9.0, \"rateUnit\":"
                                        + " \"µSv/h\", \"version\": 1}")
                        .statusCode())
                .isEqualTo(201);
        refused(
                nurse.postJson(
                        cycle + "/dose-rates",
                        "{\"at\": \"2025-03-05T09:30\", \"rate\": 6.3, \"rateUnit\":" + " \"µSv/h\", \"version\": 1}"),
                409,
                "version");
        assertThat(nurse.postJson(
                                cycle + "/dose-rates",
                                "{\"at\": \"2025-03-05T09:30\", \"rate\": 0.0063,"
                                        + " \"rateUnit\": \"mSv/h\", \"version\": 2}")
                        .statusCode())
                .isEqualTo(201);

        JsonNode page = json(nurse.get(cycle));
        // 7.52·2^(−1.5/159.528) − 0.061·2^(0.583333/159.528) = 7.409993 GBq (DispensingTest by hand)
        // with batch LU-2503-118's same figures
        assertThat(Double.parseDouble(page.get("administeredActivity").asText().replace(" GBq", "")))
                .isCloseTo(7.410, within(0.0005));
        JsonNode release = page.get("release");
        assertThat(release.get("releasable").asBoolean()).isTrue();
        // T_eff from the two readings from 24 h on: 24 h·ln 2/ln(9.0/6.3) = 46.6 h
        assertThat(release.get("halfLife").asText()).isEqualTo("46.6 h");

        var released = nurse.sendJson(
                "PUT",
                cycle + "/administration",
                "{\"administered\": \"2025-03-03T09:30\", \"isolationStart\": \"2025-03-03T09:00\","
                        + " \"isolationEnd\": \"2025-03-05T10:00\", \"version\": 3}");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        var sheet = nurse.get("/patients/" + GIVEN + "/safety/1");
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.body()).doesNotContain("Not yet releasable").contains("6.3 µSv/h");
        assertThat(server.store.audit().history("radiation_safety", GIVEN + "/prrt-1/safety-1"))
                .hasSize(3);
    }

    @Test
    void staysAreBookedMovedAndCancelledWithoutClashes() throws Exception {
        var nurse = signedIn("nurse");
        String stays = "/api/patients/" + GIVEN + "/stays";
        refused(nurse.postJson(stays, "{\"admission\": \"2025-04-28\", \"discharge\": \"2025-05-02\"}"), 400, "room");
        refused(
                nurse.postJson(
                        stays,
                        "{\"room\": \"iso-1\", \"admission\": \"2025-04-28\", \"discharge\":" + " \"2025-04-27\"}"),
                400,
                "discharge");
        refused(
                nurse.postJson(
                        stays,
                        "{\"room\": \"iso-1\", \"admission\": \"28/04/2025\", \"discharge\":" + " \"2025-05-02\"}"),
                400,
                "admission");
        var booked = nurse.postJson(
                stays, "{\"room\": \"iso-3\", \"admission\": \"2025-04-28\", \"discharge\":" + " \"2025-05-02\"}");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        // another patient's stay in the same room over the same nights
        var clash = nurse.postJson(
                "/api/patients/" + NEXT + "/stays",
                "{\"room\": \"iso-3\", \"admission\":" + " \"2025-04-30\", \"discharge\": \"2025-05-03\"}");
        refused(clash, 409, "room");
        assertThat(clash.body()).contains("already booked for " + GIVEN);
        var moved = nurse.sendJson(
                "PUT",
                stays + "/iso-3/2025-04-28",
                "{\"room\": \"iso-3\", \"admission\":"
                        + " \"2025-05-05\", \"discharge\": \"2025-05-09\", \"version\": 1}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(nurse.sendJson(
                                "PUT",
                                stays + "/iso-3/2025-04-28",
                                "{\"room\": \"iso-3\", \"admission\":"
                                        + " \"2025-05-05\", \"discharge\": \"2025-05-09\", \"version\": 1}")
                        .statusCode())
                .isEqualTo(404);
        // the old nights are free again
        assertThat(nurse.postJson(
                                "/api/patients/" + NEXT + "/stays",
                                "{\"room\": \"iso-3\", \"admission\":"
                                        + " \"2025-04-30\", \"discharge\": \"2025-05-03\"}")
                        .statusCode())
                .isEqualTo(201);
        refused(nurse.sendJson("DELETE", stays + "/iso-3/2025-05-05", "{\"version\": 7}"), 409, "version");
        assertThat(nurse.sendJson("DELETE", stays + "/iso-3/2025-05-05", "{\"version\": 1}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(server.store.audit().history("room_booking", "iso-3/2025-05-05"))
                .extracting(e -> e.action().name())
                .containsExactly("CREATE", "DELETE");
    }

    @Test
    void theOpenApiDocumentListsTheTherapyOperations() throws Exception {
        JsonNode doc = json(new WebClient(server.base).get("/api/openapi.json"));
        JsonNode paths = doc.get("paths");
        assertThat(paths.get("/api/patients/{id}/cycles/{cycle}/dispensing").has("put"))
                .isTrue();
        assertThat(paths.get("/api/patients/{id}/cycles/{cycle}/administration").has("put"))
                .isTrue();
        assertThat(paths.get("/api/patients/{id}/cycles/{cycle}/dose-rates").has("post"))
                .isTrue();
        assertThat(paths.get("/api/patients/{id}/cycles/{cycle}/approve").has("post"))
                .isTrue();
        assertThat(paths.get("/api/patients/{id}/stays/{room}/{admission}").has("delete"))
                .isTrue();
        assertThat(Map.of()).isEmpty();
    }
}
