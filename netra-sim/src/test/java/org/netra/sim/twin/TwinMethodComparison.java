package org.netra.sim.twin;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 * A twin's first cycle through the cycle's dose computation by the Monte Carlo beside the kernel: the true 177Lu
 * activity at 4, 24, 96 and 168 h (no camera, so that what differs is the methods alone) over every VOI the twin
 * has, once with the twin's CT (media and density by Schneider) and once in soft tissue (no CT). The difference
 * between the two runs is what the tissue does; the soft-tissue run's own difference is the methods'.
 */
record TwinMethodComparison(
        Map<String, MonteCarloComparison.Row> withCt, Map<String, MonteCarloComparison.Row> softTissue) {
    private static final Nuclide LU177 = NuclideCatalog.icrp107().lutetium177();

    static TwinMethodComparison of(TwinSpec spec) {
        return of(spec, phantom -> List.of());
    }

    /** With {@code extra} VOIs drawn on the twin's phantom beside the ones it has. */
    static TwinMethodComparison of(TwinSpec spec, Function<Phantom, List<Mask>> extra) {
        Phantom phantom = Phantom.build(spec.phantom());
        TrueKinetics truth = TrueKinetics.of(phantom, spec.cycleKinetics().get(0), spec.injectedMBq());
        LocalDateTime injection = LocalDateTime.of(2026, 3, 2, 9, 30);
        List<TimePointImage> tps = new ArrayList<>();
        for (double h : new double[] {4, 24, 96, 168}) {
            tps.add(new TimePointImage(
                    "true activity " + h + " h", truth.activityMap(h), injection.plusMinutes(Math.round(60 * h))));
        }
        List<Mask> vois = new ArrayList<>(
                Voi.of(spec.phantom()).stream().map(phantom::mask).toList());
        vois.addAll(extra.apply(phantom));
        var method = new DoseMethod.MonteCarlo(
                MonteCarloSettings.defaults().withBatches(50_000, 10, 100).withTarget(0.01, Duration.ofMinutes(10)));
        var comparison = new TwinMethodComparison(
                rows(DoseComputation.run(
                        LU177, injection, tps, vois, Optional.of(phantom.density()), method, CycleSettings.of(LU177))),
                rows(DoseComputation.run(
                        LU177, injection, tps, vois, Optional.empty(), method, CycleSettings.of(LU177))));
        comparison.withCt.forEach((voi, r) -> System.out.printf(
                Locale.ROOT,
                "twin %d %-16s with CT %+.2f %% (MC ± %.2f %%, kernel %.3f Gy, MC %.3f Gy)%s, %s%n",
                spec.seed(),
                voi,
                100 * r.difference().orElseThrow(),
                100 * r.monteCarloRelativeSd(),
                r.kernel().orElseThrow().inGy(),
                r.monteCarlo().inGy(),
                r.adjoining()
                        .map(a -> String.format(
                                Locale.ROOT, " automatic, %d voxels%s", a.voxels(), r.flagged() ? ", FLAGGED" : ""))
                        .orElse(r.flagged() ? " FLAGGED" : ""),
                // the automatic regions are drawn only with a CT
                Optional.ofNullable(comparison.softTissue.get(voi))
                        .map(soft -> String.format(
                                Locale.ROOT,
                                "soft tissue %+.2f %% (MC ± %.2f %%)",
                                100 * soft.difference().orElseThrow(),
                                100 * soft.monteCarloRelativeSd()))
                        .orElse("not in the soft-tissue run")));
        return comparison;
    }

    private static Map<String, MonteCarloComparison.Row> rows(CycleResult r) {
        Map<String, MonteCarloComparison.Row> out = new LinkedHashMap<>();
        r.monteCarlo().orElseThrow().rows().forEach(row -> out.put(row.voi(), row));
        return out;
    }
}
