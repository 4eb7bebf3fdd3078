package org.netra.dosimetry.montecarlo;

import java.time.Duration;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.quantity.Energy;

/**
 * How long a Monte Carlo run goes on. Batches of {@code historiesPerBatch} run in rounds of
 * {@code batchesPerRound}; after each round the run stops once every region's dose is known to
 * {@code targetRelativeSd} (1 SD of the mean, batch method), or at {@code maxBatches}, or once
 * {@code timeLimit} has passed. The result depends only on the seed and the number of batches run, not on the
 * number of threads: each batch has its own generator split from the seed in batch order, and batches are merged
 * in batch order.
 */
public record MonteCarloSettings(
        long seed,
        int historiesPerBatch,
        int batchesPerRound,
        int maxBatches,
        double targetRelativeSd,
        Duration timeLimit,
        int threads,
        Energy photonCut,
        ElectronHandling electrons) {

    /** What happens to the decays' electrons. */
    public enum ElectronHandling {
        /**
         * Condensed-history transport through the phantom ({@link CpuElectronTransport}), tallied as a control
         * variate: the expected electron energy deposited in place, only what moves between voxels statistical.
         */
        TRANSPORTED,
        /** The same transport with every deposit tallied as it happens: the same mean, noisier (for comparison). */
        TRANSPORTED_ANALOGUE,
        /** Deposited in the decay's voxel by expected value (no noise; wrong where the range reaches the voxel). */
        LOCAL
    }

    /** Settings with the electrons transported. */
    public MonteCarloSettings(
            long seed,
            int historiesPerBatch,
            int batchesPerRound,
            int maxBatches,
            double targetRelativeSd,
            Duration timeLimit,
            int threads,
            Energy photonCut) {
        this(
                seed,
                historiesPerBatch,
                batchesPerRound,
                maxBatches,
                targetRelativeSd,
                timeLimit,
                threads,
                photonCut,
                ElectronHandling.TRANSPORTED);
    }

    public MonteCarloSettings {
        java.util.Objects.requireNonNull(electrons, "electrons (TRANSPORTED or LOCAL)");
        if (historiesPerBatch < 1 || batchesPerRound < 2 || maxBatches < batchesPerRound) {
            throw new IllegalArgumentException("Monte Carlo settings need ≥ 1 history per batch, ≥ 2 batches per"
                    + " round (the batch method needs a spread) and a batch limit ≥ one round; got "
                    + historiesPerBatch + ", " + batchesPerRound + ", " + maxBatches);
        }
        if (!(targetRelativeSd > 0) || timeLimit.isNegative() || timeLimit.isZero() || threads < 1) {
            throw new IllegalArgumentException("Monte Carlo settings need a positive target uncertainty, time limit"
                    + " and thread count; got " + targetRelativeSd + ", " + timeLimit + ", " + threads);
        }
    }

    /** 2 % per region, at most 400 batches of 50 000 histories or 5 minutes, all cores, electrons transported. */
    public static MonteCarloSettings defaults() {
        return new MonteCarloSettings(
                20_260_101L,
                50_000,
                10,
                400,
                0.02,
                Duration.ofMinutes(5),
                Runtime.getRuntime().availableProcessors(),
                EnergyPartition.DEFAULT_PHOTON_CUT);
    }

    public MonteCarloSettings withSeed(long s) {
        return new MonteCarloSettings(
                s,
                historiesPerBatch,
                batchesPerRound,
                maxBatches,
                targetRelativeSd,
                timeLimit,
                threads,
                photonCut,
                electrons);
    }

    public MonteCarloSettings withThreads(int t) {
        return new MonteCarloSettings(
                seed,
                historiesPerBatch,
                batchesPerRound,
                maxBatches,
                targetRelativeSd,
                timeLimit,
                t,
                photonCut,
                electrons);
    }

    public MonteCarloSettings withBatches(int historiesPerBatch, int batchesPerRound, int maxBatches) {
        return new MonteCarloSettings(
                seed,
                historiesPerBatch,
                batchesPerRound,
                maxBatches,
                targetRelativeSd,
                timeLimit,
                threads,
                photonCut,
                electrons);
    }

    public MonteCarloSettings withTarget(double relativeSd, Duration limit) {
        return new MonteCarloSettings(
                seed, historiesPerBatch, batchesPerRound, maxBatches, relativeSd, limit, threads, photonCut, electrons);
    }

    public MonteCarloSettings withElectrons(ElectronHandling handling) {
        return new MonteCarloSettings(
                seed,
                historiesPerBatch,
                batchesPerRound,
                maxBatches,
                targetRelativeSd,
                timeLimit,
                threads,
                photonCut,
                handling);
    }
}
