package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.kinetics.SelectionRule;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.quant.QuantitativeImage;
import org.netra.imaging.quant.RealWorldValues;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.testkit.TestData;

/**
 * The real 177Lu-DOTATATE patient of shared/data (SPECT at 3.7 h and 27.7 h, two liver lesions, both still
 * rising): netra's cycle (rigid registration of the second scan onto the first, the first scan's contours)
 * against lesion_tia_reference.py, which takes each scan's own contours with pydicom and integrates by hand.
 * The figures netra gives are pinned, so a change in any step shows; docs/dosimetry.md explains them.
 */
class RealPatientCycleTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String SPECT = "dicom/lu177-dotatate-spect/";
    static CycleResult kernel;
    static CycleResult local;
    static JsonNode reference;

    @BeforeAll
    static void run() throws Exception {
        List<TimePointImage> tps = new ArrayList<>();
        AcquisitionFacts facts = null;
        for (String scan : new String[] {"SCAN_001", "SCAN_002"}) {
            AssembledSeries s = SeriesAssembler.assemble(TestData.path(SPECT + scan + "/image"), Optional.empty());
            facts = AcquisitionFacts.of(s);
            QuantitativeImage q = RealWorldValues.bqPerMlAtScanStart(s);
            tps.add(new TimePointImage(scan, q.image(), q.referenceTime()));
        }
        var aligned = Alignment.align(tps, Alignment.Mode.RIGID);
        var grid = aligned.timePoints().get(0).activity().geometry();
        Path rtstruct;
        try (var files = Files.list(TestData.path(SPECT + "SCAN_001/mask"))) {
            rtstruct = files.findFirst().orElseThrow();
        }
        List<Mask> vois = RtStruct.read(rtstruct).rasterise(grid);
        var lu = NuclideCatalog.icrp107().get("Lu-177");
        var injection = facts.radiopharmaceutical().orElseThrow().injection();
        kernel = DoseComputation.run(
                lu,
                injection,
                aligned.timePoints(),
                vois,
                Optional.empty(),
                new DoseMethod.VoxelKernel(KernelMedium.SOFT_TISSUE),
                CycleSettings.of(lu));
        local = DoseComputation.run(
                lu,
                injection,
                aligned.timePoints(),
                vois,
                Optional.empty(),
                new DoseMethod.LocalDeposition(),
                CycleSettings.of(lu));
        reference = reference();
    }

    static CycleResult.Voi voi(CycleResult r, String name) {
        return r.vois().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Time points and the first scan's activities as the independent reader finds them (same contours, same
     * scan); the region's time-integrated activity within 3 % for the 107 mL lesion (−0.5 % measured) and 12 % for the
     * 2.9 mL one (−9 % measured), whose
     * second-scan activity the reference takes from that scan's own contour while netra carries the first
     * scan's contour through the registration (a voxel of misalignment moves much of a 2.9 mL lesion).
     */
    @Test
    void agreesWithTheIndependentReference() {
        assertThat(org.netra.physics.quantity.Times.hours(
                        kernel.afterInjection().get(0)))
                .isCloseTo(3.741, within(0.001));
        assertThat(org.netra.physics.quantity.Times.hours(
                        kernel.afterInjection().get(1)))
                .isCloseTo(27.725, within(0.001));
        double[] tolerance = {0.03, 0.12};
        int i = 0;
        for (String name : new String[] {"lesion1 liver R lobe", "lesion2 liver L lateral"}) {
            JsonNode ref = reference.get("lesions").get(name);
            CycleResult.Voi v = voi(kernel, name);
            assertThat(v.activity().get(0).inMBq())
                    .as(name)
                    .isCloseTo(
                            ref.at("/activityMBq/0").asDouble(),
                            within(0.01 * ref.at("/activityMBq/0").asDouble()));
            double tia = ref.get("trapezoidTiaMBqH").asDouble();
            assertThat(v.tia().timeIntegratedActivity().inMBqHours())
                    .as(name)
                    .isCloseTo(tia, within(tolerance[i] * tia));
            assertThat(v.tia().rule()).as(name).isEqualTo(SelectionRule.TWO_POINTS_NOT_CLEARING);
            // the voxel-wise TIA sums to a little less than the region's: in voxels whose noise makes them fall
            // faster than physical decay the two-point fit replaces the physical tail (docs/dosimetry.md)
            double voxels = v.voxelTia().orElseThrow().inMBqHours();
            assertThat(voxels).as(name).isCloseTo(tia, within(2 * tolerance[i] * tia));
            // local deposition: D = Ã·E_np/m with the script's ICRP-107 energy and the VOI's mass at 1.04 g/mL
            double joules = reference.get("nonPenetratingMeV").asDouble() * 1.602176634e-13;
            double gy = voxels * 3.6e9 * joules / (v.mass().inGrams() / 1000);
            assertThat(voi(local, name).dose().inGy()).as(name).isCloseTo(gy, within(1e-3 * gy));
            // the uptake model with physical decay through the same two points differs by under 2 %: the
            // assumed physical tail after 27.7 h, not the shape before it, carries the uncertainty
            assertThat(ref.at("/uptakeModel/tiaMBqH").asDouble() / tia).isBetween(1.0, 1.02);
            i++;
        }
    }

    /** netra's figures on this data, as docs/dosimetry.md reports them. */
    @Test
    void pinsTheDocumentedDoses() {
        CycleResult.Voi l1 = voi(kernel, "lesion1 liver R lobe");
        CycleResult.Voi l2 = voi(kernel, "lesion2 liver L lateral");
        // since the long-range photon kernel the doses are 2.6 % and 2.2 % higher (26.62 → 27.31 Gy, 35.65 →
        // 36.42 Gy): the Monte Carlo on this patient read the lesions +2.6 % and +2.5 % above the 11³ kernel
        // (docs/benchmarks.md), the photon dose from beyond it
        assertThat(l1.tia().timeIntegratedActivity().inMBqHours()).isCloseTo(35_017, within(40.0));
        assertThat(l1.dose().inGy()).isCloseTo(27.31, within(0.02));
        assertThat(l1.doseSd().inGy()).isCloseTo(6.42, within(0.01));
        assertThat(l1.bed().orElseThrow().inGy()).isCloseTo(28.01, within(0.03));
        assertThat(l2.tia().timeIntegratedActivity().inMBqHours()).isCloseTo(1_277, within(2.0));
        assertThat(l2.dose().inGy()).isCloseTo(36.42, within(0.04));
        assertThat(l2.doseSd().inGy()).isCloseTo(8.58, within(0.01));
        assertThat(l2.bed().orElseThrow().inGy()).isCloseTo(37.65, within(0.05));
    }

    private static JsonNode reference() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)
                || new ProcessBuilder(PYTHON.toString(), "-c", "import pydicom, numpy, scipy, matplotlib.path")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("pydicom, numpy, scipy and matplotlib for /usr/bin/python3 (python3-pydicom,"
                    + " python3-numpy, python3-scipy, python3-matplotlib)");
        }
        // the ROI reader netra-imaging's tests use, from the source tree (Maven runs tests in the module folder)
        Path roiReference = Path.of("..", "netra-imaging/src/test/resources/org/netra/imaging/quant/roi_reference.py");
        assertThat(roiReference).exists();
        Path script = Files.createTempFile("lesion_tia_reference", ".py");
        try (var in = RealPatientCycleTest.class.getResourceAsStream("lesion_tia_reference.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p = new ProcessBuilder(
                            PYTHON.toString(),
                            script.toString(),
                            roiReference.toString(),
                            TestData.root().toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("lesion_tia_reference.py exit code").isZero();
            return new ObjectMapper().readTree(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
