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

    @Test
    void aCyclesDosimetryPageAndPdfShowTheKidneyBedAgainstTheLimit() throws Exception {
        String pid = DemoClinic.patientId(3); // follow-up: four cycles given
        var chart = PatientChart.load(server.store.records(), pid);
        // independent of netra's radiobiology code: the LQ BED of a mono-exponential source,
        // BED = D (1 + D/(α/β) · T_rep/(T_rep + T_eff)), α/β 2.6 Gy, T_rep 2.8 h (Wessels 2008)
        double cumulative = 0;
        for (var d : chart.dosimetry()) {
            double dose = d.value().dosimetry().kidneyDose().inGy();
            double teff = d.value().dosimetry().kidneyEffectiveHalfLife().toMinutes() / 60.0;
            cumulative += dose * (1 + dose / 2.6 * 2.8 / (2.8 + teff));
        }
        var nurse = signedIn("nurse");
        var page = nurse.get("/patients/" + pid + "/dosimetry/4");
        assertThat(page.statusCode()).isEqualTo(200);
        String shown = String.format(java.util.Locale.ROOT, "%.1f", cumulative);
        assertThat(page.body())
                .contains("<p class=\"figure\">" + shown + " ")
                .contains("of 27 Gy")
                .contains("±");
        assertThat(nurse.get("/patients/" + pid + "/dosimetry/9").statusCode()).isEqualTo(404);
        assertThat(nurse.get("/patients/" + pid + "/dosimetry/x").statusCode()).isEqualTo(400);

        var pdf = nurse.getBytes("/patients/" + pid + "/dosimetry/4/report.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            var stripper = new org.apache.pdfbox.text.PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(doc).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains("Dosimetry report – cycle 4")
                    .contains(pid)
                    .contains(String.format(
                            java.util.Locale.ROOT, "Cumulative kidney BED %.2f Gy of the 27.00 Gy limit", cumulative));
        }
        var api = nurse.get("/api/patients/" + pid + "/dosimetry/4");
        assertThat(api.body()).contains("\"predictedFurtherCycles\"");
        // the API's numbers keep the unit in the name; a row without an SD has no sdGy (not NaN, not 0)
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(api.body());
        assertThat(json.get("cumulativeKidneyBedGy").asDouble())
                .isCloseTo(cumulative, org.assertj.core.api.Assertions.within(0.05)); // as the page shows it
        assertThat(json.get("kidneyBedLimitGy").asDouble()).isEqualTo(27.0);
        assertThat(json.get("kidneyBedPerCycle")).hasSize(4);
        var rows = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        json.get("doses").forEach(rows::add);
        assertThat(rows)
                .filteredOn(r -> r.get("region").asText().equals("kidneys (BED)"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.has("sdGy")).isFalse();
                    assertThat(r.get("doseGy").isNumber()).isTrue();
                });
    }

    @Test
    void safetySheetCohortAndCalendar() {
        var nurse = signedIn("nurse");
        String pid = DemoClinic.patientId(2);
        var sheet = nurse.get("/patients/" + pid + "/safety/1");
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.body())
                .contains("Radiation safety after your treatment")
                .contains("data-print");
        assertThat(nurse.get("/patients/" + pid + "/safety/7").statusCode()).isEqualTo(404);
        var cohort = nurse.get("/cohort");
        assertThat(cohort.body()).contains("progression-free survival").contains("overall survival");
        assertThat(nurse.get("/api/cohort/survival").body()).contains("\"curves\"");
        var calendar = nurse.get("/calendar");
        assertThat(calendar.statusCode()).isEqualTo(200);
        assertThat(calendar.body()).contains("Isolation-room stays").contains("iso-");
        assertThat(signedIn("admin").get("/calendar").statusCode()).isEqualTo(403);
    }

    @Test
    void theListFollowsEveryChangeInTheStore() {
        try (var store =
                org.netra.store.Store.open(org.netra.store.StoreConfig.inMemory("list-" + System.nanoTime()))) {
            var directory = new ClinicalDirectory(store, java.time.Clock.systemUTC());
            assertThat(directory.search("")).isEmpty();
            new DemoClinic(3, 3, TODAY).load(store, "demo-loader");
            assertThat(directory.search("")).hasSize(3);
            var p = store.records().get(ClinicalKinds.PATIENT, DemoClinic.patientId(1));
            var renamed = new org.netra.store.clinical.PatientRecord(
                    p.value().patient(),
                    "Renamed, Someone",
                    p.value().tumour(),
                    p.value().priorTreatments(),
                    p.value().performance(),
                    p.value().pregnant(),
                    p.value().breastfeeding());
            store.records().update(ClinicalKinds.PATIENT, p.version(), renamed, "nurse");
            assertThat(directory.search("renamed"))
                    .extracting(PatientSummary::id)
                    .containsExactly(DemoClinic.patientId(1));

            // another node on the same database deletes a follow-up patient's outcomes (a kind other than the
            // patients'): this node's very next list shows what a list made afresh shows, and that differs
            String inFollowUp = DemoClinic.patientId(3);
            var before = directory.search("");
            try (var otherNode = org.netra.store.Store.open(store.config())) {
                var outcomes = otherNode.records().list(ClinicalKinds.OUTCOME).stream()
                        .filter(o -> o.value().patientId().equals(inFollowUp))
                        .toList();
                assertThat(outcomes).isNotEmpty();
                outcomes.forEach(o -> otherNode
                        .records()
                        .delete(ClinicalKinds.OUTCOME, o.value().id(), o.version(), "nurse"));
            }
            var afresh = new ClinicalDirectory(store, java.time.Clock.systemUTC()).search("");
            assertThat(afresh).isNotEqualTo(before);
            assertThat(directory.search("")).isEqualTo(afresh);
        }
    }

    @Test
    void theTherapyAndFollowUpPagesOpenOnTheDemoClinicForTheRolesThatUseThem() {
        String pid = DemoClinic.patientId(3); // in follow-up: cycles given, RECIST and outcome recorded
        var nurse = signedIn("nurse");
        var cycle = nurse.get("/patients/" + pid + "/cycles/1");
        assertThat(cycle.statusCode()).isEqualTo(200);
        assertThat(cycle.body())
                .contains("Cycle 1 of")
                .contains("id=\"save-administration\"")
                .doesNotContain("id=\"save-dispensing\"")
                .doesNotContain("id=\"approve-cycle\"");
        assertThat(nurse.get("/patients/" + pid + "/follow-up").body())
                .contains("RECIST 1.1")
                .doesNotContain("id=\"save-event\"");
        assertThat(nurse.get("/").body()).doesNotContain("href=\"/radiopharmacy\"");
        assertThat(nurse.get("/radiopharmacy").statusCode()).isEqualTo(403);
        var pharmacist = signedIn("radiopharmacist");
        assertThat(pharmacist.get("/").body()).contains("href=\"/radiopharmacy\"");
        assertThat(pharmacist.get("/radiopharmacy").statusCode()).isEqualTo(200);
        assertThat(pharmacist.get("/patients/" + pid + "/cycles/1").body()).contains("id=\"save-dispensing\"");
        var physician = signedIn("physician");
        assertThat(physician.get("/patients/" + pid + "/follow-up").body()).contains("id=\"save-event\"");
        assertThat(physician.get("/cohort").body()).contains("id=\"at-risk\"");
    }
}
