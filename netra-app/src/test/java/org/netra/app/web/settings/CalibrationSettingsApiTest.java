package org.netra.app.web.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.dosimetry.CameraSettings;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.CameraCalibrationBook;

/**
 * The department's camera calibration factors over a real server and database: the physicist adds, replaces and
 * removes them through the JSON API and the page's form; bad fields are 400 naming each, a stale version 409,
 * other roles 403; each save is one audited version; an old factor is flagged; the OpenAPI document lists the routes;
 * and what is stored is what the dosimetry reads.
 */
class CalibrationSettingsApiTest {
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
        c.get("/");
        return c;
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String entry(int version, String measuredOn, double cps) {
        return """
                {"version": %d, "manufacturer": "SIEMENS NM", "model": "Encore2", "device": "NM-ROOM-2",
                 "collimator": "MELP", "windowCentreKeV": 208, "windowWidthKeV": 41.6, "nuclide": "Lu-177",
                 "cpsPerMBq": %s, "measuredOn": "%s", "measuredBy": "A. Physicist"}""".formatted(version, cps, measuredOn);
    }

    @Test
    void thePhysicistKeepsTheFactorsVersionedAndAudited() throws Exception {
        var physicist = signedIn("physicist");
        var nurse = signedIn("nurse");
        assertThat(nurse.putJson("/api/settings/calibrations/room2", entry(0, "2026-01-10", 12.5))
                        .statusCode())
                .isEqualTo(403);

        var bad = physicist.putJson("/api/settings/calibrations/room2", """
                {"version": 0, "manufacturer": "SIEMENS NM", "model": "Encore2", "device": "NM-ROOM-2",
                 "collimator": "MELP", "windowCentreKeV": 208, "windowWidthKeV": 500, "nuclide": "Xx-999",
                 "cpsPerMBq": -3, "measuredBy": "A. Physicist"}""");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        JsonNode fields = json(bad).get("fields");
        assertThat(fields.get("windowWidthKeV").asText()).contains("full width");
        assertThat(fields.get("nuclide").asText()).contains("Lu-177");
        assertThat(fields.get("cpsPerMBq").asText()).contains("cps/MBq");
        assertThat(fields.get("measuredOn").asText()).contains("calibration date");

        var saved = physicist.putJson("/api/settings/calibrations/room2", entry(0, "2026-01-10", 12.5));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).get("version").asInt()).isEqualTo(1);
        var stale = physicist.putJson("/api/settings/calibrations/room2", entry(0, "2026-01-10", 12.6));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("error").asText()).contains("physicist");

        var old = physicist.putJson("/api/settings/calibrations/room2-2019", entry(1, "2019-03-01", 11.9));
        assertThat(old.statusCode()).as(old.body()).isEqualTo(200);
        JsonNode view = json(physicist.get("/api/settings/calibrations"));
        assertThat(view.get("version").asInt()).isEqualTo(2);
        assertThat(view.at("/settings/calibrations")).hasSize(2);
        assertThat(view.get("old").toString()).contains("room2-2019").doesNotContain("\"room2\"");
        assertThat(physicist.get("/admin/calibrations").body())
                .contains("room2-2019")
                .contains("re-measure")
                .contains("208.0 keV ± 10.0 %");

        // the page's form: a missing field is shown against it, nothing saved
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "2");
        form.put("id", "room3");
        form.put("manufacturer", "GE");
        form.put("model", "Discovery NM/CT 670");
        form.put("device", "NM3");
        form.put("collimator", "MEGP");
        form.put("windowCentreKeV", "208");
        form.put("windowWidthKeV", "41.6");
        form.put("nuclide", "Lu-177");
        form.put("cpsPerMBq", "");
        form.put("measuredOn", "2026-02-01");
        form.put("measuredBy", "B. Physicist");
        var missing = physicist.postForm("/admin/calibrations", form, true);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("cpsPerMBq-error");
        form.put("cpsPerMBq", "9.8");
        var added = physicist.postForm("/admin/calibrations", form, true);
        assertThat(added.statusCode()).isEqualTo(303);

        var removed = physicist.sendJson("DELETE", "/api/settings/calibrations/room2-2019?version=3", "");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed).at("/settings/calibrations")).hasSize(2);

        assertThat(server.store.audit().history("camera_calibrations", "department"))
                .hasSize(4);
        // what the dosimetry reads: the store's entries as netra-imaging's checked calibrations
        var used = CameraSettings.calibrations(
                new CameraCalibrationBook(server.store.records()).current().value());
        assertThat(used.entries())
                .extracting(c -> c.id() + " " + c.cpsPerMBq())
                .containsExactlyInAnyOrder("room2 12.5", "room3 9.8");

        var doc = json(physicist.get("/api/openapi.json")).get("paths");
        assertThat(doc.get("/api/settings/calibrations").has("get")).isTrue();
        assertThat(doc.get("/api/settings/calibrations/{id}").has("put")).isTrue();
        assertThat(doc.get("/api/settings/calibrations/{id}").has("delete")).isTrue();
    }
}
