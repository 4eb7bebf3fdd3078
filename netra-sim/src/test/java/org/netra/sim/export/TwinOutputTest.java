package org.netra.sim.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.twin.DigitalTwin;
import org.netra.sim.twin.Twin;
import org.netra.testkit.ExternalTool;

/** What a twin writes, read back by netra and by the independent tools (dicom3tools, DCMTK, pydicom). */
class TwinOutputTest {
    @TempDir
    static Path dir;

    static Twin twin;
    static GroundTruth truth;
    /** Two scans, the second moved by 4 mm: its CT must move with it. */
    static final SpectSettings SETTINGS =
            SpectSettings.DEFAULTS.withScanHours(List.of(4.0, 24.0)).withMisalignment(4);

    @BeforeAll
    static void write() throws IOException {
        twin = DigitalTwin.simulate(11, 1, SETTINGS);
        truth = TwinWriter.write(twin, dir);
    }

    private static Path firstSlice(String folder) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(folder))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    private static Path middleSlice(String folder) {
        return dir.resolve(folder).resolve("slice-050.dcm");
    }

    @Test
    void netraReadsTheSpectBackAsWritten() throws IOException {
        var series = SeriesAssembler.assemble(dir.resolve("cycle-1/spect-024h"));
        var image = twin.cycles().get(0).scans().get(1).image();
        assertThat(series.volume().unit()).isEqualTo(VoxelUnit.BQ_PER_ML);
        assertThat(series.volume().geometry().sameDimensions(image.geometry())).isTrue();
        float[] read = series.volume().voxels();
        float[] written = image.voxels();
        double max = 0;
        for (float v : written) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < read.length; i++) {
            // 16-bit storage with a per-slice slope of max/65000: at most half a step off
            assertThat((double) read[i]).isCloseTo(written[i], within(max / 65000));
        }
    }

    @Test
    void theStructureSetRasterisesBackToThePhantomsVoisExactly() throws IOException {
        var ct = SeriesAssembler.assemble(dir.resolve("ct")).volume();
        List<Mask> masks = RtStruct.read(dir.resolve("rtstruct.dcm")).rasterise(ct.geometry());
        assertThat(masks).hasSize(Voi.STANDARD.size());
        for (Mask m : masks) {
            Voi voi = Voi.STANDARD.stream()
                    .filter(v -> v.name().equals(m.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(m.bits()).as(m.name()).isEqualTo(twin.phantom().mask(voi).bits());
        }
    }

    @Test
    void labelsAndCtRoundTrip() throws IOException {
        var labels = Nifti.readLabels(dir.resolve("labels.nii"));
        assertThat(labels.labels()).isEqualTo(twin.phantom().labelMap().labels());
        var ct = SeriesAssembler.assemble(dir.resolve("ct")).volume();
        assertThat(ct.voxels()).isEqualTo(twin.phantom().ct().voxels());
    }

    /**
     * Each scan's CT is written beside it, moved as its activity is: the first scan's is the planning CT, the
     * second's is the phantom CT resampled through the scan's own motion (as stored: whole HU).
     */
    @Test
    void eachScanHasItsCtInItsFrame() throws IOException {
        var scans = twin.cycles().get(0).scans();
        assertThat(truth.cycles().get(0).scans().get(1).ctFolder()).isEqualTo("cycle-1/ct-024h");
        var first = SeriesAssembler.assemble(dir.resolve("cycle-1/ct-004h")).volume();
        assertThat(first.voxels()).isEqualTo(twin.phantom().ct().voxels());
        var second = SeriesAssembler.assemble(dir.resolve("cycle-1/ct-024h"));
        assertThat(second.volume().unit()).isEqualTo(VoxelUnit.HU);
        float[] read = second.volume().voxels();
        float[] moved = scans.get(1).ct(twin.phantom()).voxels();
        for (int i = 0; i < read.length; i++) {
            assertThat((double) read[i]).isCloseTo(moved[i], within(0.5));
        }
        assertThat(read).isNotEqualTo(first.voxels());
        assertThat(scans.get(1).motion().translation()).isNotEqualTo(new double[3]);
    }

    @Test
    void theSameSeedWritesTheSameBytes(@TempDir Path again) throws IOException {
        Twin other = DigitalTwin.simulate(11, 1, SETTINGS);
        TwinWriter.write(other, again);
        assertThat(Files.readAllBytes(again.resolve("ground-truth.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("ground-truth.json")));
        assertThat(Files.readAllBytes(again.resolve("cycle-1/spect-024h/slice-050.dcm")))
                .isEqualTo(Files.readAllBytes(middleSlice("cycle-1/spect-024h")));
        Twin different = DigitalTwin.simulate(12, 1, SETTINGS);
        assertThat(different.cycles().get(0).scans().get(1).image().voxels())
                .isNotEqualTo(twin.cycles().get(0).scans().get(1).image().voxels());
    }

    @Test
    void groundTruthReadsBackAndStatesItsPhysics() throws IOException {
        GroundTruth back = TwinWriter.read(dir.resolve("ground-truth.json"));
        assertThat(back.cycles()).hasSize(1);
        var kidney = back.cycles().get(0).vois().stream()
                .filter(v -> v.name().equals("Kidney_L"))
                .findFirst()
                .orElseThrow();
        assertThat(kidney.dose()).isEqualTo(truth.cycles().get(0).vois().get(0).dose());
        assertThat(kidney.bed()).isPresent();
        // the document keeps its shape: numbers with the unit in the field name
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("ground-truth.json").toFile());
        var first = json.at("/cycles/0/vois/0");
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly(
                        "name",
                        "kind",
                        "volumeMl",
                        "massG",
                        "activityCurve",
                        "tiaMBqH",
                        "doseGy",
                        "doseGyPerGBq",
                        "bedGy",
                        "bedParameters");
        assertThat(first.get("doseGy").asDouble())
                .isEqualTo(truth.cycles().get(0).vois().get(0).dose().inGy());
        assertThat(back.doseMethod()).contains("Lanconelli");
        assertThat(back.cumulativeBedGy()).containsKey("Kidney_L");
    }

    @Test
    void dciodvfyFindsNoErrors() throws Exception {
        requireTool("dciodvfy", "dicom3tools");
        List<Path> files = List.of(
                middleSlice("cycle-1/spect-004h"),
                middleSlice("ct"),
                middleSlice("cycle-1/ct-024h"),
                dir.resolve("rtstruct.dcm"));
        for (Path f : files) {
            ExternalTool.Result r = run(List.of("/usr/bin/dciodvfy", f.toString()));
            String all = r.out() + r.err();
            List<String> errors = all.lines().filter(l -> l.startsWith("Error")).toList();
            assertThat(errors).as("dciodvfy " + f + ":\n" + all).isEmpty();
        }
    }

    @Test
    void dcmdumpReadsTheQuantitativeHeader() throws Exception {
        requireTool("dcmdump", "dcmtk");
        ExternalTool.Result r = run(List.of(
                "/usr/bin/dcmdump",
                "+P",
                "0054,1001",
                "+P",
                "0054,1102",
                "+P",
                "0018,1074",
                "+P",
                "0018,1078",
                firstSlice("cycle-1/spect-024h").toString()));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("[BQML]")
                .contains("[START]")
                .contains("[7400000000]")
                .contains("[20260302090000]");
        ExternalTool.Result rs =
                run(List.of("/usr/bin/dcmdump", dir.resolve("rtstruct.dcm").toString()));
        assertThat(rs.exitCode()).isZero();
        assertThat(rs.out()).contains("[Kidney_L]").contains("[Tumour_bone]");
    }

    @Test
    void pydicomReadsTheSeriesAndStructureSet() throws Exception {
        ExternalTool.requirePython("python3-pydicom, python3-numpy", "pydicom", "numpy");
        Path python = ExternalTool.DEBIAN_PYTHON;
        Path script = dir.resolve("pydicom_check.py");
        try (InputStream in = TwinOutputTest.class.getResourceAsStream("pydicom_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        ExternalTool.Result r = run(List.of(
                python.toString(),
                script.toString(),
                dir.resolve("cycle-1/spect-024h").toString(),
                dir.resolve("rtstruct.dcm").toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        var image = twin.cycles().get(0).scans().get(1).image();
        double sum = 0;
        double max = 0;
        for (float v : image.voxels()) {
            sum += v;
            max = Math.max(max, v);
        }
        assertThat(j.get("shape").toString()).isEqualTo("[100,128,128]");
        assertThat(j.get("sum").asDouble()).isCloseTo(sum, within(sum * 1e-4));
        assertThat(j.get("max").asDouble()).isCloseTo(max, within(max * 1e-4));
        assertThat(j.get("units").asText()).isEqualTo("BQML");
        assertThat(j.get("decayCorrection").asText()).isEqualTo("START");
        assertThat(j.get("totalDoseBq").asDouble()).isEqualTo(7.4e9);
        assertThat(j.get("halfLifeS").asDouble()).isCloseTo(6.647 * 86400, within(1.0));
        assertThat(j.get("rois").size()).isEqualTo(Voi.STANDARD.size());
        assertThat(j.get("contours").asInt()).isPositive();
    }

    private static void requireTool(String command, String debianPackage) {
        ExternalTool.require(command, debianPackage);
    }

    private static ExternalTool.Result run(List<String> command) throws IOException, InterruptedException {
        return ExternalTool.run(command);
    }
}
