package org.netra.app.web.entry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.ClinicalKinds;

/**
 * The JSON API of record entry over a real server and database: every create/update route refuses a missing
 * field, a wrong unit, an impossible value and a stale version with 400/409 and a message naming the field.
 */
class RecordEntryApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebClient signedIn(String user) {
        var c = new WebClient(server.base);
        c.signIn(user, TestServer.password(user));
        c.get("/"); // the session's CSRF token after sign-in
        return c;
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String patientJson(String name, String mrn, String birth) {
        return """
                {"name": "%s", "birthDate": "%s", "sex": "female", "mrn": "%s", "heightCm": 168, "weightKg": 64.5,
                 "site": "small_intestine", "grade": "g2", "ki67": 7, "ki67Date": "2024-03-01", "ecog": 1,
                 "ecogDate": "2024-03-01", "pregnancy": "not_recorded"}""".formatted(name, birth, mrn);
    }

    @Test
    void registeringEditingAndDuplicatesOfAPatient() throws Exception {
        var physician = signedIn("physician");
        var created = physician.postJson("/api/patients", patientJson("Lindqvist, Maja", "MRN-1001", "1961-04-12"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();
        assertThat(id).matches("P-\\d{4}");
        assertThat(json(created).get("version").asInt()).isEqualTo(1);

        // the same MRN (spacing and case aside) or the same name and birth date: refused, naming the patient
        var sameMrn = physician.postJson("/api/patients", patientJson("Other, Person", "mrn 1001", "1970-01-01"));
        assertThat(sameMrn.statusCode()).isEqualTo(409);
        assertThat(json(sameMrn).get("error").asText())
                .contains(id)
                .contains("Lindqvist, Maja")
                .contains("MRN");
        var sameName = physician.postJson("/api/patients", patientJson("lindqvist,  maja", "MRN-9", "1961-04-12"));
        assertThat(sameName.statusCode()).isEqualTo(409);
        assertThat(json(sameName).get("error").asText()).contains(id).contains("birth date");

        // missing field, impossible value, wrong choice: 400 with one message per field
        var bad = physician.postJson("/api/patients", """
                {"name": "New, Person", "sex": "unknown", "mrn": "MRN-2", "heightCm": 1.7, "weightKg": 64,
                 "site": "pancreas", "grade": "g1", "ki67": 150, "ki67Date": "2024-01-01", "ecog": 7,
                 "pregnancy": "maybe"}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        var fields = json(bad).get("fields");
        assertThat(fields.get("birthDate").asText()).contains("birth date").contains("required");
        assertThat(fields.get("sex").asText()).contains("sex");
        assertThat(fields.get("heightCm").asText()).contains("height").contains("centimetres");
        assertThat(fields.get("ki67").asText()).contains("Ki-67");
        assertThat(fields.get("ecog").asText()).contains("ECOG").contains("0–5");
        assertThat(fields.get("pregnancy").asText()).contains("not_pregnant");

        // an edit names the version read; a second edit from the same version is stale
        String edit = patientJson("Lindqvist, Maja", "MRN-1001", "1961-04-12")
                .replace("\"weightKg\": 64.5", "\"weightKg\": 61, \"version\": 1");
        var edited = physician.putJson("/api/patients/" + id, edit);
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(json(edited).get("version").asInt()).isEqualTo(2);
        var stale = physician.putJson("/api/patients/" + id, edit.replace("\"grade\": \"g2\"", "\"grade\": \"g3\""));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("error").asText())
                .contains("changed by physician")
                .contains("version 1")
                .contains("patient.weights");
        var noVersion =
                physician.putJson("/api/patients/" + id, patientJson("Lindqvist, Maja", "MRN-1001", "1961-04-12"));
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(json(noVersion).get("fields").get("version").asText()).contains("version");

        var treatment = physician.postJson(
                "/api/patients/" + id + "/treatments",
                "{\"therapy\": \"everolimus\", \"start\": \"2023-02-01\", \"end\": \"2023-01-01\", \"version\": 2}");
        assertThat(treatment.statusCode()).isEqualTo(400);
        assertThat(json(treatment).get("fields").get("end").asText()).contains("before it starts");
        var added = physician.postJson(
                "/api/patients/" + id + "/treatments",
                "{\"therapy\": \"everolimus\", \"start\": \"2023-02-01\", \"detail\": \"10 mg daily\", \"version\": 2}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        var staleTreatment = physician.postJson(
                "/api/patients/" + id + "/treatments",
                "{\"therapy\": \"surgery\", \"start\": \"2022-02-01\", \"version\": 2}");
        assertThat(staleTreatment.statusCode()).isEqualTo(409);
        assertThat(json(staleTreatment).get("error").asText())
                .contains("version 2")
                .contains("priorTreatments");
        var record = server.store.records().get(ClinicalKinds.PATIENT, id);
        assertThat(record.version()).isEqualTo(3);
        assertThat(record.value().priorTreatments().getFirst().detail()).isEqualTo("everolimus: 10 mg daily");
        assertThat(record.value().patient().weights()).hasSize(1);
        assertThat(record.value().performance()).hasSize(1);
        assertThat(record.value().pregnant()).isEmpty();
        assertThat(server.store.audit().history("patient", id)).hasSize(3);

        // the nurse may not register or edit
        var nurse = signedIn("nurse");
        assertThat(nurse.postJson("/api/patients", patientJson("A, B", "X-1", "1950-01-01"))
                        .statusCode())
                .isEqualTo(403);
        // search by MRN and by birth date
        assertThat(physician.get("/api/patients?q=mrn-1001").body()).contains(id);
        assertThat(physician.get("/api/patients?q=1961-04-12").body()).contains(id);
    }

    /** A registered patient for the other tests (female, born 1961-04-12, G2, Ki-67 7 %). */
    static String registered(WebClient physician, String mrn, String name) throws Exception {
        var r = physician.postJson("/api/patients", patientJson(name, mrn, "1961-04-12"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    /**
     * A nurse enters labs in the units the lab wrote. By hand: creatinine 0.9 mg/dL × 88.4 = 79.56 µmol/L;
     * CKD-EPI 2021 for a woman of 63 (Inker 2021): 142 × (0.9/0.7)^−1.200 × 0.9938^63 × 1.012 = 71.8 → 72;
     * Hb 125 g/L = 12.5 g/dL (≥ LLN 12: G0); platelets 70 ×10⁹/L: CTCAE G2 (< 75, ≥ 50); bilirubin 1.2 mg/dL
     * × 17.10 = 20.52 µmol/L.
     */
    @Test
    void labsAreEnteredInTheUnitsWrittenConvertedGradedAndRefusedNamingTheField() throws Exception {
        var physician = signedIn("physician");
        String id = registered(physician, "MRN-2001", "Okafor, Ada");
        var nurse = signedIn("nurse");
        String panel = """
                {"sampled": "2024-05-02", "haemoglobin": 125, "haemoglobinUnit": "g/L", "platelets": 70,
                 "plateletsUnit": "×10⁹/L", "creatinine": 0.9, "creatinineUnit": "mg/dL", "bilirubin": 1.2,
                 "bilirubinUnit": "mg/dL", "chromograninA": "1250", "chromograninAUnit": "ng/mL"}""";
        var created = nurse.postJson("/api/patients/" + id + "/labs", panel);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var view = json(created);
        assertThat(view.get("egfr").asText()).isEqualTo("72 mL/min/1.73m²");
        assertThat(view.get("version").asInt()).isEqualTo(1);
        var rows = new java.util.HashMap<String, JsonNode>();
        view.get("rows").forEach(r -> rows.put(r.get("analyte").asText(), r));
        assertThat(rows.get("haemoglobin").get("value").asText()).isEqualTo("12.5");
        assertThat(rows.get("haemoglobin").get("unit").asText()).isEqualTo("g/dL");
        assertThat(rows.get("haemoglobin").get("ctcae").asText()).startsWith("G0");
        assertThat(rows.get("platelets").get("ctcae").asText()).isEqualTo("G2 (platelet count decreased)");
        assertThat(rows.get("platelets").get("unit").asText()).isEqualTo("×10⁹/L");
        assertThat(rows.get("creatinine").get("value").asText()).isEqualTo("79.56");
        assertThat(rows.get("bilirubin").get("value").asText()).isEqualTo("20.52");
        assertThat(rows.get("chromogranin A").get("unit").asText()).isEqualTo("µg/L");

        // wrong unit, impossible value, missing date: each named
        var bad = nurse.postJson("/api/patients/" + id + "/labs", """
                {"haemoglobin": 12.5, "haemoglobinUnit": "mg/dL", "platelets": -3, "creatinine": 900,
                 "creatinineUnit": "mg/dL"}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        var fields = json(bad).get("fields");
        assertThat(fields.get("sampled").asText()).contains("date sampled").contains("required");
        assertThat(fields.get("haemoglobinUnit").asText()).contains("mg/dL").contains("haemoglobin");
        assertThat(fields.get("platelets").asText()).contains("platelets").contains("negative");
        assertThat(fields.get("creatinine").asText()).contains("creatinine").contains("impossible");
        var empty = nurse.postJson("/api/patients/" + id + "/labs", "{\"sampled\": \"2024-05-02\"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("fields").get("haemoglobin").asText()).contains("at least one value");

        // a correction names the version; a stale one is refused with who and what changed
        String key = view.get("panel").asText();
        String fix = panel.replace("\"platelets\": 70", "\"platelets\": 72").replace("{", "{\"version\": 1, ");
        var fixed = physician.putJson("/api/patients/" + id + "/labs/" + key, fix);
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
        var stale = nurse.putJson("/api/patients/" + id + "/labs/" + key, fix);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("error").asText())
                .contains("physician")
                .contains("version 1")
                .contains("results");

        // the chart shows the units as written and the eGFR, never the enum names
        var chart = nurse.get("/patients/" + id);
        assertThat(chart.body())
                .contains("haemoglobin (g/dL)")
                .contains("platelets (×10⁹/L)")
                .contains("eGFR (mL/min/1.73m²)")
                .contains("72")
                .doesNotContain("G_PER_DL")
                .doesNotContain("PER_NL")
                .doesNotContain("UMOL_PER_L");
        assertThat(signedIn("physicist")
                        .postJson("/api/patients/" + id + "/labs", panel)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void diagnosisRecordsSrsBoneMibgPetAndRadiotherapy() throws Exception {
        var physician = signedIn("physician");
        String id = registered(physician, "MRN-3001", "Nakamura, Emi");

        var srsBad = physician.postJson(
                "/api/patients/" + id + "/studies/srs",
                "{\"injection\": \"2024-04-02 09:15\", \"lesion1Organ\": \"liver\", \"lesion2Krenning\": 3,"
                        + " \"lesion3Organ\": \"ileum\", \"lesion3Krenning\": 7}");
        assertThat(srsBad.statusCode()).isEqualTo(400);
        var f = json(srsBad).get("fields");
        assertThat(f.get("at4h").asText()).contains("reads");
        assertThat(f.get("lesion1Krenning").asText()).contains("Krenning");
        assertThat(f.get("lesion2Organ").asText()).contains("lesion 2");
        assertThat(f.get("lesion3Krenning").asText()).contains("0–4");
        var srs = physician.postJson(
                "/api/patients/" + id + "/studies/srs",
                "{\"injection\": \"2024-04-02T09:15\", \"at4h\": true, \"at24h\": true, \"at48h\": true,"
                        + " \"lesion1Organ\": \"liver\", \"lesion1Krenning\": 4, \"lesion2Organ\": \"L3 vertebra\","
                        + " \"lesion2Skeletal\": true, \"lesion2Krenning\": 3}");
        assertThat(srs.statusCode()).as(srs.body()).isEqualTo(201);
        var srsView = json(srs);
        assertThat(srsView.get("reads").toString())
                .contains("2024-04-02T13:15", "2024-04-03T09:15", "2024-04-04T09:15");
        assertThat(srsView.get("lesions").get(0).get("krenning").asText()).startsWith("4");

        // bone: a suspicious focus → CT, MRI or biopsy, until one is done; a stale work-up is refused
        var bone = physician.postJson(
                "/api/patients/" + id + "/studies/bone",
                "{\"injection\": \"2024-04-05T08:00\", \"finding1Site\": \"T8 vertebra\", \"finding1Kind\":"
                        + " \"suspicious\", \"finding2Site\": \"left knee\", \"finding2Kind\": \"degenerative\"}");
        assertThat(bone.statusCode()).as(bone.body()).isEqualTo(201);
        var boneView = json(bone);
        assertThat(boneView.get("findings").get(0).get("outstanding").asText()).isEqualTo("CT or MRI or biopsy");
        assertThat(boneView.get("findings").get(1).get("outstanding").asText()).isEqualTo("nothing");
        String boneId = boneView.get("study").asText();
        String workUp = "{\"finding\": 1, \"test\": \"mri\", \"date\": \"2024-04-12\", \"result\": \"haemangioma\","
                + " \"version\": 1}";
        var done = physician.postJson("/api/patients/" + id + "/studies/" + boneId + "/workup", workUp);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).get("findings").get(0).get("outstanding").asText())
                .isEqualTo("nothing");
        assertThat(json(done).get("findings").get(0).get("done").asText()).contains("MRI on 2024-04-12");
        var staleWorkUp = physician.postJson("/api/patients/" + id + "/studies/" + boneId + "/workup", workUp);
        assertThat(staleWorkUp.statusCode()).isEqualTo(409);
        assertThat(json(staleWorkUp).get("error").asText())
                .contains("version 1")
                .contains("study.boneFindings");
        var badWorkUp = physician.postJson(
                "/api/patients/" + id + "/studies/" + boneId + "/workup",
                "{\"finding\": 5, \"test\": \"pet\", \"version\": 2}");
        assertThat(badWorkUp.statusCode()).isEqualTo(400);
        assertThat(json(badWorkUp).get("fields").get("test").asText()).contains("test");
        assertThat(json(badWorkUp).get("fields").get("date").asText()).contains("required");

        // MIBG: by hand (MIRD 16) √(1000 · 400) cps × e^(0.12 × 20 / 2) / 10 cps/MBq = 632.46 × 3.3201 / 10 = 209.98
        // MBq
        var mibg = physician.postJson(
                "/api/patients/" + id + "/studies/mibg",
                "{\"tracer\": \"i123_mibg\", \"injection\": \"2024-04-08T10:00\", \"lesion1Organ\": \"left adrenal\","
                        + " \"anteriorCounts\": 300000, \"posteriorCounts\": 120000, \"seconds\": 300, \"muPerCm\": 0.12,"
                        + " \"thicknessCm\": 20, \"cpsPerMBq\": 10}");
        assertThat(mibg.statusCode()).as(mibg.body()).isEqualTo(201);
        var planar = json(mibg).get("planar").get(0);
        assertThat(planar.get("geometricMeanCps").asText()).isEqualTo("632.5");
        assertThat(planar.get("activityMBq").asText()).isEqualTo("210");
        var mibgBad = physician.postJson(
                "/api/patients/" + id + "/studies/mibg",
                "{\"tracer\": \"ga68_dotatate\", \"injection\": \"2024-04-08T10:00\", \"lesion1Organ\": \"adrenal\","
                        + " \"anteriorCounts\": -5, \"posteriorCounts\": 10, \"seconds\": 0, \"muPerCm\": 0.12,"
                        + " \"thicknessCm\": 20, \"cpsPerMBq\": 10}");
        assertThat(mibgBad.statusCode()).isEqualTo(400);
        var mf = json(mibgBad).get("fields");
        assertThat(mf.get("tracer").asText()).contains("123I-MIBG");
        assertThat(mf.get("anteriorCounts").asText()).contains("anterior counts");
        assertThat(mf.get("seconds").asText()).contains("acquisition time");

        // PET: the catalogue proposes SSTR PET for a G2 NET with Ki-67 7 %
        var tracers = json(physician.get("/api/patients/" + id + "/tracers"));
        assertThat(tracers.get("netType").asText()).isEqualTo("well differentiated net");
        assertThat(tracers.get("tracers").get(0).get("tracer").asText()).isEqualTo("GA68_DOTATATE");
        var pet = physician.postJson(
                "/api/patients/" + id + "/studies/pet",
                "{\"tracer\": \"ga68_dotatate\", \"injection\": \"2024-04-09T11:00\", \"lesion1Organ\": \"liver\","
                        + " \"lesion1SuvMax\": 24.5, \"lesion1SuvPeak\": 18.2, \"lesion1Krenning\": 4}");
        assertThat(pet.statusCode()).as(pet.body()).isEqualTo(201);
        var petBad = physician.postJson(
                "/api/patients/" + id + "/studies/pet",
                "{\"tracer\": \"i123_mibg\", \"injection\": \"2024-04-09T11:00\", \"lesion1Organ\": \"liver\","
                        + " \"lesion1SuvMax\": 4, \"lesion1SuvPeak\": 9}");
        assertThat(petBad.statusCode()).isEqualTo(400);
        assertThat(json(petBad).get("fields").get("tracer").asText()).contains("not a PET tracer");

        var rtBad = physician.postJson(
                "/api/patients/" + id + "/radiotherapy",
                "{\"start\": \"2024-04-20\", \"doseGy\": 800, \"fractions\": 0}");
        assertThat(rtBad.statusCode()).isEqualTo(400);
        var rf = json(rtBad).get("fields");
        assertThat(rf.get("site").asText()).contains("site");
        assertThat(rf.get("doseGy").asText()).contains("total dose");
        assertThat(rf.get("fractions").asText()).contains("fractions");
        var rt = physician.postJson(
                "/api/patients/" + id + "/radiotherapy",
                "{\"start\": \"2024-04-20\", \"site\": \"T8 vertebra\", \"doseGy\": 8, \"fractions\": 1}");
        assertThat(rt.statusCode()).as(rt.body()).isEqualTo(201);

        var chart = physician.get("/patients/" + id).body();
        assertThat(chart).contains("111In-pentetreotide").contains("Krenning above spleen kidneys");
        assertThat(chart).contains("external beam, T8 vertebra: 8 Gy in 1 fraction(s), palliative");
        assertThat(server.store.records().forPatient(ClinicalKinds.STUDY, id)).hasSize(4);
    }

    @Test
    void theAdministratorSetsEligibilityLimitsAndEveryVerdictNamesTheirVersion() throws Exception {
        var physician = signedIn("physician");
        String id = registered(physician, "MRN-4001", "Silva, Rosa");
        var first = physician.postJson("/api/patients/" + id + "/eligibility", "{}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("settingsVersion").asInt()).isZero();

        var admin = signedIn("admin");
        String limits = "{\"version\": 0, \"ki67\": 15, \"platelets\": 100, \"haemoglobin\": 9,"
                + " \"neutrophils\": 1.5, \"clearance\": 50, \"krenning\": 3, \"labAgeDays\": 21, \"ecog\": 2}";
        assertThat(physician.putJson("/api/settings/eligibility", limits).statusCode())
                .isEqualTo(403);
        var bad = admin.putJson(
                "/api/settings/eligibility",
                limits.replace("\"ki67\": 15", "\"ki67\": 250").replace("\"labAgeDays\": 21", "\"labAgeDays\": 60"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("fields").get("ki67").asText()).contains("Ki-67 cut-off");
        assertThat(json(bad).get("fields").get("labAgeDays").asText()).contains("age of labs");
        var saved = admin.putJson("/api/settings/eligibility", limits);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).get("version").asInt()).isEqualTo(1);
        var stale = admin.putJson("/api/settings/eligibility", limits);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("error").asText()).contains("admin").contains("version 0");

        var second = physician.postJson("/api/patients/" + id + "/eligibility", "{}");
        assertThat(json(second).get("settingsVersion").asInt()).isEqualTo(1);
        var criteria = json(second).at("/verdict/criteria").toString();
        assertThat(criteria).contains("≥ 100 ×10⁹/L").contains("neutrophils").contains("set by the department");
        assertThat(physician.get("/patients/" + id).body()).contains("eligibility settings, version 1");
        assertThat(server.store.audit().history("eligibility_settings", "department"))
                .hasSize(1);
    }

    @Test
    void theOpenApiDocumentListsEveryEntryOperation() throws Exception {
        var doc = json(signedIn("nurse").get("/api/openapi.json")).get("paths");
        assertThat(doc.get("/api/patients").has("post")).isTrue();
        assertThat(doc.get("/api/patients/{id}").has("put")).isTrue();
        assertThat(doc.get("/api/patients/{id}/treatments").has("post")).isTrue();
        assertThat(doc.get("/api/patients/{id}/labs").has("post")).isTrue();
        assertThat(doc.get("/api/patients/{id}/labs/{panel}").has("put")).isTrue();
        for (String s : new String[] {"srs", "bone", "mibg", "pet"}) {
            assertThat(doc.get("/api/patients/{id}/studies/" + s).has("post"))
                    .as(s)
                    .isTrue();
        }
        assertThat(doc.get("/api/patients/{id}/studies/{study}/workup").has("post"))
                .isTrue();
        assertThat(doc.get("/api/patients/{id}/radiotherapy").has("post")).isTrue();
        assertThat(doc.get("/api/settings/eligibility").has("put")).isTrue();
        assertThat(doc.get("/api/patients/{id}/eligibility").has("post")).isTrue();
        assertThat(doc.at("/~1api~1patients~1{id}~1labs/post/x-netra-permission")
                        .asText())
                .isEqualTo("EDIT_PATIENT | RECORD_CARE");
    }
}
