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
 * @param interfaceSdsBeyond an automatic interface region is flagged only beyond {@code flagAbove} by more than this
 *     many SDs of its difference (0 in records kept before these regions, which have none; never null)
 * @param regions the VOIs, then the regions netra drew around the tumours and kidneys ({@link Region#adjoining()})
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
        Double interfaceSdsBeyond,
        List<Region> regions) {
    public MonteCarloCheck {
        Objects.requireNonNull(stop, "why the Monte Carlo stopped");
        Objects.requireNonNull(elapsed, "the Monte Carlo's run time");
        geometry = geometry == null ? "" : geometry;
        electrons = electrons == null ? "" : electrons;
        // boxed so that a record kept before the automatic regions (without it) reads: it has none to flag
        interfaceSdsBeyond = interfaceSdsBeyond == null ? 0.0 : interfaceSdsBeyond;
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
     * @param adjoining present when netra drew the region around a VOI (not a user's VOI; compared only); empty for a
     *     VOI and in records kept before these regions
     */
    public record Region(
            String region,
            AbsorbedDose monteCarlo,
            AbsorbedDose monteCarloSd,
            Optional<AbsorbedDose> kernel,
            Optional<Adjoining> adjoining) {
        public Region {
            Objects.requireNonNull(region, "region of a Monte Carlo row");
            Objects.requireNonNull(monteCarlo, "Monte Carlo dose of " + region);
            Objects.requireNonNull(monteCarloSd, "Monte Carlo SD of " + region);
            kernel = kernel == null ? Optional.empty() : kernel;
            adjoining = adjoining == null ? Optional.empty() : adjoining;
        }

        /** A user's VOI. */
        public Region(
                String region, AbsorbedDose monteCarlo, AbsorbedDose monteCarloSd, Optional<AbsorbedDose> kernel) {
            this(region, monteCarlo, monteCarloSd, kernel, Optional.empty());
        }

        /** The Monte Carlo's SD over its dose (0 for a zero dose). */
        public double monteCarloRelativeSd() {
            return monteCarlo.inGy() > 0 ? monteCarloSd.inGy() / monteCarlo.inGy() : 0;
        }

        /** (Monte Carlo − kernel)/kernel, empty without a kernel dose. */
        public Optional<Double> difference() {
            return kernel.filter(k -> k.inGy() > 0).map(k -> (monteCarlo.inGy() - k.inGy()) / k.inGy());
        }

        /** The Monte Carlo's SD over the kernel's dose: the SD of {@link #difference()}. */
        public Optional<Double> differenceSd() {
            return kernel.filter(k -> k.inGy() > 0).map(k -> monteCarloSd.inGy() / k.inGy());
        }
    }

    /**
     * What an automatic region lies around.
     *
     * @param voi the tumour or kidney VOI it surrounds (its voxels within one voxel outside it)
     * @param tissue its voxels' tissue class: "lung", "soft tissue" or "bone"
     * @param voxels how many voxels it has
     */
    public record Adjoining(String voi, String tissue, int voxels) {}

    /**
     * Whether {@code r} differs from the kernel by more than this run's {@link #flagAbove} — and, for an automatic
     * region, by more than {@link #interfaceSdsBeyond} SDs beyond it.
     */
    public boolean flagged(Region r) {
        double sds = r.adjoining().isPresent() ? interfaceSdsBeyond : 0;
        return r.difference()
                .map(d -> Math.abs(d) - sds * r.differenceSd().orElseThrow() > flagAbove)
                .orElse(false);
    }

    /**
     * An automatic region not flagged whose difference is not known to be within {@link #flagAbove} either: its
     * 1-SD interval reaches beyond it (its dose is crossfire the run did not wait for). Said next to the number
     * rather than read as agreement.
     */
    public boolean uncertain(Region r) {
        return r.adjoining().isPresent()
                && !flagged(r)
                && r.difference()
                        .map(d -> Math.abs(d) + r.differenceSd().orElseThrow() > flagAbove)
                        .orElse(false);
    }

    /** The user's VOIs, in their order. */
    public List<Region> vois() {
        return regions.stream().filter(r -> r.adjoining().isEmpty()).toList();
    }

    /** The regions netra drew around the tumours and kidneys, in their order. */
    public List<Region> interfaces() {
        return regions.stream().filter(r -> r.adjoining().isPresent()).toList();
    }
}
