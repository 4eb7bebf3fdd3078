package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;

/** A demo patient's stored cycle shows the twin's kidney time–activity curve the dosimetry stored with it. */
class StoredCycleCurvesTest {
    @Test
    void theCyclePageDrawsTheStoredCurve() throws Exception {
        try (var server = TestServer.custom(null, b -> b)) {
            new SyntheticDemoCohort(2026, 20, LocalDate.of(2021, 9, 6)).load(server.store, "demo-loader");
            DosimetryRecord rec = server.store
                    .records()
                    .list(ClinicalKinds.DOSIMETRY)
                    .getFirst()
                    .value();
            var kidneys = server.store
                    .records()
                    .get(ClinicalKinds.CYCLE_CURVES, rec.id())
                    .value()
                    .regions()
                    .getFirst();
            // independent of the pipeline: the stored points fall with the cycle's kidney effective half-life
            var first = kidneys.measured().getFirst();
            var last = kidneys.measured().getLast();
            double slope =
                    Math.log(last.activity().inMBq() / first.activity().inMBq()) / (last.hours() - first.hours());
            double teffH = rec.dosimetry().kidneyEffectiveHalfLife().toMinutes() / 60.0;
            assertThat(-Math.log(2) / slope).isCloseTo(teffH, within(0.05));
            assertThat(kidneys.model()).containsIgnoringCase("mono");

            var c = new WebClient(server.base);
            c.signIn("nurse", TestServer.password("nurse"));
            var page = c.get("/patients/" + rec.patientId() + "/dosimetry/"
                    + rec.dosimetry().cycle());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("appear here when").contains("Time–activity curves");
            var tac = new ObjectMapper().readTree(chartSpec(page.body(), "cycle-tac"));
            var measured = tac.get("datasets").get(0).get("points");
            assertThat(measured).hasSize(kidneys.measured().size());
            for (int i = 0; i < measured.size(); i++) {
                var point = kidneys.measured().get(i);
                assertThat(measured.get(i).get("x").asDouble()).isEqualTo(point.hours());
                double mBq = point.activity().inMBq();
                assertThat(measured.get(i).get("y").asDouble()).isCloseTo(mBq, within(1e-4 * mBq));
            }
            assertThat(tac.get("datasets").get(1).get("points"))
                    .hasSize(kidneys.curve().size());
            assertThat(page.body()).as("the twin keeps no voxel dose").doesNotContain("cycle-dvh");
        }
    }

    /** The data-chart attribute of the canvas {@code id}, unescaped. */
    private static String chartSpec(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        int from = html.indexOf("data-chart=\"", at) + "data-chart=\"".length();
        return html.substring(from, html.indexOf('"', from))
                .replace("&#34;", "\"")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
