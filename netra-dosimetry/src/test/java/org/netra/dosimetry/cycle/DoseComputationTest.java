package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.organ.ReferencePhantom;
import org.netra.dosimetry.organ.SmallVoiKidney;
import org.netra.dosimetry.organ.SphereModel;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.imaging.io.VoiOutsideImageException;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Density;

/**
 * A uniform sphere whose concentration clears mono-exponentially, scanned at several times: every figure of
 * the pipeline against its analytic value.
 */
class DoseComputationTest {
    static final Nuclide LU = NuclideCatalog.icrp107().get("Lu-177");
    static final LocalDateTime INJECTION = LocalDateTime.of(2026, 1, 5, 9, 0);
    static final double MM = 4.8;
    static final Geometry GRID = Geometry.of(40, 40, 30, new double[] {MM, MM, MM}, new double[] {-96, -96, -72});
    static final double C0 = 2e5; // Bq/mL at injection
    static final double T_EFF = 50; // h
    static final double LAMBDA = Math.log(2) / T_EFF;
    static final double RADIUS_MM = 30;

    static Mask sphere() {
        double ml = 4 * Math.PI * RADIUS_MM * RADIUS_MM * RADIUS_MM / 3 / 1000;
        return SmallVoiKidney.sphere("tumour", GRID, new double[] {0, 0, 0}, ml);
    }

    static TimePointImage scan(double hours, Mask m) {
        float[] v = new float[GRID.voxelCount()];
        float c = (float) (C0 * Math.exp(-LAMBDA * hours));
        for (int i = m.next(0); i >= 0; i = m.next(i + 1)) {
            v[i] = c;
        }
        return new TimePointImage(
                "scan at " + hours + " h",
                ImageVolume.wrap(GRID, VoxelUnit.BQ_PER_ML, v),
                INJECTION.plusSeconds(Math.round(hours * 3600)));
    }

    static CycleResult run(DoseMethod method, double... hours) {
        Mask m = sphere();
        List<TimePointImage> tps = new ArrayList<>();
        for (double h : hours) {
            tps.add(scan(h, m));
        }
        return DoseComputation.run(LU, INJECTION, tps, List.of(m), Optional.empty(), method, CycleSettings.of(LU));
    }

    /** Ã = C₀·V/λ for the VOI, and local deposition gives D = (C₀/λ)·E_np/ρ in every voxel. */
    @Test
    void localDepositionOfAClearingSphereIsAnalytic() {
        CycleResult r = run(new DoseMethod.LocalDeposition(), 4, 24, 96, 168);
        CycleResult.Voi v = r.vois().get(0);
        double tiaMBqH = C0 * v.volume().inMl() / LAMBDA / 1e6;
        assertThat(v.tia().timeIntegratedActivity().inMBqHours()).isCloseTo(tiaMBqH, within(1e-4 * tiaMBqH));
        double joules = EnergyPartition.of(LU).nonPenetrating().inJoules();
        double gy = C0 / LAMBDA * 3600 * joules / (1.04e-3);
        assertThat(v.dose().inGy()).isCloseTo(gy, within(1e-4 * gy));
        assertThat(v.dvh().orElseThrow().d98().inGy()).isCloseTo(gy, within(1e-4 * gy));
        assertThat(v.mass().inGrams()).isCloseTo(v.volume().inMl() * 1.04, within(1e-9));
        assertThat(v.tia().effectiveHalfLife().toMinutes()).isCloseTo(Math.round(T_EFF * 60), within(1L));
        assertThat(r.voxelFits().fitted()).isEqualTo(v.voxelCount());
        assertThat(r.afterInjection())
                .containsExactly(
                        java.time.Duration.ofHours(4),
                        java.time.Duration.ofHours(24),
                        java.time.Duration.ofHours(96),
                        java.time.Duration.ofHours(168));
    }

