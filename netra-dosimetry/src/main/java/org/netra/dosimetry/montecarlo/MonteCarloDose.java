package org.netra.dosimetry.montecarlo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * Monte Carlo absorbed dose from a time-integrated activity map: photons transported by a
 * {@link PhotonTransportBackend}, electrons transported by {@link CpuElectronTransport} (or, with
 * {@link MonteCarloSettings.ElectronHandling#LOCAL}, deposited where they are emitted by expected value), the
 * statistical uncertainty per voxel and per region by the batch method, stopping at a target uncertainty, a batch
 * limit or a time limit.
 */
public final class MonteCarloDose {
    private static final double JOULES_PER_KEV = 1.602176634e-16;
    private static final PhotonTransportBackend.BatchEnergy NO_ELECTRONS =
            new PhotonTransportBackend.BatchEnergy(0, 0, 0);

    private MonteCarloDose() {}

    /** A nuclide's ICRP-107 emissions on a TIA map (Bq·s per voxel) in a phantom on the same grid. */
    public static MonteCarloResult run(
            VoxelPhantom phantom,
            ImageVolume tia,
            Nuclide nuclide,
            List<Mask> regions,
            MonteCarloSettings settings,
            Consumer<String> progress) {
        return run(phantom, tia, nuclide, regions, r -> true, settings, p -> progress.accept(p.describe()));
    }

    /**
     * As {@link #run(VoxelPhantom, ImageVolume, Nuclide, List, MonteCarloSettings, Consumer)}, stopping on the
     * regions {@code watched} accepts and reporting each round as a {@link MonteCarloProgress}.
     */
    public static MonteCarloResult run(
            VoxelPhantom phantom,
            ImageVolume tia,
            Nuclide nuclide,
            List<Mask> regions,
            Predicate<String> watched,
            MonteCarloSettings settings,
            Consumer<MonteCarloProgress> progress) {
        DecaySource source = DecaySource.of(tia, nuclide, settings.photonCut());
        return switch (settings.electrons()) {
            case LOCAL ->
                run(
                        phantom,
                        source,
                        new CpuPhotonTransport(phantom, source),
                        Optional.empty(),
                        regions,
                        watched,
                        settings,
                        progress);
            case TRANSPORTED -> {
                // the electrons' expected energy stays in the source's local energy; their transport tallies only
                // what each history moves away from its voxel (a control variate, CpuElectronTransport)
                ElectronEmissions electrons = ElectronEmissions.of(nuclide, ElectronEmissions.DEFAULT_CUT);
                yield run(
                        phantom,
                        source,
                        new CpuPhotonTransport(phantom, source),
                        Optional.of(CpuElectronTransport.withLocalExpectation(phantom, source, electrons)),
                        regions,
                        watched,
                        settings,
                        progress);
            }
            case TRANSPORTED_ANALOGUE -> {
                ElectronEmissions electrons = ElectronEmissions.of(nuclide, ElectronEmissions.DEFAULT_CUT);
                // what stays local: electrons below the cut, alphas and photons below the photon cut
                DecaySource rest = source.withLocalEnergy(org.netra.physics.quantity.Energy.ofJoules(Math.max(
                        0,
                        source.localEnergyPerDecay().inJoules()
                                - electrons.transportedPerDecay().inJoules())));
                yield run(
                        phantom,
                        rest,
                        new CpuPhotonTransport(phantom, rest),
                        Optional.of(new CpuElectronTransport(phantom, rest, electrons)),
                        regions,
                        watched,
                        settings,
                        progress);
            }
        };
    }

    /** Photons transported by {@code backend}, electrons deposited locally (the source's local energy). */
    public static MonteCarloResult run(
            VoxelPhantom phantom,
            DecaySource source,
            PhotonTransportBackend backend,
            List<Mask> regions,
            MonteCarloSettings settings,
            Consumer<String> progress) {
        return run(phantom, source, backend, Optional.empty(), regions, settings, progress);
    }

    /** Photons by {@code backend}, electrons by {@code electronBackend}, every region watched. */
    public static MonteCarloResult run(
            VoxelPhantom phantom,
            DecaySource source,
            PhotonTransportBackend backend,
            Optional<CpuElectronTransport> electronBackend,
            List<Mask> regions,
            MonteCarloSettings settings,
            Consumer<String> progress) {
        return run(
                phantom,
                source,
                backend,
                electronBackend,
                regions,
                r -> true,
                settings,
                p -> progress.accept(p.describe()));
    }

    /**
     * Photons by {@code backend}, the transported electrons by {@code electronBackend} into the same tally (each
     * batch runs both on its own generator, photons first), the source's local energy deposited in place;
     * stopping when every region {@code watched} accepts (by name) is at the target, and telling {@code progress}
     * after each round where the run stands. The other regions are tallied alike but do not hold the run up (a
     * body outline or a low-uptake organ would need far more histories than the kidneys).
     */
    public static MonteCarloResult run(
            VoxelPhantom phantom,
            DecaySource source,
            PhotonTransportBackend backend,
            Optional<CpuElectronTransport> electronBackend,
            List<Mask> regions,
            Predicate<String> watched,
            MonteCarloSettings settings,
            Consumer<MonteCarloProgress> progress) {
        Geometry g = phantom.geometry();
        for (Mask m : regions) {
            m.requireOn(g, "region " + m.name() + " of the Monte Carlo run");
        }
        int n = g.voxelCount();
        // Gy per (keV per history) in a voxel is decays·J/keV/(ρ·V): computed where needed rather than stored, as
        // are the electrons' local dose (TIA·E_local/(ρ·V)), so that a 13 M-voxel SPECT grid needs only the sums,
        // one tally per thread and the maps
        double gyPerKeVAtUnitDensity = source.totalDecays().inBqSeconds()
                * JOULES_PER_KEV
                / (g.voxelVolume().inMl() / 1000);
        float[] rho = phantom.density();
        float[] tiaPerVoxel = new float[n];
        int[] vox = source.voxels();
        double[] cum = source.cumulative();
        for (int i = 0; i < vox.length; i++) {
            tiaPerVoxel[vox[i]] = (float) (cum[i] - (i == 0 ? 0 : cum[i - 1]));
        }
        double localJ = source.localEnergyPerDecay().inJoules();
        double localGyAtUnitDensity = localJ / (g.voxelVolume().inMl() / 1000);
        Voxels voxels = new Voxels(rho, tiaPerVoxel, gyPerKeVAtUnitDensity, localGyAtUnitDensity);

        Accumulator acc = new Accumulator(n, regions, voxels, settings.historiesPerBatch());
        SplittableRandom root = new SplittableRandom(settings.seed());
        long start = System.nanoTime();
        MonteCarloResult.Stop stop;
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "netra-monte-carlo");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<double[]> tallies = ThreadLocal.withInitial(() -> new double[n]);
        try {
            while (true) {
                List<Future<?>> round = new ArrayList<>();
                for (int b = 0; b < settings.batchesPerRound(); b++) {
                    SplittableRandom random = root.split();
                    int index = acc.submitted++;
                    round.add(pool.submit(() -> {
                        double[] tally = tallies.get();
                        var energy = backend.run(settings.historiesPerBatch(), random, tally);
                        double[] photonRegions = acc.regionMeans(tally);
                        var electrons = electronBackend
                                .map(e -> e.run(settings.historiesPerBatch(), random, tally))
                                .orElse(NO_ELECTRONS);
                        acc.merge(index, tally, photonRegions, energy, electrons);
                        return null;
                    }));
                }
                for (Future<?> f : round) {
                    f.get();
                }
                List<MonteCarloProgress.RegionUncertainty> watchedSd = acc.relativeSds(watched);
                double worst = watchedSd.stream()
                        .mapToDouble(MonteCarloProgress.RegionUncertainty::relativeSd)
                        .max()
                        .orElse(0);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                progress.accept(new MonteCarloProgress(
                        (long) acc.merged * settings.historiesPerBatch(),
                        acc.merged,
                        watchedSd,
                        worst,
                        settings.targetRelativeSd(),
                        elapsed,
                        MonteCarloProgress.remaining(acc.merged, worst, settings, elapsed, !watchedSd.isEmpty())));
                if (!watchedSd.isEmpty() && worst <= settings.targetRelativeSd()) {
                    stop = MonteCarloResult.Stop.TARGET_REACHED;
                    break;
                }
                if (acc.merged + settings.batchesPerRound() > settings.maxBatches()) {
                    stop = MonteCarloResult.Stop.BATCH_LIMIT;
                    break;
                }
                if (elapsed.compareTo(settings.timeLimit()) >= 0) {
                    stop = MonteCarloResult.Stop.TIME_LIMIT;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the Monte Carlo run was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a Monte Carlo batch failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        int batches = acc.merged;
        float[] dose = new float[n];
        float[] relSd = new float[n];
        for (int v = 0; v < n; v++) {
            double mean = acc.sum[v] / batches;
            double var = Math.max(0, acc.sumSq[v] / batches - mean * mean) / (batches - 1);
            double photonGy = mean * voxels.gyPerKeV(v);
            double total = voxels.localGy(v) + photonGy;
            double sd = Math.sqrt(var) * voxels.gyPerKeV(v);
            if (total < 0) {
                // the electrons' control variate can take more out of a sparsely sampled voxel than its expected
                // energy puts in (one decay sampled where 0.01 were expected, its electron leaving): a dose there
                // is not known at all, so 0 with a relative SD of at least 100 %, never a negative dose
                dose[v] = 0;
                relSd[v] = (float) Math.max(1, sd / -total);
            } else {
                dose[v] = (float) total;
                relSd[v] = total > 0 ? (float) (sd / total) : 0;
            }
        }
        List<MonteCarloResult.RegionDose> out = new ArrayList<>();
        for (int r = 0; r < regions.size(); r++) {
            out.add(acc.region(r));
        }
        double perHistory = (double) batches * settings.historiesPerBatch();
        return new MonteCarloResult(
                ImageVolume.wrap(g, VoxelUnit.GY, dose),
                ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, relSd),
                out,
                (long) perHistory,
                batches,
                stop,
                elapsed,
                source.localEnergyPerDecay(),
                acc.emitted / perHistory,
                acc.absorbed / perHistory,
                acc.escaped / perHistory,
                phantom.description(),
                acc.electronEmitted / perHistory,
                acc.electronAbsorbed / perHistory,
                acc.electronEscaped / perHistory,
                electronBackend.isPresent()
                        ? "electrons transported (condensed history with Møller δ-rays and energy-loss straggling), below "
                                + ElectronEmissions.DEFAULT_CUT.inKeV() + " keV deposited in place"
                        : "electrons deposited in the voxel of their decay");
    }

    /** Per voxel: density and TIA, and the dose per unit of tally and of local energy they imply. */
    private record Voxels(float[] rho, float[] tia, double gyPerKeVAtUnitDensity, double localGyAtUnitDensity) {
        double gyPerKeV(int v) {
            return gyPerKeVAtUnitDensity / rho[v];
        }

        double localGy(int v) {
            return tia[v] * localGyAtUnitDensity / rho[v];
        }
    }

    /** Sums of the batch results, merged in batch order so that the sums do not depend on thread timing. */
    private static final class Accumulator {
        final double[] sum;
        final double[] sumSq;
        final List<Mask> regions;
        final int[][] regionVoxels;
        final Voxels voxels;
        final int histories;
        /** Per region, the tallied dose of each batch (Gy): photons, and the electrons when transported. */
        final List<List<Double>> regionBatches = new ArrayList<>();
        /** Per region, the photons' part of the tallied dose summed over batches (Gy). */
        final double[] photonSum;

        int submitted;
        int merged;
        double emitted, absorbed, escaped;
        double electronEmitted, electronAbsorbed, electronEscaped;

        Accumulator(int n, List<Mask> regions, Voxels voxels, int histories) {
            sum = new double[n];
            sumSq = new double[n];
            this.regions = regions;
            this.voxels = voxels;
            this.histories = histories;
            regionVoxels = new int[regions.size()][];
            photonSum = new double[regions.size()];
            for (int r = 0; r < regions.size(); r++) {
                regionVoxels[r] = regions.get(r).indices();
                regionBatches.add(new ArrayList<>());
            }
        }

        /** Each region's mean tallied dose (Gy) in one batch's tally, as it stands. Reads only immutable state. */
        double[] regionMeans(double[] tally) {
            double[] out = new double[regionVoxels.length];
            for (int r = 0; r < regionVoxels.length; r++) {
                double s = 0;
                for (int v : regionVoxels[r]) {
                    s += tally[v] / histories * voxels.gyPerKeV(v);
                }
                out[r] = s / regionVoxels[r].length;
            }
            return out;
        }

        synchronized void merge(
                int index,
                double[] tally,
                double[] photonRegions,
                PhotonTransportBackend.BatchEnergy energy,
                PhotonTransportBackend.BatchEnergy electrons)
                throws InterruptedException {
            while (merged != index) {
                wait();
            }
            double[] tallied = regionMeans(tally);
            for (int r = 0; r < regionVoxels.length; r++) {
                regionBatches.get(r).add(tallied[r]);
                photonSum[r] += photonRegions[r];
            }
            for (int v = 0; v < tally.length; v++) {
                double x = tally[v];
                if (x != 0) {
                    x /= histories;
                    sum[v] += x;
                    sumSq[v] += x * x;
                    tally[v] = 0;
                }
            }
            emitted += energy.emittedKeV();
            absorbed += energy.absorbedKeV();
            escaped += energy.escapedKeV();
            electronEmitted += electrons.emittedKeV();
            electronAbsorbed += electrons.absorbedKeV();
            electronEscaped += electrons.escapedKeV();
            merged++;
            notifyAll();
        }

        /** The relative SD so far of each region {@code watched} accepts. */
        synchronized List<MonteCarloProgress.RegionUncertainty> relativeSds(
                java.util.function.Predicate<String> watched) {
            List<MonteCarloProgress.RegionUncertainty> out = new ArrayList<>();
            for (int r = 0; r < regions.size(); r++) {
                if (watched.test(regions.get(r).name())) {
                    out.add(new MonteCarloProgress.RegionUncertainty(
                            regions.get(r).name(), region(r).relativeSd()));
                }
            }
            return out;
        }

        synchronized MonteCarloResult.RegionDose region(int r) {
            double localMean = 0;
            for (int v : regionVoxels[r]) {
                localMean += voxels.localGy(v);
            }
            localMean /= regionVoxels[r].length;
            List<Double> b = regionBatches.get(r);
            int k = b.size();
            double mean = 0;
            for (double x : b) {
                mean += x;
            }
            mean /= k;
            double ss = 0;
            for (double x : b) {
                ss += (x - mean) * (x - mean);
            }
            double sdOfMean = k > 1 ? Math.sqrt(ss / (k - 1) / k) : Double.MAX_VALUE;
            // never negative (the control variate's noise in a barely sampled region can be); its SD says how much
            double total = Math.max(0, localMean + mean);
            return new MonteCarloResult.RegionDose(
                    regions.get(r).name(),
                    AbsorbedDose.ofGy(total),
                    AbsorbedDose.ofGy(Math.min(sdOfMean, 1e30)),
                    total > 0 ? photonSum[r] / k / total : 0);
        }
    }
}
