package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.quant.CameraCalibration;
import org.netra.imaging.quant.CameraCalibrations;
import org.netra.imaging.quant.EnergyWindow;
import org.netra.imaging.quant.MissingCalibrationException;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.TestData;

/**
 * The real 177Lu patient's SPECT turned into counts (counts_spect_fixture.py rescales each file with pydicom by a
 * known sensitivity, 12.5 cps/MBq, over the series' 1506 s acquisition, and rewrites Units/Decay Correction and the
 * camera set-up tags): the pipeline, given the matching calibration from netra's settings, must find the Bq/mL
 * original's VOI activities within 0.1 %, say which calibration it used, refuse a set-up it has no factor for and
 * warn about an old factor.
 */
class CountsSpectCycleTest {
    static final double SENSITIVITY = 12.5;
    static final CameraCalibration MELP = new CameraCalibration(
            "encore2-room2-melp",
            new CameraCalibration.CameraIdentity("SIEMENS NM", "Encore2", "NM-ROOM-2"),
            "MELP",
            new EnergyWindow(208, 41.6),
            "Lu-177",
            SENSITIVITY,
            LocalDate.of(2018, 6, 1),
            "A. Physicist");

    @TempDir
    static Path dir;

    static List<Path> counts = new ArrayList<>();
    static JsonNode probe;
    static Path silent;

