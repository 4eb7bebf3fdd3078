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
                 "site": "small_intestine", "grade": "g2", "ki67": 7, "ki67Date": "2024-03-01"}"""
                .formatted(name, birth, mrn);
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
        assertThat(json(sameMrn).get("error").asText()).contains(id).contains("Lindqvist, Maja").contains("MRN");
        var sameName = physician.postJson("/api/patients", patientJson("lindqvist,  maja", "MRN-9", "1961-04-12"));
        assertThat(sameName.statusCode()).isEqualTo(409);
        assertThat(json(sameName).get("error").asText()).contains(id).contains("birth date");

        // missing field, impossible value, wrong choice: 400 with one message per field
        var bad = physician.postJson(
                "/api/patients",
                """
                {"name": "New, Person", "sex": "unknown", "mrn": "MRN-2", "heightCm": 1.7, "weightKg": 64,
                 "site": "pancreas", "grade": "g1", "ki67": 150, "ki67Date": "2024-01-01"}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        var fields = json(bad).get("fields");
        assertThat(fields.get("birthDate").asText()).contains("birth date").contains("required");
        assertThat(fields.get("sex").asText()).contains("sex");
        assertThat(fields.get("heightCm").asText()).contains("height").contains("centimetres");
        assertThat(fields.get("ki67").asText()).contains("Ki-67");

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
        var noVersion = physician.putJson("/api/patients/" + id, patientJson("Lindqvist, Maja", "MRN-1001", "1961-04-12"));
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
        var record = server.store.records().get(ClinicalKinds.PATIENT, id);
        assertThat(record.version()).isEqualTo(3);
        assertThat(record.value().priorTreatments().getFirst().detail()).isEqualTo("everolimus: 10 mg daily");
        assertThat(record.value().patient().weights()).hasSize(1);
        assertThat(server.store.audit().history("patient", id)).hasSize(3);

        // the nurse may not register or edit
        var nurse = signedIn("nurse");
        assertThat(nurse.postJson("/api/patients", patientJson("A, B", "X-1", "1950-01-01")).statusCode())
                .isEqualTo(403);
        // search by MRN and by birth date
        assertThat(physician.get("/api/patients?q=mrn-1001").body()).contains(id);
        assertThat(physician.get("/api/patients?q=1961-04-12").body()).contains(id);
    }
}
