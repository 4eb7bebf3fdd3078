package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's AOT training must run to its end, every run in it exiting 0 (a training that throws leaves the launcher without a cache, said
 * once on stderr), and its series must be what {@code dicom info} reads as a real one: one NM series in Bq/mL.
 */
class StartupTrainingTest {
    @Test
    void theTrainingRunsToItsEnd() throws Exception {
        StartupTraining.main(new String[0]);
    }

    @Test
    void itsSeriesReadsAsOneQuantitativeNmSeries(@TempDir Path dir) throws Exception {
        StartupTraining.writeSeries(dir);
        var r = NuclideCommandTest.run("dicom", "info", dir.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode s = json.get("series");
        assertThat(s).hasSize(1);
        assertThat(s.at("/0/modality").asText()).isEqualTo("NM");
        assertThat(s.at("/0/files").asInt()).isEqualTo(40);
        assertThat(s.at("/0/units").asText()).isEqualTo("BQML");
        assertThat(s.at("/0/sliceSpacingMm").asDouble()).isCloseTo(4, within(1e-9));
        assertThat(s.at("/0/injectedMBq").asDouble()).isCloseTo(7400, within(1e-6));
        assertThat(json.get("skipped")).isEmpty();
    }
}
