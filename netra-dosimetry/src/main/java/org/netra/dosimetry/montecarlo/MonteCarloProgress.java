package org.netra.dosimetry.montecarlo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a Monte Carlo run stands after a round of batches, for a job page or a terminal.
 *
 * @param histories histories transported so far
 * @param batches batches merged so far
 * @param watched the regions the run stops on, each with its relative SD so far (1 SD of the mean)
 * @param worstRelativeSd the largest of them
 * @param targetRelativeSd what each watched region is to reach
 * @param elapsed wall time so far
 * @param remaining the estimated wall time to the target: the batch method's SD falls as 1/√batches, so the
 *     batches still needed are batches·((worst/target)² − 1), at the rate so far; capped by the time and batch
 *     limits; empty when no region is watched
 */
public record MonteCarloProgress(
        long histories,
        int batches,
        List<RegionUncertainty> watched,
        double worstRelativeSd,
        double targetRelativeSd,
        Duration elapsed,
        Optional<Duration> remaining) {
    public MonteCarloProgress {
        watched = List.copyOf(watched);
    }

    /** True once every watched region is at the target (false when none is watched). */
    public boolean targetReached() {
        return !watched.isEmpty() && worstRelativeSd <= targetRelativeSd;
    }

    /** A watched region's relative SD so far. */
    public record RegionUncertainty(String region, double relativeSd) {}

    /** The estimate above from a round's figures. */
    static Optional<Duration> remaining(
            int batches, double worst, MonteCarloSettings settings, Duration elapsed, boolean anyWatched) {
        if (!anyWatched || batches == 0) {
            return Optional.empty();
        }
        double ratio = worst / settings.targetRelativeSd();
        double moreBatches = ratio <= 1 ? 0 : batches * (ratio * ratio - 1);
        moreBatches = Math.min(moreBatches, Math.max(0, settings.maxBatches() - batches));
        double secondsPerBatch = elapsed.toNanos() / 1e9 / batches;
        double seconds = moreBatches * secondsPerBatch;
        double left = Math.max(0, settings.timeLimit().toNanos() / 1e9 - elapsed.toNanos() / 1e9);
        return Optional.of(Duration.ofMillis(Math.round(1000 * Math.min(seconds, left))));
    }

    /** The line the run has always printed. */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "Monte Carlo: %d batches, %d histories, worst region ±%.2f %% after %.1f s",
                batches,
                histories,
                100 * worstRelativeSd,
                elapsed.toNanos() / 1e9);
    }
}
