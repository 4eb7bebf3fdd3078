package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.dosimetry.cycle.VoiSource;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.CameraCalibrationBook;
import org.netra.store.clinical.CameraCalibrationSettings;
import org.netra.testkit.TestData;

/**
 * {@code netra quantify} on the real patient's first SPECT rewritten in counts (the dosimetry tests' pydicom fixture,
 * 12.5 cps/MBq): with the factor from a --calibrations file or from the settings database it gives the Bq/mL
 * series' ROI activities; with neither it refuses naming the camera and where to add the factor. And the ROIs from a
 * NIfTI label map with its names equal the RTSTRUCT's.
 */
class CountsAndVoiFilesCommandTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final CameraCalibrationSettings.Entry ROOM2 = new CameraCalibrationSettings.Entry(
            "encore2-room2-melp",
            "SIEMENS NM",
            "Encore2",
            "NM-ROOM-2",
            "MELP",
            208,
            41.6,
            "Lu-177",
            12.5,
            LocalDate.of(2018, 6, 1),
            "A. Physicist");

    @TempDir
    static Path dir;

    static Path counts;

    @BeforeAll
    static void fixture() throws Exception {
        if (!Files.isExecutable(PYTHON)
                || new ProcessBuilder(PYTHON.toString(), "-c", "import pydicom, numpy")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("pydicom and numpy for /usr/bin/python3");
        }
        Path script =
                Path.of("..", "netra-dosimetry/src/test/resources/org/netra/dosimetry/cycle/counts_spect_fixture.py");
        assertThat(script).exists();
        counts = dir.resolve("counts");
        Process p = new ProcessBuilder(
                        PYTHON.toString(),
                        script.toString(),
                        DosimetryCommandTest.scan("SCAN_001"),
                        counts.toString(),
                        "12.5")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor()).isZero();
    }

    static JsonNode quantify(String... args) throws Exception {
        var r = NuclideCommandTest.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    static void sameRois(JsonNode a, JsonNode b, double tolerance) {
        assertThat(a.get("rois")).hasSize(2).hasSameSizeAs(b.get("rois"));
        for (int i = 0; i < a.get("rois").size(); i++) {
            JsonNode x = a.get("rois").get(i);
            JsonNode y = b.get("rois").get(i);
            assertThat(x.get("name").asText()).isEqualTo(y.get("name").asText());
            assertThat(x.get("voxelCount").asInt())
                    .isEqualTo(y.get("voxelCount").asInt());
            double ya = y.get("activityMBq").asDouble();
            assertThat(x.get("activityMBq").asDouble()).isCloseTo(ya, within(tolerance * ya));
        }
    }

    @Test
    void countsWithAFactorFromAFileOrTheDatabaseGiveTheBqPerMlActivities() throws Exception {
        String rt = DosimetryCommandTest.rtstruct("SCAN_001");
        JsonNode bqml =
                quantify("quantify", "--series", DosimetryCommandTest.scan("SCAN_001"), "--rtstruct", rt, "--json");

        Path file = dir.resolve("calibrations.json");
        Files.writeString(file, """
                {"maxAgeMonths": 12, "calibrations": [{"id": "encore2-room2-melp", "manufacturer": "SIEMENS NM",
                 "model": "Encore2", "device": "NM-ROOM-2", "collimator": "MELP", "windowCentreKeV": 208,
                 "windowWidthKeV": 41.6, "nuclide": "Lu-177", "cpsPerMBq": 12.5, "measuredOn": "2018-06-01",
                 "measuredBy": "A. Physicist"}]}""", StandardCharsets.UTF_8);
        JsonNode fromFile = quantify(
                "quantify",
                "--series",
                counts.toString(),
                "--rtstruct",
                rt,
                "--calibrations",
                file.toString(),
                "--json");
        sameRois(fromFile, bqml, 1e-3);
        assertThat(fromFile.at("/series/realWorldValues").asText()).contains("encore2-room2-melp", "2018-06-01");

        // no file: the settings database (empty: refused, naming the set-up and where to add a factor)
        Path empty = dir.resolve("empty-db");
        var refused = NuclideCommandTest.run(
                "quantify", "--series", counts.toString(), "--rtstruct", rt, "--data-dir", empty.toString());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err())
                .contains(
                        "SIEMENS NM Encore2",
                        "collimator MELP",
                        "208.0 keV",
                        "no calibration factor",
                        "/admin/calibrations");

        Path db = dir.resolve("db");
        try (Store store = Store.open(StoreConfig.embedded(db))) {
            new CameraCalibrationBook(store.records()).save(0, s -> s.with(ROOM2), "physicist");
        }
        JsonNode fromDb = quantify(
                "quantify", "--series", counts.toString(), "--rtstruct", rt, "--data-dir", db.toString(), "--json");
        sameRois(fromDb, bqml, 1e-3);
    }

    @Test
    void aNamedLabelMapGivesTheRtStructsRois() throws Exception {
        String rt = DosimetryCommandTest.rtstruct("SCAN_001");
        var grid = SeriesAssembler.assemble(Path.of(DosimetryCommandTest.scan("SCAN_001")), Optional.empty())
                .volume()
                .geometry();
        List<Mask> masks = new VoiSource.RtStructFile(Path.of(rt)).read(grid, "SCAN_001");
        byte[] labels = new byte[grid.voxelCount()];
        Map<Integer, String> names = new LinkedHashMap<>();
        StringBuilder tsv = new StringBuilder("# label\tname\n");
        for (int i = 0; i < masks.size(); i++) {
            for (int v : masks.get(i).indices()) {
                labels[v] = (byte) (i + 1);
            }
            names.put(i + 1, masks.get(i).name());
            tsv.append(i + 1).append('\t').append(masks.get(i).name()).append('\n');
        }
        Path nii = dir.resolve("lesions.nii.gz");
        Nifti.write(nii, LabelMap.wrap(grid, labels, names));
        Files.writeString(dir.resolve("lesions.tsv"), tsv, StandardCharsets.UTF_8);
        JsonNode fromRt =
                quantify("quantify", "--series", DosimetryCommandTest.scan("SCAN_001"), "--rtstruct", rt, "--json");
        JsonNode fromNifti = quantify(
                "quantify", "--series", DosimetryCommandTest.scan("SCAN_001"), "--labels", nii.toString(), "--json");
        sameRois(fromNifti, fromRt, 0);
    }
}