    @BeforeAll
    static void fixture() throws Exception {
        Path python = RealPatientCycleTest.PYTHON;
        if (!Files.isExecutable(python)
                || new ProcessBuilder(python.toString(), "-c", "import pydicom, numpy")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("pydicom and numpy for /usr/bin/python3 (python3-pydicom, python3-numpy)");
        }
        Path script = dir.resolve("counts_spect_fixture.py");
        try (var in = CountsSpectCycleTest.class.getResourceAsStream("counts_spect_fixture.py")) {
            Files.write(script, in.readAllBytes());
        }
        for (String scan : new String[] {"SCAN_001", "SCAN_002"}) {
            Path out = dir.resolve(scan);
            Process p = new ProcessBuilder(
                            python.toString(),
                            script.toString(),
                            TestData.path(RealPatientCycleTest.SPECT + scan + "/image")
                                    .toString(),
                            out.toString(),
                            Double.toString(SENSITIVITY))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("counts_spect_fixture.py exit code").isZero();
            if (probe == null) {
                probe = new ObjectMapper().readTree(json);
            }
            counts.add(out);
        }
        silent = dir.resolve("silent");
        Process p = new ProcessBuilder(
                        python.toString(),
                        script.toString(),
                        TestData.path(RealPatientCycleTest.SPECT + "SCAN_001/image")
                                .toString(),
                        silent.toString(),
                        Double.toString(SENSITIVITY),
                        "--silent")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor()).as("counts_spect_fixture.py --silent exit code").isZero();
    }

    /** A header without collimator and windows: the one factor of the camera is used, and the result says so. */
    @Test
    void aSilentHeaderIsConvertedWithTheOnlyFactorAndWarned() throws IOException {
        CycleReport r = run(List.of(silent), with(MELP));
        assertThat(r.warnings())
                .filteredOn(w -> w instanceof CycleWarning.CalibrationAssumed)
                .singleElement()
                .satisfies(w -> assertThat(w.message())
                        .contains("collimator (0018,1180)", "energy windows (0054,0012)", "encore2-room2-melp"));
        CycleReport stated = run(List.of(counts.get(0)), with(MELP));
        assertThat(r.uncorrected().vois().get(0).activity())
                .isEqualTo(stated.uncorrected().vois().get(0).activity());
    }

    static Path rtstruct() throws IOException {
        try (var files = Files.list(TestData.path(RealPatientCycleTest.SPECT + "SCAN_001/mask"))) {
            return files.findFirst().orElseThrow();
        }
    }

    static CycleReport run(List<Path> series, CameraCalibrations calibrations) throws IOException {
        List<CycleInput.Scan> scans = series.stream()
                .map(p -> new CycleInput.Scan(p, Optional.empty()))
                .toList();
        CycleOptions options = CycleOptions.DEFAULTS
                .withRegistration(CycleOptions.Registration.NONE)
                .withRecovery(new CycleOptions.Recovery.None())
                .withMethod(new DoseMethod.LocalDeposition())
                .withCalibrations(calibrations);
        return CyclePipeline.run(
                new CycleInput.Series(
                        scans, Optional.empty(), new VoiSource.RtStructFile(rtstruct()), Optional.empty()),
                options);
    }

    static CameraCalibrations with(CameraCalibration... c) {
        return new CameraCalibrations(List.of(c), CameraCalibrations.DEFAULT_MAX_AGE);
    }

    @Test
    void countsWithTheMatchingFactorGiveTheBqPerMlActivities() throws IOException {
        List<Path> original = List.of(
                TestData.path(RealPatientCycleTest.SPECT + "SCAN_001/image"),
                TestData.path(RealPatientCycleTest.SPECT + "SCAN_002/image"));
        CycleReport bqml = run(original, CameraCalibrations.NONE);
        CycleReport fromCounts = run(counts, with(MELP));
        for (CycleResult.Voi v : bqml.uncorrected().vois()) {
            CycleResult.Voi c = fromCounts.uncorrected().vois().stream()
                    .filter(o -> o.name().equals(v.name()))
                    .findFirst()
                    .orElseThrow();
            for (int t = 0; t < 2; t++) {
                double want = v.activity().get(t).inMBq();
                assertThat(c.activity().get(t).inMBq())
                        .as(v.name() + " at time point " + t)
                        .isCloseTo(want, within(1e-3 * want));
            }
            assertThat(c.dose().inGy())
                    .as(v.name())
                    .isCloseTo(v.dose().inGy(), within(1e-3 * v.dose().inGy()));
        }
        // the output names the calibration (id and date) next to each time point's conversion
        assertThat(fromCounts.timePoints())
                .allSatisfy(tp -> assertThat(tp.how()).contains("encore2-room2-melp", "2018-06-01", "12.50 cps/MBq"));
        assertThat(fromCounts.timePoints())
                .allSatisfy(tp -> assertThat(tp.calibration()).contains(MELP));
        assertThat(bqml.timePoints())
                .allSatisfy(tp -> assertThat(tp.calibration()).isEmpty());
        assertThat(fromCounts.warnings()).noneMatch(w -> w instanceof CycleWarning.OldCalibration);
    }

    /** One voxel against the fixture's own arithmetic on the written file: counts / (T × S × V). */
    @Test
    void oneVoxelMatchesPydicomArithmetic() throws IOException {
        var series = SeriesAssembler.assemble(counts.get(0), Optional.empty());
        var converted = with(MELP).convert(series);
        var g = converted.image().image().geometry();
        JsonNode p = probe.get("probe");
        double[] idx = new double[3];
        g.worldToIndex(
                p.at("/position/0").asDouble(),
                p.at("/position/1").asDouble(),
                p.at("/position/2").asDouble(),
                idx);
        int k = (int) Math.round(idx[2]);
        float netra = converted
                .image()
                .image()
                .get(p.get("column").asInt(), p.get("row").asInt(), k);
        assertThat((double) netra)
                .isCloseTo(
                        p.get("bqPerMl").asDouble(),
                        within(1e-5 * p.get("bqPerMl").asDouble()));
        assertThat((double) netra)
                .as("and the Bq/mL original at scan start")
                .isCloseTo(
                        p.get("originalBqPerMlAtScanStart").asDouble(),
                        within(1e-5 * p.get("originalBqPerMlAtScanStart").asDouble()));
        assertThat(converted.match().calibration().id()).isEqualTo("encore2-room2-melp");
    }

    @Test
    void aSetUpWithoutAFactorIsRefusedNamingIt() {
        CameraCalibration hegp = new CameraCalibration(
                "encore2-room2-hegp",
                MELP.camera(),
                "HEGP",
                MELP.window(),
                "Lu-177",
                10,
                LocalDate.of(2018, 6, 1),
                "A. Physicist");
        assertThatThrownBy(() -> run(counts, with(hegp)))
                .isInstanceOf(MissingCalibrationException.class)
                .hasMessageContaining("SIEMENS NM Encore2")
                .hasMessageContaining("NM-ROOM-2")
                .hasMessageContaining("collimator MELP")
                .hasMessageContaining("208.0 keV ± 10.0 %")
                .hasMessageContaining("Lu-177")
                .hasMessageContaining("/admin/calibrations");
        assertThatThrownBy(() -> run(counts, CameraCalibrations.NONE)).isInstanceOf(MissingCalibrationException.class);
    }

    /**
     * The time points are read side by side; when more than one cannot be read, the error is still the first time
     * point's, as reading them in order gave.
     */
    @Test
    void theFirstUnreadableTimePointIsTheOneReported() {
        Path absent = dir.resolve("no-such-series");
        assertThatThrownBy(() -> run(List.of(counts.get(0), absent), CameraCalibrations.NONE))
                .isInstanceOf(MissingCalibrationException.class);
        assertThatThrownBy(() -> run(List.of(absent, counts.get(0)), CameraCalibrations.NONE))
                .isNotInstanceOf(MissingCalibrationException.class)
                .hasMessageContaining("no-such-series");
    }

    @Test
    void anOldFactorIsWarnedAboutNextToTheNumber() throws IOException {
        CameraCalibration old = new CameraCalibration(
                "encore2-room2-melp-2016",
                MELP.camera(),
                "MELP",
                MELP.window(),
                "Lu-177",
                SENSITIVITY,
                LocalDate.of(2016, 9, 1),
                "A. Physicist");
        CycleReport r = run(List.of(counts.get(0)), with(old));
        assertThat(r.warnings())
                .filteredOn(w -> w instanceof CycleWarning.OldCalibration)
                .hasSize(1)
                .first()
                .satisfies(w -> assertThat(w.message()).contains("encore2-room2-melp-2016", "2016-09-01", "12 months"));
        assertThat(r.timePoints().get(0).how()).contains("WARNING", "re-measure");
    }
}
