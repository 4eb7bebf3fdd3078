package org.netra.app.web.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.cyclezero.VirtualCycleZero;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleZeroSettings;

/**
 * The virtual-cycle-0 predictors are recalibrated from the web over a real server and database, by the same code as
 * {@code netra cycle-zero recalibrate}: other roles 403, nothing measured yet 409 saying what is missing, a bad
 * version 400 naming the field, a save 200 with the new version and the patients it used, a stale version 409 naming
 * who saved in between; the page's button does the same; every save is one audited version.
 */
class CycleZeroRecalibrationApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId DEPARTMENT = ZoneId.of("Europe/Berlin");
    private static TestServer server;

    @BeforeAll
    static void start() {
        LocalDate asOf = LocalDate.of(2021, 9, 6);
        Clock clinic = Clock.fixed(asOf.atTime(9, 30).atZone(DEPARTMENT).toInstant(), DEPARTMENT);
        server = TestServer.custom(null, b -> b.clock(clinic));
        new SyntheticDemoCohort(2026, 12, asOf).load(server.store, "demo-loader");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebClient signedIn(String user) {
        var c = new WebClient(server.base);
        c.signIn(user, TestServer.password(user));
        c.get("/");
        return c;
    }

    /** Records a virtual cycle 0 (kidney SUVmean 12) for every demo course whose cycle 1 was measured; how many. */
    private static int recordCycleZeroForMeasuredCourses() {
        var records = server.store.records();
        var cycleZero = new VirtualCycleZero(records);
        var measuredCourses = records.list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.dosimetry().cycle() == 1)
                .toList();
        for (var d : measuredCourses) {
            var zero = cycleZero.predict(
                    d.patientId(), d.courseId(), d.dosimetry().date().minusWeeks(4), 12, Optional.empty(), Map.of(), 4);
            records.create(ClinicalKinds.CYCLE_ZERO, zero, "physician");
        }
        return measuredCourses.size();
    }

    @Test
    void aPhysicistRecalibratesFromTheWebAsTheCliDoes() throws Exception {
        var physicist = signedIn("physicist");
        var nurse = signedIn("nurse");
        String path = "/api/population/cycle-zero/recalibrate";

        assertThat(nurse.postJson(path, "{\"version\": 0}").statusCode()).isEqualTo(403);

        var nothing = physicist.postJson(path, "{\"version\": 0}");
        assertThat(nothing.statusCode()).as(nothing.body()).isEqualTo(409);
        assertThat(JSON.readTree(nothing.body()).get("error").asText())
                .contains("no course has both a virtual cycle 0 and a measured cycle 1");

        int measured = recordCycleZeroForMeasuredCourses();
        assertThat(measured).as("the demo cohort has measured first cycles").isGreaterThanOrEqualTo(3);

        var bad = physicist.postJson(path, "{\"version\": \"one\"}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("fields").has("version")).isTrue();

        var saved = physicist.postJson(path, "{\"version\": 0}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(saved.body());
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("previousVersion").asInt()).isZero();
        assertThat(body.get("patients").asInt()).isEqualTo(measured);
        assertThat(body.get("fits").get(0).asText()).startsWith("kidney").contains(measured + " measured");
        var stored = server.store.records().get(ClinicalKinds.CYCLE_ZERO_SETTINGS, CycleZeroSettings.ID);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.updatedBy()).isEqualTo("physicist");
        assertThat(stored.value().fit("kidney").orElseThrow().patients()).isEqualTo(measured);

        var stale = physicist.postJson(path, "{\"version\": 0}");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).get("error").asText()).contains("physicist");

        // the page's button: the same save over the version the page showed
        var page = physicist.get("/admin/population");
        assertThat(page.body()).contains("id=\"recalibrate-cycle-zero\"").contains("id=\"cycle-zero-version\">1<");
        var viaPage = physicist.postForm("/admin/population/cycle-zero", Map.of("version", "1"), true);
        assertThat(viaPage.statusCode()).isEqualTo(200);
        assertThat(viaPage.body())
                .contains("recalibrated from " + measured + " patients and saved as version 2 (was 1)")
                .contains("id=\"cycle-zero-version\">2<");
        var stalePage = physicist.postForm("/admin/population/cycle-zero", Map.of("version", "1"), true);
        assertThat(stalePage.statusCode()).isEqualTo(409);
        assertThat(stalePage.body()).contains("cycle-zero-message");

        assertThat(server.store.audit().history(ClinicalKinds.CYCLE_ZERO_SETTINGS.name(), CycleZeroSettings.ID))
                .hasSize(2);
    }
}
