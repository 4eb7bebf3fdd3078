package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.testkit.TestData;

/** The web's job with the Monte Carlo method: the form offers it and the result carries both methods per VOI. */
class MonteCarloJobTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMonteCarloJobReportsEachLesionBesideTheKernel() throws Exception {
        byte[] zip = DosimetryJobTest.zip(TestData.path("dicom/lu177-dotatate-spect"));
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        assertThat(physicist.get("/dosimetry/jobs").body()).contains("value=\"monte-carlo\"");
        var res =
                physicist.send(DosimetryJobTest.upload(physicist, "/api/dosimetry/jobs", zip, "monte-carlo", Map.of()));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        var json = new ObjectMapper();
        String id = json.readTree(res.body()).get("id").asText();
        assertThat(server.app.jobs().awaitIdle(java.time.Duration.ofMinutes(10)))
                .isTrue();
        var job = json.readTree(physicist.get("/api/dosimetry/jobs/" + id).body());
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("DONE");
        var report = json.readTree(
                physicist.get("/api/dosimetry/jobs/" + id + "/result").body());
        assertThat(report.get("method").asText()).isEqualTo("monte-carlo");
        var mc = report.get("monteCarlo");
        assertThat(mc.get("geometry").asText()).contains("no CT");
        assertThat(mc.get("rows")).hasSize(2);
        for (var row : mc.get("rows")) {
            // the CLI measured +2.6 % and +2.5 % on these lesions: within the 5 % that would flag them
            assertThat(row.get("kernelGy").asDouble()).isPositive();
            assertThat(Math.abs(row.get("differencePercent").asDouble())).isLessThan(5);
            assertThat(row.get("flagged").asBoolean()).isFalse();
            assertThat(row.get("monteCarloSdGy").asDouble()).isPositive();
        }
    }
}