    /**
     * BED for a mono-exponential dose rate by hand, D·[1 + D·T_rep/((α/β)(T_rep + T_eff))], with the tumour's
     * α/β 10 Gy and T_rep 1.5 h (the VOI is named "tumour"; never the kidney's 2.6 Gy and 2.8 h unless asked, and
     * then exactly those); the SD is the default budget's 5 %, 10 %, 10 % and the extrapolated share
     * e^(−λ·168 h) of the TIA times 20 %, in quadrature (the fit is exact).
     */
    @Test
    void bedAndStandardDeviationByHand() {
        CycleResult.Voi v =
                run(new DoseMethod.LocalDeposition(), 4, 24, 96, 168).vois().get(0);
        double d = v.dose().inGy();
        assertThat(v.role()).isEqualTo(RegionRole.TUMOUR);
        assertThat(v.bed().orElseThrow().inGy()).isCloseTo(d * (1 + d * 1.5 / (10 * (1.5 + T_EFF))), within(1e-3 * d));
        assertThat(v.bedTissue().orElseThrow()).isEqualTo(TissueParameters.TUMOUR);
        double tail = Math.exp(-LAMBDA * 168);
        assertThat(v.extrapolatedFraction()).isCloseTo(tail, within(1e-4));
        assertThat(v.doseSd().inGy())
                .isCloseTo(
                        d * Math.sqrt(0.05 * 0.05 + 0.1 * 0.1 + 0.1 * 0.1 + Math.pow(0.2 * tail, 2)), within(1e-3 * d));

        Mask m = sphere();
        List<TimePointImage> tps = List.of(scan(4, m), scan(24, m), scan(96, m), scan(168, m));
        CycleResult.Voi asKidney = DoseComputation.run(
                        LU,
                        INJECTION,
                        tps,
                        List.of(m),
                        Optional.empty(),
                        new DoseMethod.LocalDeposition(),
                        CycleSettings.of(LU).withBedTissue(TissueParameters.KIDNEY))
                .vois()
                .get(0);
        assertThat(asKidney.bed().orElseThrow().inGy())
                .isCloseTo(d * (1 + d * 2.8 / (2.6 * (2.8 + T_EFF))), within(1e-3 * d));
    }

    /** With a density map (CT) of 2 g/mL the VOI's mass doubles and the local-deposition dose halves. */
    @Test
    void aDensityMapScalesMassAndDose() {
        Mask m = sphere();
        List<TimePointImage> tps = List.of(scan(4, m), scan(24, m), scan(96, m));
        float[] rho = new float[GRID.voxelCount()];
        java.util.Arrays.fill(rho, 2f);
        var dense = DoseComputation.run(
                        LU,
                        INJECTION,
                        tps,
                        List.of(m),
                        Optional.of(ImageVolume.wrap(GRID, VoxelUnit.G_PER_ML, rho)),
                        new DoseMethod.LocalDeposition(),
                        CycleSettings.of(LU))
                .vois()
                .get(0);
        var soft = DoseComputation.run(
                        LU,
                        INJECTION,
                        tps,
                        List.of(m),
                        Optional.empty(),
                        new DoseMethod.LocalDeposition(),
                        CycleSettings.of(LU))
                .vois()
                .get(0);
        assertThat(dense.mass().inGrams()).isCloseTo(2 * dense.volume().inMl(), within(1e-9));
        assertThat(dense.dose().inGy())
                .isCloseTo(
                        soft.dose().inGy() * 1.04 / 2, within(1e-5 * soft.dose().inGy()));
    }

    /** Hänscheid at t = T_eff is exact for a mono-exponential: one scan gives the dose of four. */
    @Test
    void oneScanAtTheEffectiveHalfLifeGivesTheDoseOfFour() {
        var kernel = new DoseMethod.VoxelKernel(KernelMedium.SOFT_TISSUE);
        double four = run(kernel, 4, 24, 96, 168).vois().get(0).dose().inGy();
        CycleResult one = run(kernel, T_EFF);
        assertThat(one.vois().get(0).dose().inGy()).isCloseTo(four, within(1e-4 * four));
        assertThat(one.vois().get(0).tia().rule().name()).isEqualTo("SINGLE_TIME_POINT");
    }

