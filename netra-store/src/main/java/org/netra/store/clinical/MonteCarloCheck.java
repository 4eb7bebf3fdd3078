package org.netra.store.clinical;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * A cycle's Monte Carlo run beside the voxel kernel, as its page and report show it: per region both doses
 * (before partial-volume correction, which scales both alike), the Monte Carlo's statistical SD and whether they
 * differ by more than {@code flagAbove}; and how far the run went.
 *
 * @param stop why it stopped: "target reached", "time limit" or "batch limit"
 * @param targetRelativeSd the relative SD each watched region was to reach
 * @param reachedRelativeSd the largest relative SD among the watched regions at the stop
 * @param geometry how the media were assigned (the CT by Schneider, or soft tissue without a CT)
 * @param electrons how the electrons were handled, with their range against the voxel
 * @param flagAbove the relative difference beyond which a region is flagged
 */
public record MonteCarloCheck(
        long histories,
        int batches,
        String stop,
        long seed,
        int threads,
        double targetRelativeSd,
        double reachedRelativeSd,
        Duration elapsed,
        String geometry,
        String electrons,
        double flagAbove,
        List<Region> regions) {
    public MonteCarloCheck {
        Objects.requireNonNull(stop, "why the Monte Carlo stopped");
        Objects.requireNonNull(elapsed, "the Monte Carlo's run time");
        geometry = geometry == null ? "" : geometry;
        electrons = electrons == null ? "" : electrons;
        regions = List.copyOf(regions);
    }

    /** True when the run stopped (time or batch limit) before its watched regions reached the target. */
    public boolean targetMissed() {
        return reachedRelativeSd > targetRelativeSd;
    }

    /**
     * A region's two doses.
     *
     * @param monteCarloSd 1 SD of the Monte Carlo mean, statistical only
     * @param kernel the voxel kernel's dose (empty when netra has no kernel of the nuclide)
     */
    public record Region(
            String region, AbsorbedDose monteCarlo, AbsorbedDose monteCarloSd, Optional<AbsorbedDose> kernel) {
        public Region {
            Objects.requireNonNull(region, "region of a Monte Carlo row");
            Objects.requireNonNull(monteCarlo, "Monte Carlo dose of " + region);
            Objects.requireNonNull(monteCarloSd, "Monte Carlo SD of " + region);
            kernel = kernel == null ? Optional.empty() : kernel;
        }

        /** The Monte Carlo's SD over its dose (0 for a zero dose). */
        public double monteCarloRelativeSd() {
            return monteCarlo.inGy() > 0 ? monteCarloSd.inGy() / monteCarlo.inGy() : 0;
        }

        /** (Monte Carlo − kernel)/kernel, empty without a kernel dose. */
        public Optional<Double> difference() {
            return kernel.filter(k -> k.inGy() > 0).map(k -> (monteCarlo.inGy() - k.inGy()) / k.inGy());
        }
    }

    /** Whether {@code r} differs from the kernel by more than this run's {@link #flagAbove}. */
    public boolean flagged(Region r) {
        return r.difference().map(d -> Math.abs(d) > flagAbove).orElse(false);
    }
}
