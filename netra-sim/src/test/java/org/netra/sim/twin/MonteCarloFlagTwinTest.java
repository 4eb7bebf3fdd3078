package org.netra.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.CycleSettings;
import org.netra.dosimetry.cycle.DoseComputation;
import org.netra.dosimetry.cycle.DoseMethod;
import org.netra.dosimetry.cycle.MonteCarloComparison;
import org.netra.dosimetry.cycle.TimePointImage;
import org.netra.dosimetry.montecarlo.MonteCarloSettings;
import org.netra.imaging.volume.Mask;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.TrueKinetics;

/**
 * The Monte Carlo's flag on a digital twin: twin 1's true 177Lu activity at 4, 24, 96 and 168 h (no camera, so the
 * comparison is of the methods alone) through the cycle's dose computation, once with the twin's CT (media and
 * density by Schneider) and once in soft tissue. The bone metastasis sits in the top vertebra, inside cortical
 * bone; the liver and pancreas tumours are in soft tissue, far from bone (the twin has no lung).
 *
 * <p>What this shows since the kernel method carries the photons from beyond its 11³ voxels (the long-range photon
 * kernel) and the Monte Carlo transports the electrons: on a whole twin the two methods agree, so the flag stays
 * quiet — on every organ and on the tumour in bone too. Before the long-range kernel the Monte Carlo read +5 to +8 %
 * on most organs and tumours (+37 % on the marrow) and flagged nearly all of them: the far photons, not the bone.
 * The bone's own effect is small because the kernel scales its short-range dose by ρ_tissue/ρ_voxel, which is
 * O'Connor's scaling for the electrons; what is left (the photo-electric excess of bone for 177Lu's X-rays, the
 * electrons crossing the bone's edge) measured +1.7 points on the bone tumour (+0.3 % with the CT against −1.4 % in
 * soft tissue, the Monte Carlo's SD ± 1 %). A rib of cortical bone beside a tumour, a thin bone whose edge effects
 * dominate, is still flagged (+8.7 %, MonteCarloCycleTest in netra-dosimetry).
 */
class MonteCarloFlagTwinTest {
    private static final Nuclide LU177 = NuclideCatalog.icrp107().lutetium177();
    private static Map<String, MonteCarloComparison.Row> withCt;
    private static Map<String, MonteCarloComparison.Row> softTissue;

    @BeforeAll
    static void run() {
        TwinSpec spec = TwinSpec.draw(1, 1, 7400);
        Phantom phantom = Phantom.build(spec.phantom());
        TrueKinetics truth = TrueKinetics.of(phantom, spec.cycleKinetics().get(0), spec.injectedMBq());
        LocalDateTime injection = LocalDateTime.of(2026, 3, 2, 9, 30);
        List<TimePointImage> tps = new ArrayList<>();
        for (double h : new double[] {4, 24, 96, 168}) {
            tps.add(new TimePointImage(
                    "true activity " + h + " h", truth.activityMap(h), injection.plusMinutes(Math.round(60 * h))));
        }
        List<Mask> vois = Voi.STANDARD.stream().map(phantom::mask).toList();
        var method = new DoseMethod.MonteCarlo(MonteCarloSettings.defaults()
                .withBatches(50_000, 10, 100)
                .withTarget(0.01, java.time.Duration.ofMinutes(10)));
        withCt = rows(DoseComputation.run(
                LU177, injection, tps, vois, Optional.of(phantom.density()), method, CycleSettings.of(LU177)));
        softTissue = rows(
                DoseComputation.run(LU177, injection, tps, vois, Optional.empty(), method, CycleSettings.of(LU177)));
        withCt.forEach((voi, r) -> System.out.printf(
                java.util.Locale.ROOT,
                "%-16s with CT %+.2f %% (MC ± %.2f %%), soft tissue %+.2f %%%n",
                voi,
                100 * r.difference().orElseThrow(),
                100 * r.monteCarloRelativeSd(),
                100 * softTissue.get(voi).difference().orElseThrow()));
    }

    private static Map<String, MonteCarloComparison.Row> rows(CycleResult r) {
        Map<String, MonteCarloComparison.Row> out = new LinkedHashMap<>();
        r.monteCarlo().orElseThrow().rows().forEach(row -> out.put(row.voi(), row));
        return out;
    }

    /** Every organ and tumour within the flag's 5 %, with the CT and in soft tissue: no false alarm on a twin. */
    @Test
    void noRegionOfTheTwinIsFlaggedOnceTheKernelCarriesTheFarPhotons() {
        for (var rows : List.of(withCt, softTissue)) {
            rows.forEach((voi, r) -> {
                if (voi.equals("Body")) {
                    return; // the outline's edge lacks back-scatter the kernel assumes (docs/dosimetry.md)
                }
                assertThat(r.flagged()).as(voi).isFalse();
                assertThat(Math.abs(r.difference().orElseThrow())).as(voi).isLessThan(0.05);
            });
        }
    }

    /**
     * The agreement is not the Monte Carlo's noise hiding a difference: the kidneys, liver and spleen, where the
     * Monte Carlo's SD is below 1 %, agree within 2 %, where before the long-range kernel they read +5 to +8 %.
     */
    @Test
    void theWellSampledOrgansAgreeWithinTwoPercent() {
        for (String voi : List.of("Kidney_L", "Kidney_R", "Liver", "Spleen")) {
            var r = withCt.get(voi);
            assertThat(r.monteCarloRelativeSd()).as(voi).isLessThan(0.01);
            assertThat(Math.abs(r.difference().orElseThrow())).as(voi).isLessThan(0.02);
        }
    }
}
