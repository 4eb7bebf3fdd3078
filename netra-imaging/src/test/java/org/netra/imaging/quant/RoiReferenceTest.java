package org.netra.imaging.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.TestData;

/**
 * netra's ROI statistics on the real series against an independent reader (roi_reference.py: pydicom,
 * NumPy, matplotlib.path). Both rasterise at voxel centres by even–odd, so voxel counts agree to a few
 * boundary voxels (tolerance 1 % of the volume); means within 0.5 %; activities within 1 %.
 */
class RoiReferenceTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dicom/lu177-dotatate-spect/SCAN_001",
                "dicom/lu177-dotatate-spect/SCAN_002",
                "dicom/fdg-pet-sts001/pet-bqml"
            })
    void volumesActivitiesAndMeansAgreeWithPydicom(String dataset) throws Exception {
        Path root = TestData.path(dataset);
        Path image = root.resolve("image");
        Path rtstruct;
        try (Stream<Path> s = Files.list(root.resolve("mask"))) {
            rtstruct = s.findFirst().orElseThrow();
        }
        JsonNode reference = reference(image, rtstruct);
        QuantitativeImage q = RealWorldValues.bqPerMlAtScanStart(SeriesAssembler.assemble(image));
        assertThat(q.factorApplied())
                .isCloseTo(
                        reference.get("decayFactor").asDouble(),
                        within(1e-6)); // the script drops fractions of a second
        List<Mask> masks = RtStruct.read(rtstruct).rasterise(q.image().geometry());
        assertThat(masks).hasSize(reference.get("rois").size());
        for (Mask m : masks) {
            JsonNode ref = reference.get("rois").get(m.name());
            RoiStatistics r = RoiStatistics.of(q.image(), m);
            assertThat(r.volume().inMl())
                    .as(m.name())
                    .isCloseTo(
                            ref.get("volumeMl").asDouble(),
                            within(0.01 * ref.get("volumeMl").asDouble()));
            assertThat(r.activity().inMBq())
                    .as(m.name())
                    .isCloseTo(
                            ref.get("activityMBq").asDouble(),
                            within(0.01 * ref.get("activityMBq").asDouble()));
            assertThat(r.mean().inBqPerMl())
                    .as(m.name())
                    .isCloseTo(
                            ref.get("meanBqPerMl").asDouble(),
                            within(0.005 * ref.get("meanBqPerMl").asDouble()));
            assertThat(r.max().inBqPerMl())
                    .as(m.name())
                    .isCloseTo(
                            ref.get("maxBqPerMl").asDouble(),
                            within(1e-5 * ref.get("maxBqPerMl").asDouble()));
        }
    }

    private static JsonNode reference(Path image, Path rtstruct) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)
                || new ProcessBuilder(PYTHON.toString(), "-c", "import pydicom, numpy, matplotlib.path")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("pydicom, numpy and matplotlib for /usr/bin/python3 (python3-pydicom,"
                    + " python3-numpy, python3-matplotlib)");
        }
        Path script = Files.createTempFile("roi_reference", ".py");
        try (var in = RoiReferenceTest.class.getResourceAsStream("roi_reference.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), image.toString(), rtstruct.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("roi_reference.py exit code").isZero();
            return new ObjectMapper().readTree(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