    /**
     * The kernel's mean dose over a 113 mL sphere against the sphere model (all non-penetrating energy and the
     * narrow-beam photon fraction absorbed) and against the same with the photons broad-beam: the voxelised edge of
     * a sphere of 6 voxels' radius spills 2–5 % of the electrons' energy.
     */
    @Test
    void kernelDoseOfASphereAgreesWithTheSphereModel() {
        CycleResult.Voi kernel = run(new DoseMethod.VoxelKernel(KernelMedium.SOFT_TISSUE), 4, 24, 96)
                .vois()
                .get(0);
        CycleResult.Voi organ = run(new DoseMethod.OrganS(ReferencePhantom.ADULT_MALE), 4, 24, 96)
                .vois()
                .get(0);
        double sphere = SphereModel.selfS(
                        LU,
                        org.netra.physics.quantity.Volume.ofMl(organ.volume().inMl()),
                        Density.ofGramsPerMl(1.04))
                .dose(organ.tia().timeIntegratedActivity())
                .inGy();
        assertThat(organ.dose().inGy()).isCloseTo(sphere, within(1e-9 * sphere));
        assertThat(organ.dvh()).isEmpty();
        // the sphere model counts photons narrow-beam (μ_en, scattered energy escapes); the kernel since the
        // long-range photon kernel counts them broad-beam, as transport does. Against the broad-beam reference —
        // E_np plus the photon energy a uniform sphere keeps, ∫ F'(r)·(1 − 3r/4R + r³/16R³) dr over its chords,
        // from the point kernel's F — the electrons' rim spill is all that remains: measured 1.0 %. (The band was
        // 0.95–0.98 while the kernel carried its in-box photons renormalised with its electrons, whose energy was
        // then 2.5 % below E_np; now the electrons carry E_np exactly, see KernelDose.withLongRangePhotons.)
        var photons = org.netra.dosimetry.voxel.PhotonPointKernel.of("Lu-177").orElseThrow();
        double radius = Math.cbrt(3 * organ.volume().inMl() * 1000 / (4 * Math.PI));
        double kept = 0;
        for (double r = 0.05; r < 2 * radius; r += 0.1) {
            double chord = 1 - 3 * r / (4 * radius) + r * r * r / (16 * radius * radius * radius);
            kept += (photons.absorbedWithin(r + 0.05) - photons.absorbedWithin(r - 0.05)) * chord;
        }
        double perDecayJ =
                org.netra.physics.decay.EnergyPartition.of(LU).nonPenetrating().inJoules()
                        + photons.emittedKeV() * kept * 1.602176634e-16;
        double broadBeam = organ.tia().timeIntegratedActivity().inBqSeconds()
                * perDecayJ
                / (organ.volume().inMl() * 1.04 / 1000);
        assertThat(kernel.dose().inGy() / broadBeam).isBetween(0.975, 1.0);
        // and above the narrow-beam sphere model, by less than the photon part itself (≈ 5 % of the dose)
        assertThat(kernel.dose().inGy() / sphere).isBetween(0.97, 1.03);
    }

