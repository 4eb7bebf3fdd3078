package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.dosimetry.cycle.VoiSource;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.TestData;

/**
 * A web dosimetry job on an upload of the real patient's first SPECT in counts (the dosimetry tests' pydicom fixture,
 * 12.5 cps/MBq) with its lesions as a NIfTI label map and JSON names: refused while netra's settings hold no factor
 * for the camera (the job's error says where to add one), and, once the physicist has added it, the same lesion
 * activities as the Bq/mL original with its RTSTRUCT, naming the calibration used.
 */
class CountsUploadJobTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;

    @TempDir
    static Path dir;

    static byte[] countsZip;

    @BeforeAll
    static void start() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)
                || new ProcessBuilder(python.toString(), "-c", "import pydicom, numpy")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("pydicom and numpy for /usr/bin/python3");
        }
        Path scan = TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image");
        Path counts = dir.resolve("SCAN_001");
        Process p = new ProcessBuilder(
                        python.toString(),
                        Path.of(
                                        "..",
                                        "netra-dosimetry/src/test/resources/org/netra/dosimetry/cycle/counts_spect_fixture.py")
                                .toString(),
                        scan.toString(),
                        counts.toString(),
                        "12.5")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor()).isZero();
        var grid = SeriesAssembler.assemble(scan, Optional.empty()).volume().geometry();
        Path rt;
        try (Stream<Path> files = Files.list(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/mask"))) {
            rt = files.findFirst().orElseThrow();
        }
        List<Mask> masks = new VoiSource.RtStructFile(rt).read(grid, "SCAN_001");
        byte[] labels = new byte[grid.voxelCount()];
        Map<Integer, String> names = new LinkedHashMap<>();
        for (int i = 0; i < masks.size(); i++) {
            for (int v : masks.get(i).indices()) {
                labels[v] = (byte) (i + 1);
            }
            names.put(i + 1, masks.get(i).name());
        }
        Path nii = dir.resolve("lesions.nii.gz");
        Nifti.write(nii, LabelMap.wrap(grid, labels, names));
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            try (Stream<Path> files = Files.list(counts)) {
                for (Path f : files.sorted().toList()) {
                    zip.putNextEntry(new ZipEntry("SCAN_001/" + f.getFileName()));
                    zip.write(Files.readAllBytes(f));
                }
            }
            zip.putNextEntry(new ZipEntry("voi/lesions.nii.gz"));
            zip.write(Files.readAllBytes(nii));
            zip.putNextEntry(new ZipEntry("voi/lesions.json"));
            zip.write(JSON.writeValueAsString(names).getBytes(StandardCharsets.UTF_8));
        }
        countsZip = bytes.toByteArray();
        server = TestServer.custom(null, b -> b);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode run(WebClient c, byte[] zip) throws Exception {
        var res = c.send(
                DosimetryJobTest.upload(c, "/api/dosimetry/jobs", zip, "local-deposition", Map.of("recovery", "none")));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        String id = JSON.readTree(res.body()).get("id").asText();
        assertThat(server.app.jobs().awaitIdle(Duration.ofMinutes(5))).isTrue();
        return JSON.readTree(c.get("/api/dosimetry/jobs/" + id).body());
    }

    @Test
    void countsNeedTheCamerasFactorAndThenMatchTheBqPerMlOriginal() throws Exception {
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        physicist.get("/dosimetry/jobs");

        JsonNode refused = run(physicist, countsZip);
        assertThat(refused.get("state").asText()).isEqualTo("FAILED");
        assertThat(refused.toString()).contains("SIEMENS NM Encore2", "collimator MELP", "/admin/calibrations");

        var put = physicist.putJson("/api/settings/calibrations/encore2-room2-melp", """
                {"version": 0, "manufacturer": "SIEMENS NM", "model": "Encore2", "device": "NM-ROOM-2",
                 "collimator": "MELP", "windowCentreKeV": 208, "windowWidthKeV": 41.6, "nuclide": "Lu-177",
                 "cpsPerMBq": 12.5, "measuredOn": "2018-06-01", "measuredBy": "A. Physicist"}""");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode fromCounts = run(physicist, countsZip);
        assertThat(fromCounts.get("state").asText()).as(fromCounts.toString()).isEqualTo("DONE");
        assertThat(fromCounts.toString()).contains("encore2-room2-melp");

        // the Bq/mL original of the same scan with its RTSTRUCT
        byte[] original = DosimetryJobTest.zip(TestData.path("dicom/lu177-dotatate-spect"));
        var res = physicist.send(DosimetryJobTest.upload(
                physicist,
                "/api/dosimetry/jobs",
                original,
                "local-deposition",
                Map.of("recovery", "none", "timepoints", "SCAN_001")));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        assertThat(server.app.jobs().awaitIdle(Duration.ofMinutes(5))).isTrue();
        JsonNode bqml = JSON.readTree(physicist
                .get("/api/dosimetry/jobs/"
                        + JSON.readTree(res.body()).get("id").asText())
                .body());
        assertThat(bqml.get("state").asText()).isEqualTo("DONE");
        JsonNode a = fromCounts.at("/result/vois");
        JsonNode b = bqml.at("/result/vois");
        assertThat(a).hasSize(2).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).get("name").asText())
                    .isEqualTo(b.get(i).get("name").asText());
            assertThat(a.get(i).get("volumeMl").asDouble())
                    .isEqualTo(b.get(i).get("volumeMl").asDouble());
            double activity = b.get(i).at("/activityMBq/0").asDouble();
            assertThat(a.get(i).at("/activityMBq/0").asDouble()).isCloseTo(activity, within(1e-3 * activity));
            double dose = b.get(i).get("doseGy").asDouble();
            assertThat(a.get(i).get("doseGy").asDouble()).isCloseTo(dose, within(1e-3 * dose));
        }
        assertThat(a.toString()).contains("lesion1 liver R lobe");
    }
}
