package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.TestData;

/**
 * The real patient's two liver lesions given three ways, as RTSTRUCT, as a DICOM SEG and as a NIfTI label map with
 * its name sidecar, must give the same VOIs: masks identical voxel for voxel, the same roles, volumes and activities
 * through the pipeline. The label map is the RTSTRUCT rasterised by netra and written by netra's NIfTI writer; the SEG
 * is written from it by seg_from_labels.py with pydicom and NumPy alone (frames on the SPECT's own slice positions),
 * which also counts each label's voxels independently. A label map on another grid is refused naming both grids.
 */
class VoiFormatsTest {
    static final String SCAN = RealPatientCycleTest.SPECT + "SCAN_001/image";

    @TempDir
    static Path dir;

    static Geometry grid;
    static List<Mask> fromRtStruct;
    static Path nifti;
    static Path seg;
    static JsonNode pythonCounts;

    @BeforeAll
    static void write() throws Exception {
        Path python = RealPatientCycleTest.PYTHON;
        if (!Files.isExecutable(python)
                || new ProcessBuilder(python.toString(), "-c", "import pydicom, numpy")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("pydicom and numpy for /usr/bin/python3 (python3-pydicom, python3-numpy)");
        }
        grid = SeriesAssembler.assemble(TestData.path(SCAN), Optional.empty())
                .volume()
                .geometry();
        fromRtStruct = new VoiSource.RtStructFile(CountsSpectCycleTest.rtstruct()).read(grid, SCAN);
        byte[] labels = new byte[grid.voxelCount()];
        Map<Integer, String> names = new LinkedHashMap<>();
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < fromRtStruct.size(); i++) {
            Mask m = fromRtStruct.get(i);
            for (int v : m.indices()) {
                labels[v] = (byte) (i + 1);
            }
            names.put(i + 1, m.name());
            json.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(i + 1)
                    .append("\": \"")
                    .append(m.name())
                    .append('"');
        }
        nifti = dir.resolve("lesions.nii.gz");
        Nifti.write(nifti, LabelMap.wrap(grid, labels, names));
        Files.writeString(dir.resolve("lesions.json"), json.append('}'), StandardCharsets.UTF_8);

        Path script = dir.resolve("seg_from_labels.py");
        try (var in = VoiFormatsTest.class.getResourceAsStream("seg_from_labels.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path plain = dir.resolve("lesions-plain.nii"); // the script reads uncompressed NIfTI
        Nifti.write(plain, LabelMap.wrap(grid, labels, names));
        seg = dir.resolve("lesions-seg.dcm");
        Process p = new ProcessBuilder(
                        python.toString(),
                        script.toString(),
                        plain.toString(),
                        dir.resolve("lesions.json").toString(),
                        TestData.path(SCAN).toString(),
                        seg.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("seg_from_labels.py exit code").isZero();
        pythonCounts = new ObjectMapper().readTree(out);
    }

    @Test
    void segAndLabelMapGiveTheRtStructsMasksVoxelForVoxel() throws IOException {
        assertThat(VoiSource.of(seg)).isInstanceOf(VoiSource.SegFile.class);
        assertThat(VoiSource.of(nifti)).isInstanceOf(VoiSource.LabelFile.class);
        assertThat(VoiSource.of(CountsSpectCycleTest.rtstruct())).isInstanceOf(VoiSource.RtStructFile.class);
        for (VoiSource source : List.of(VoiSource.of(seg), VoiSource.of(nifti))) {
            List<Mask> masks = source.read(grid, SCAN);
            assertThat(masks).hasSameSizeAs(fromRtStruct);
            assertThat(source.names())
                    .containsExactlyElementsOf(
                            fromRtStruct.stream().map(Mask::name).toList());
            for (Mask r : fromRtStruct) {
                Mask m = masks.stream()
                        .filter(x -> x.name().equals(r.name()))
                        .findFirst()
                        .orElseThrow();
                assertThat(m.bits()).as(source + " " + r.name()).isEqualTo(r.bits());
                assertThat(m.voxelCount())
                        .as("NumPy's count of " + r.name())
                        .isEqualTo(pythonCounts.get(r.name()).asInt());
            }
        }
        assertThat(fromRtStruct).allSatisfy(m -> assertThat(m.voxelCount()).isGreaterThan(100));
    }

    @Test
    void thePipelineGivesTheSameVolumesActivitiesAndRoles() throws IOException {
        CycleResult r = run(new VoiSource.RtStructFile(CountsSpectCycleTest.rtstruct()));
        for (VoiSource source : List.of(VoiSource.of(seg), VoiSource.of(nifti))) {
            CycleResult other = run(source);
            for (CycleResult.Voi v : r.vois()) {
                CycleResult.Voi o = RealPatientCycleTest.voi(other, v.name());
                assertThat(o.volume()).as(v.name()).isEqualTo(v.volume());
                assertThat(o.activity()).as(v.name()).isEqualTo(v.activity());
                assertThat(o.role()).as(v.name()).isEqualTo(v.role());
            }
        }
    }

    private static CycleResult run(VoiSource vois) throws IOException {
        return CyclePipeline.run(
                        new CycleInput.Series(
                                List.of(new CycleInput.Scan(TestData.path(SCAN), Optional.empty())),
                                Optional.empty(),
                                vois,
                                Optional.empty()),
                        CycleOptions.DEFAULTS
                                .withRecovery(new CycleOptions.Recovery.None())
                                .withMethod(new DoseMethod.LocalDeposition()))
                .uncorrected();
    }

    @Test
    void aLabelMapOnAnotherGridIsRefusedNamingBoth() throws IOException {
        Geometry shifted = Geometry.of(
                grid.nx(),
                grid.ny(),
                grid.nz(),
                new double[] {grid.spacing(0), grid.spacing(1), grid.spacing(2)},
                new double[] {grid.origin(0) + 5, grid.origin(1), grid.origin(2)});
        Path elsewhere = dir.resolve("elsewhere.nii");
        byte[] one = new byte[shifted.voxelCount()];
        one[shifted.voxelCount() / 2] = 1;
        Nifti.write(elsewhere, LabelMap.wrap(shifted, one, Map.of(1, "kidney left")));
        Files.writeString(dir.resolve("elsewhere.tsv"), "# label\tname\n1\tkidney left\n");
        assertThatThrownBy(() -> VoiSource.of(elsewhere).read(grid, SCAN))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining(elsewhere.toString())
                .hasMessageContaining(shifted.toString())
                .hasMessageContaining(grid.toString());
    }

    @Test
    void aLabelMapWithoutNamesIsRefused() throws IOException {
        Path bare = dir.resolve("bare.nii");
        Files.copy(dir.resolve("lesions-plain.nii"), bare);
        assertThatThrownBy(() -> VoiSource.of(bare))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("bare.json");
    }
}
