package org.netra.dosimetry.cycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.netra.dosimetry.montecarlo.MonteCarloResult;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * The Monte Carlo run of a cycle beside the kernel method on the same TIA map: per VOI both doses and their
 * difference, flagged beyond {@link #FLAG_ABOVE}. Compared before partial-volume correction, which scales both
 * alike.
 *
 * @param kernelAvailable false when netra has no dose-voxel kernel of the nuclide (rows then carry no kernel dose)
 * @param seed the run's seed (the same seed and batch count give the same map on any number of threads)
 * @param threads the threads it ran on
 * @param targetRelativeSd the uncertainty the run was to reach in each watched VOI (1 SD of the mean)
 * @param watched the VOIs the run stopped on: the kidneys and tumours, or every VOI when there are none
 * @param reachedRelativeSd the largest relative SD among the watched VOIs when it stopped (above the target when
 *     it stopped at the time or batch limit)
 */
public record MonteCarloComparison(
        long histories,
        int batches,
        MonteCarloResult.Stop stop,
        long seed,
        int threads,
        double targetRelativeSd,
        List<String> watched,
        double reachedRelativeSd,
        Duration elapsed,
        String geometry,
        String electrons,
        boolean electronsLocalValid,
        boolean kernelAvailable,
        List<Row> rows) {
    /** The relative difference beyond which a VOI is flagged. */
    public static final double FLAG_ABOVE = 0.05;

    public MonteCarloComparison {
        rows = List.copyOf(rows);
        watched = List.copyOf(watched);
    }

    /** True when the run stopped before every watched VOI reached the target (time or batch limit). */
    public boolean targetMissed() {
        return reachedRelativeSd > targetRelativeSd;
    }

    /**
     * @param monteCarloSd 1 SD of the Monte Carlo mean, statistical
     * @param kernel the voxel-kernel dose of the same VOI, when netra has the nuclide's kernel
     */
    public record Row(String voi, AbsorbedDose monteCarlo, AbsorbedDose monteCarloSd, Optional<AbsorbedDose> kernel) {
        /** (MC − kernel)/kernel, or empty without a kernel dose. */
        public Optional<Double> difference() {
            return kernel.filter(k -> k.inGy() > 0).map(k -> (monteCarlo.inGy() - k.inGy()) / k.inGy());
        }

        /** The Monte Carlo's statistical SD over its dose (0 for a zero dose). */
        public double monteCarloRelativeSd() {
            return monteCarlo.inGy() > 0 ? monteCarloSd.inGy() / monteCarlo.inGy() : 0;
        }

        public boolean flagged() {
            return difference().map(d -> Math.abs(d) > FLAG_ABOVE).orElse(false);
        }
    }

    /** The warnings of the comparison: each flagged VOI, and electrons that travel beyond the voxel. */
    public List<CycleWarning> warnings() {
        List<CycleWarning> out = new java.util.ArrayList<>();
        for (Row r : rows) {
            if (r.flagged()) {
                out.add(new CycleWarning.MonteCarloDisagrees(
                        r.voi(),
                        r.monteCarlo().inGy(),
                        r.monteCarloSd().inGy(),
                        r.kernel().orElseThrow().inGy()));
            }
        }
        if (!electronsLocalValid) {
            out.add(new CycleWarning.MonteCarloElectronsBeyondVoxel(electrons));
        }
        return out;
    }
}
