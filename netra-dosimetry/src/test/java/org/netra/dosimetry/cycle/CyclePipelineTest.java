package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.organ.ReferencePhantom;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;

/**
 * The pipeline on images in memory: each warning on data made to trigger it (and not on data that should not),
 * the PSF's sources in order, and refused options.
 */
class CyclePipelineTest {
    static final Nuclide LU = NuclideCatalog.icrp107().get("Lu-177");
    static final double MM = 4;
    static final int N = 24;
    static final Geometry GRID = Geometry.of(N, N, N, new double[] {MM, MM, MM}, new double[] {0, 0, 0});
    static final LocalDateTime INJECTION = LocalDateTime.of(2026, 1, 5, 9, 0);
    static final CycleOptions QUICK = CycleOptions.DEFAULTS
            .withMethod(new DoseMethod.LocalDeposition())
            .withRecovery(new CycleOptions.Recovery.None());

    static Mask sphere(String name, double cx, double r) {
        boolean[] in = new boolean[GRID.voxelCount()];
        for (int z = 0; z < N; z++) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    double d2 = (x - cx) * (x - cx) + (y - 12) * (y - 12) + (z - 12) * (z - 12);
                    in[x + N * (y + N * z)] = d2 <= r * r;
                }
            }
        }
        return Mask.of(name, GRID, in);
    }

    static final Mask KIDNEY = sphere("Kidney_L", 8, 3);
    static final Mask MARROW = sphere("Marrow", 17, 2);

    /** The VOIs' concentration at each time is {@code activity[i]} (Bq/mL), the rest 0. */
    static CycleInput.Images images(List<Mask> vois, double[] hours, double[] activity, List<ImageVolume> cts) {
        List<TimePointImage> tps = new ArrayList<>();
        for (int i = 0; i < hours.length; i++) {
            float[] v = new float[GRID.voxelCount()];
            for (Mask m : vois) {
                for (int k = m.next(0); k >= 0; k = m.next(k + 1)) {
                    v[k] = (float) activity[i];
                }
            }
            tps.add(new TimePointImage(
                    "scan " + hours[i],
                    ImageVolume.wrap(GRID, VoxelUnit.BQ_PER_ML, v),
                    INJECTION.plusSeconds(Math.round(hours[i] * 3600))));
        }
        return new CycleInput.Images(
                "P1",
                LU,
                INJECTION,
                Activity.ofGBq(7.4),
                tps,
                cts,
                Optional.empty(),
                new VoiSource.Masks(vois),
                OptionalDouble.empty());
    }

    static double[] mono(double teffH, double... hours) {
        double[] a = new double[hours.length];
        for (int i = 0; i < hours.length; i++) {
            a[i] = 1e5 * Math.exp(-Math.log(2) * hours[i] / teffH);
        }
        return a;
    }

    static List<Class<?>> warnings(CycleInput in, CycleOptions options) throws IOException {
        return CyclePipeline.run(in, options).warnings().stream()
                .<Class<?>>map(Object::getClass)
                .toList();
    }

    @Test
    void aFourTimePointKidneyClearingAtFiftyHoursWarnsOfNothing() throws IOException {
        double[] h = {4, 24, 96, 168};
        var report = CyclePipeline.run(
                images(List.of(KIDNEY), h, mono(50, h), List.of()),
                QUICK.withRecovery(new CycleOptions.Recovery.Gtm(Optional.of(8.0), Optional.empty())));
        assertThat(report.warnings()).isEmpty();
        assertThat(report.psf().orElseThrow().source()).isEqualTo(Psf.Source.GIVEN);
        assertThat(report.roles()).containsEntry("Kidney_L", RegionRole.KIDNEY);
    }

    @Test
    void aBladderThatFillsAndEmptiesBeforeTheFirstScanIsWarned() throws IOException {
        // the twins' bladder: taken up with T½ 0.7 h, emptied with 3 h, imaged at 4, 24, 96 and 168 h
        double[] h = {4, 24, 96, 168};
        double[] a = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            a[i] = 1e6 * (Math.exp(-Math.log(2) * h[i] / 3) - Math.exp(-Math.log(2) * h[i] / 0.7));
        }
        var report = CyclePipeline.run(images(List.of(KIDNEY), h, a, List.of()), QUICK);
        var w = report.warnings().stream()
                .filter(CycleWarning.UnmeasuredBeforeFirstScan.class::isInstance)
                .map(CycleWarning.UnmeasuredBeforeFirstScan.class::cast)
                .findFirst()
                .orElseThrow();
        // by hand: λ = ln(A₁/A₂)/20 h ≈ ln 2/3.0 h; after 4 h A₁/λ, before it A₁·2 h … A₁·(e^{4λ} − 1)/λ
        double lambda = Math.log(a[0] / a[1]) / 20;
        double after = a[0] / lambda;
        double low = 2 * a[0] + after;
        double high = a[0] * (Math.exp(4 * lambda) - 1) / lambda + after;
        assertThat(w.clearanceHalfLifeH()).isCloseTo(3.0, within(0.1));
        assertThat(w.halfBand())
                .isCloseTo((high - low) / (high + low), within(1e-6))
                .isGreaterThan(0.2);
        assertThat(w.shareHigh()).isGreaterThan(0.5);
        assertThat(w.message()).contains("before the first scan");
    }

    @Test
    void aBladderVoiTakesTheMiddleOfTheUnmeasuredFillingAndItsWarningSaysSo() throws IOException {
        // the twins' bladder curve in a VOI named as a bladder; the late points are all but empty
        double[] h = {4, 24, 96, 168};
        double[] a = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            a[i] = 1e6 * (Math.exp(-Math.log(2) * h[i] / 3) - Math.exp(-Math.log(2) * h[i] / 0.7));
        }
        Mask bladder = sphere("Bladder", 12, 4);
        var report = CyclePipeline.run(
                images(List.of(bladder), h, a, List.of()),
                CycleOptions.DEFAULTS.withRecovery(new CycleOptions.Recovery.None()));
        var voi = report.result().voi("Bladder");
        assertThat(voi.role()).isEqualTo(RegionRole.URINARY_BLADDER);
        assertThat(voi.tia().method()).isInstanceOf(org.netra.dosimetry.kinetics.TiaMethod.UrinaryBladder.class);
        // the region TIA includes the 4 h scan: T_eff the clearance between 4 and 24 h, the TIA the exact one's
        // (A₀·(3 − 0.7) h/ln 2 per mL) within 2 %
        assertThat(org.netra.physics.quantity.Times.hours(voi.tia().effectiveHalfLife()))
                .isCloseTo(3.0, within(0.05));
        double exactMBqH = 1e6 * (3 - 0.7) / Math.log(2) * bladder.volume().inMl() / 1e6;
        assertThat(voi.tia().timeIntegratedActivity().inMBqHours() / exactMBqH - 1)
                .isCloseTo(0, within(0.02));
        // the voxel-kernel dose map carries the region TIA in the bladder's voxels
        assertThat(voi.voxelTia().orElseThrow().inMBqHours())
                .isCloseTo(voi.tia().timeIntegratedActivity().inMBqHours(), within(1e-3 * exactMBqH));
        assertThat(voi.doseHow()).contains("urinary-bladder rule");
        var w = report.warnings().stream()
                .filter(CycleWarning.UnmeasuredBeforeFirstScan.class::isInstance)
                .map(CycleWarning.UnmeasuredBeforeFirstScan.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(w.middleTaken()).isTrue();
        assertThat(w.message()).contains("takes the middle");
        // emptying by voiding within hours is the bladder's physiology, not an implausible half-life
        assertThat(report.warnings()).noneMatch(CycleWarning.ShortEffectiveHalfLife.class::isInstance);
    }

    @Test
    void anImplausiblyShortEffectiveHalfLifeIsWarned() throws IOException {
        double[] h = {1, 2, 3, 4};
        assertThat(warnings(images(List.of(KIDNEY), h, mono(1.5, h), List.of()), QUICK))
                .contains(CycleWarning.ShortEffectiveHalfLife.class);
    }

    @Test
    void clearingSlowerThanPhysicalDecayIsWarned() throws IOException {
        double[] h = {4, 24, 96, 168};
        assertThat(warnings(images(List.of(KIDNEY), h, mono(250, h), List.of()), QUICK))
                .contains(CycleWarning.EffectiveHalfLifeBeyondPhysical.class);
    }

    @Test
    void aCurveStillRisingAtTheLastScanIsWarned() throws IOException {
        double[] h = {4, 24, 96};
        assertThat(warnings(images(List.of(KIDNEY), h, new double[] {1e4, 2e4, 3e4}, List.of()), QUICK))
                .contains(CycleWarning.StillRising.class);
    }

    @Test
    void aMostlyExtrapolatedTiaIsWarned() throws IOException {
        double[] h = {4, 24};
        var report = CyclePipeline.run(images(List.of(KIDNEY), h, mono(100, h), List.of()), QUICK);
        assertThat(report.result().vois().get(0).extrapolatedFraction()).isGreaterThan(0.8);
        assertThat(report.warnings()).hasAtLeastOneElementOfType(CycleWarning.MostlyExtrapolated.class);
    }

    @Test
    void unregisteredScansWhoseCtMovedAreWarned() throws IOException {
        double[] h = {4, 24, 96};
        List<ImageVolume> cts = List.of(body(0), body(0), body(3)); // 3 voxels = 12 mm
        var in = images(List.of(KIDNEY), h, mono(50, h), cts);
        var none = QUICK.withRegistration(CycleOptions.Registration.NONE);
        var report = CyclePipeline.run(in, none);
        var moved = report.warnings().stream()
                .filter(CycleWarning.UnregisteredMotion.class::isInstance)
                .map(CycleWarning.UnregisteredMotion.class::cast)
                .toList();
        assertThat(moved).singleElement().satisfies(w -> {
            assertThat(w.source()).isEqualTo("scan 96.0");
            assertThat(w.shiftMm()).isCloseTo(12, org.assertj.core.api.Assertions.within(0.01));
        });
        // 4 mm is within the 5 mm tolerated
        assertThat(warnings(images(List.of(KIDNEY), h, mono(50, h), List.of(body(0), body(0), body(1))), none))
                .doesNotContain(CycleWarning.UnregisteredMotion.class);
    }

    @Test
    void aSingleTimePointFarFromTheExpectedEffectiveHalfLifeIsWarned() throws IOException {
        var haenscheid = QUICK.withSinglePoint(CycleOptions.SinglePointChoice.HAENSCHEID);
        assertThat(warnings(images(List.of(KIDNEY), new double[] {4}, mono(50, 4), List.of()), haenscheid))
                .contains(CycleWarning.SinglePointFarFromEffectiveHalfLife.class);
        // at 1.44·T_eff Hänscheid is within 6 %: no warning
        assertThat(warnings(images(List.of(KIDNEY), new double[] {72}, mono(50, 72), List.of()), haenscheid))
                .doesNotContain(CycleWarning.SinglePointFarFromEffectiveHalfLife.class);
    }

    /**
     * One scan by default goes to the population method: a kidney whose T_eff is the prior's typical 50 h,
     * scanned at 72 h (≈ the recommended 69 h), gets within 3 % of the true A·e^{λt}/λ — not exactly: near
     * 1/λ every other λ gives a larger e^{λt}/λ, so the posterior median lies ≈ 2 % above — the population
     * package's estimate for that activity, an interval holding the truth, and a why naming method and
     * interval. Hänscheid on the same scan
     * gives A·2t/ln 2.
     */
    @Test
    void aSingleTimePointUsesThePopulationPriorByDefault() throws IOException {
        double[] activity = mono(50, 72);
        var in = images(List.of(KIDNEY), new double[] {72}, activity, List.of());
        var voi = CyclePipeline.run(in, QUICK).result().vois().get(0);
        assertThat(voi.tia().method())
                .isEqualTo(new org.netra.dosimetry.kinetics.TiaMethod.SinglePoint(
                        new org.netra.dosimetry.kinetics.SinglePointMethod.Population(
                                org.netra.dosimetry.population.EffectiveHalfLifePrior.lu177Dotatate(
                                        org.netra.dosimetry.population.RegionKind.KIDNEY))));
        double mbq = voi.activity().get(0).inMBq();
        double truth = mbq * Math.exp(Math.log(2) * 72 / 50) * 50 / Math.log(2);
        double tia = voi.tia().timeIntegratedActivity().inMBqHours();
        assertThat(tia).isCloseTo(truth, org.assertj.core.api.Assertions.within(0.03 * truth));
        var estimate = org.netra.dosimetry.population.PopulationSinglePoint.estimate(
                org.netra.dosimetry.population.EffectiveHalfLifePrior.lu177Dotatate(
                        org.netra.dosimetry.population.RegionKind.KIDNEY),
                org.netra.physics.quantity.Times.ofHours(72),
                voi.activity().get(0));
        assertThat(tia).isCloseTo(estimate.median().inMBqHours(), org.assertj.core.api.Assertions.within(1e-9 * tia));
        assertThat(estimate.covers(org.netra.physics.quantity.TimeIntegratedActivity.ofMBqHours(truth)))
                .isTrue();
        assertThat(voi.tia().why()).contains("credible interval").contains("kidney T_eff");
        assertThat(voi.tia().standardDeviation()).isPresent();
        var h = CyclePipeline.run(in, QUICK.withSinglePoint(CycleOptions.SinglePointChoice.HAENSCHEID))
                .result()
                .vois()
                .get(0);
        assertThat(h.tia().timeIntegratedActivity().inMBqHours())
                .isCloseTo(mbq * 2 * 72 / Math.log(2), org.assertj.core.api.Assertions.within(1e-6 * truth));
        assertThatThrownBy(() -> CycleOptions.SinglePointChoice.parse("guess")).hasMessageContaining("--stp");
        // 72 h is near the recommended time: no warning; at 4 h the unknown half-life makes the TIA ±19 %
        assertThat(warnings(in, QUICK))
                .doesNotContain(CycleWarning.SinglePointAwayFromRecommendedTime.class)
                .doesNotContain(CycleWarning.SinglePointFarFromEffectiveHalfLife.class);
        assertThat(warnings(images(List.of(KIDNEY), new double[] {4}, mono(50, 4), List.of()), QUICK))
                .contains(CycleWarning.SinglePointAwayFromRecommendedTime.class);
    }

    @Test
    void anImageBasedMarrowDoseIsWarned() throws IOException {
        double[] h = {4, 24, 96, 168};
        var report = CyclePipeline.run(images(List.of(KIDNEY, MARROW), h, mono(50, h), List.of()), QUICK);
        assertThat(report.warnings().stream()
                        .filter(CycleWarning.ImageBasedMarrow.class::isInstance)
                        .map(CycleWarning::voi))
                .containsExactly("Marrow");
    }

    @Test
    void switchingThePartialVolumeCorrectionOffIsWarned() throws IOException {
        double[] h = {4, 24, 96, 168};
        var options = CycleOptions.DEFAULTS.withMethod(new DoseMethod.LocalDeposition());
        assertThat(warnings(images(List.of(KIDNEY), h, mono(50, h), List.of()), options))
                .doesNotContain(CycleWarning.NoPartialVolumeCorrection.class);
        assertThat(warnings(
                        images(List.of(KIDNEY), h, mono(50, h), List.of()),
                        options.withRecovery(new CycleOptions.Recovery.None())))
                .contains(CycleWarning.NoPartialVolumeCorrection.class);
    }

    /** Given for the run, else the series', else the department's, else the camera class's 12 mm for 177Lu. */
    @Test
    void thePsfComesFromTheFirstSourceThatSaysIt() throws IOException {
        double[] h = {4, 24, 96, 168};
        var in = images(List.of(KIDNEY), h, mono(50, h), List.of());
        var stated = new CycleInput.Images(
                in.patientId(),
                in.nuclide(),
                in.injection(),
                in.injected(),
                in.timePoints(),
                in.cts(),
                in.density(),
                in.vois(),
                OptionalDouble.of(9.5));
        var gtm = CycleOptions.DEFAULTS.withMethod(new DoseMethod.LocalDeposition());
        assertThat(CyclePipeline.run(in, gtm).psf().orElseThrow())
                .isEqualTo(new Psf(12, 2, Psf.Source.CAMERA_CLASS_DEFAULT));
        assertThat(CyclePipeline.run(in, gtm.withDepartmentPsf(Optional.of(11.0)))
                        .psf()
                        .orElseThrow())
                .isEqualTo(new Psf(11, 1, Psf.Source.DEPARTMENT));
        assertThat(CyclePipeline.run(stated, gtm.withDepartmentPsf(Optional.of(11.0)))
                        .psf()
                        .orElseThrow())
                .isEqualTo(new Psf(9.5, 1, Psf.Source.SERIES));
        var partialVolume =
                CyclePipeline.run(stated, gtm).result().vois().get(0).sd().partialVolume();
        assertThat(partialVolume).isGreaterThan(0);
    }

    @Test
    void unknownChoicesAreRefusedNotDefaulted() {
        assertThatThrownBy(() -> DoseMethod.parse("voxel kernel", ReferencePhantom.ADULT_MALE))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("voxel-kernel");
        assertThatThrownBy(() -> CycleOptions.Registration.parse("elastic"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("elastic");
        assertThatThrownBy(() -> CycleOptions.DEFAULTS.withRecovery("rc", Optional.empty(), Optional.empty()))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("gtm or none");
    }

    /** A CT of air with a body block, moved by {@code shiftVoxels} along x. */
    static ImageVolume body(int shiftVoxels) {
        float[] hu = new float[GRID.voxelCount()];
        for (int z = 0; z < N; z++) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    boolean in = x >= 4 + shiftVoxels && x < 16 + shiftVoxels && y >= 6 && y < 18 && z >= 2 && z < 22;
                    hu[x + N * (y + N * z)] = in ? 0f : -1000f;
                }
            }
        }
        return ImageVolume.wrap(GRID, VoxelUnit.HU, hu);
    }
}