    /** Organ S-values only for VOIs named as the organ; a lesion in the liver is a sphere. */
    @Test
    void organSValuesGoByTheVoisName() {
        var mass = org.netra.physics.quantity.Mass.ofGrams(150);
        var ml = Optional.of(org.netra.physics.quantity.Volume.ofMl(150 / 1.04));
        assertThat(DoseComputation.selfS(
                                "lesion1 liver R lobe", RegionRole.TUMOUR, LU, mass, ml, ReferencePhantom.ADULT_MALE)
                        .how())
                .startsWith("sphere model");
        assertThat(DoseComputation.selfS("Liver", RegionRole.ORGAN, LU, mass, ml, ReferencePhantom.ADULT_MALE)
                        .how())
                .contains("Liver ← liver");
        // OpenDose AM kidneys ← right kidney scaled from the phantom's 310 g to 150 g
        var right = DoseComputation.selfS("kidney_R", RegionRole.KIDNEY, LU, mass, ml, ReferencePhantom.ADULT_MALE);
        assertThat(right.how()).contains("right-kidney");
        assertThat(DoseComputation.selfS("Left kidney", RegionRole.KIDNEY, LU, mass, ml, ReferencePhantom.ADULT_MALE)
                        .how())
                .contains("left-kidney");
        var table = org.netra.dosimetry.organ.OrganSValues.openDoseLu177()
                .get(
                        ReferencePhantom.ADULT_MALE,
                        org.netra.dosimetry.organ.SourceRegion.RIGHT_KIDNEY,
                        "RKidney + LKidney");
        assertThat(right.s().inMGyPerMBqSecond())
                .isCloseTo(table.s().inMGyPerMBqSecond() * table.targetMass().inGrams() / 150, within(1e-12));
    }

    @Test
    void aScanBeforeTheInjectionIsRefusedByName() {
        Mask m = sphere();
        var early =
                new TimePointImage("SCAN_000", ImageVolume.zeros(GRID, VoxelUnit.BQ_PER_ML), INJECTION.minusHours(1));
        assertThatThrownBy(() -> DoseComputation.run(
                        LU,
                        INJECTION,
                        List.of(early, scan(24, m)),
                        List.of(m),
                        Optional.empty(),
                        new DoseMethod.LocalDeposition(),
                        CycleSettings.of(LU)))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("SCAN_000")
                .hasMessageContaining("injection");
    }

    @Test
    void unalignedScansAndForeignVoisAreRefused() {
        Mask m = sphere();
        Geometry other = Geometry.of(40, 40, 30, new double[] {MM, MM, MM}, new double[] {-90, -96, -72});
        var moved =
                new TimePointImage("SCAN_002", ImageVolume.zeros(other, VoxelUnit.BQ_PER_ML), INJECTION.plusHours(24));
        assertThatThrownBy(() -> DoseComputation.run(
                        LU,
                        INJECTION,
                        List.of(scan(4, m), moved),
                        List.of(m),
                        Optional.empty(),
                        new DoseMethod.LocalDeposition(),
                        CycleSettings.of(LU)))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("SCAN_002")
                .hasMessageContaining("align");
        Mask empty = Mask.of("lesion 3", GRID, new boolean[GRID.voxelCount()]);
        assertThatThrownBy(() -> DoseComputation.run(
                        LU,
                        INJECTION,
                        List.of(scan(4, m)),
                        List.of(empty),
                        Optional.empty(),
                        new DoseMethod.LocalDeposition(),
                        CycleSettings.of(LU)))
                .isInstanceOf(VoiOutsideImageException.class)
                .hasMessageContaining("lesion 3");
    }

    /** Without registration a scan on a shifted grid is resampled through scanner coordinates. */
    @Test
    void alignmentWithoutRegistrationResamplesOntoTheFirstScan() {
        Mask m = sphere();
        TimePointImage first = scan(4, m);
        TimePointImage later = scan(24, m);
        // the same image, its grid shifted by exactly two voxels in x: values move two voxels
        Geometry shifted = Geometry.of(40, 40, 30, new double[] {MM, MM, MM}, new double[] {-96 + 2 * MM, -96, -72});
        var moved = later.withActivity(
                ImageVolume.wrap(shifted, VoxelUnit.BQ_PER_ML, later.activity().voxels()));
        var aligned = Alignment.align(List.of(moved, first), Alignment.Mode.NONE);
        assertThat(aligned.timePoints().get(0)).isSameAs(first);
        ImageVolume back = aligned.timePoints().get(1).activity();
        assertThat(back.geometry()).isEqualTo(GRID);
        assertThat(back.get(22, 20, 15)).isEqualTo(later.activity().get(20, 20, 15));
    }
}
