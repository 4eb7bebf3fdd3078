package org.netra.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netra.dosimetry.montecarlo.CpuPhotonTransport;
import org.netra.dosimetry.montecarlo.DecaySource;
import org.netra.dosimetry.montecarlo.MonteCarloDose;
import org.netra.dosimetry.montecarlo.MonteCarloResult;
import org.netra.dosimetry.montecarlo.MonteCarloSettings;
import org.netra.dosimetry.montecarlo.PhotonCrossSections;
import org.netra.dosimetry.montecarlo.VoxelPhantom;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.dosimetry.voxel.VoxelSValues;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Density;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.TrueKinetics;
import org.netra.sim.truth.DoseTruth;
import org.netra.sim.twin.TwinSpec;

/**
 * Monte Carlo speed and the kernel's energy, not a test (bench/run-montecarlo.sh):
 *
 * <ul>
 *   <li>{@code twin [seed] [threads…]}: a digital twin's whole-body 177Lu dose map from its true TIA map in its
 *       CT (Schneider media), 400 000 histories (20 batches) once per thread count; wall and process CPU time,
 *       histories per second, each VOI's Monte Carlo dose ± SD beside the kernel truth (the kidneys' SDs at equal
 *       histories and, as SD² × CPU, at equal CPU time).
 *   <li>{@code scaling [batches] [threads…]}: the twin of seed 1 with a fixed number of 20 000-history batches
 *       (default 100) per thread count: wall and process CPU seconds, to see how the loop scales with threads.
 *   <li>{@code kernel}: the photon energy per 177Lu decay that stays inside an 11³-voxel kernel around a source
 *       voxel in water, at Lanconelli's 2.21, 4.42 and 9.28 mm, beside what the published kernels sum to.
 *   <li>{@code photon-kernel [out.tsv]}: the photon point kernel netra's kernel method adds beyond its 11³ voxels
 *       ({@code org/netra/dosimetry/voxel/photon-point-kernels.tsv}): for each nuclide with voxel S-values and
 *       photon lines, the fraction of its emitted photon energy absorbed within radius r of a point source in
 *       ICRU soft tissue at 1.04 g/mL, from this Monte Carlo (two runs: 2 mm voxels to 100 mm, 6 mm voxels
 *       beyond, to 450 mm).
 *   <li>{@code tissue-kernels [histories]}: 177Lu point kernels of cortical bone and lung against water's, at equal
 *       and at density-scaled distance ({@link TissueKernelDriver}).
 * </ul>
 */
public final class MonteCarloDriver {
    private static final Nuclide LU177 = NuclideCatalog.icrp107().lutetium177();

    private MonteCarloDriver() {}

    /**
     * The run's settings: electrons transported with the control-variate tally (the default) unless
     * {@code -Dnetra.electrons=local} (the photon-only timing of the first slice) or {@code =analogue} (transported,
     * every deposit tallied: the noise before the control variate), for comparison; {@code -Dnetra.seed=N} another
     * Monte Carlo seed.
     */
    private static MonteCarloSettings defaults() {
        // -Dnetra.seed=N: another Monte Carlo seed, to see a figure's spread between independent runs
        var d = MonteCarloSettings.defaults();
        d = d.withSeed(Long.getLong("netra.seed", d.seed()));
        return switch (System.getProperty("netra.electrons", "transported")) {
            case "local" -> d.withElectrons(MonteCarloSettings.ElectronHandling.LOCAL);
            case "analogue" -> d.withElectrons(MonteCarloSettings.ElectronHandling.TRANSPORTED_ANALOGUE);
            default -> d;
        };
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "twin";
        System.out.println(
                "load before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        switch (mode) {
            case "twin" -> twin(args);
            case "kernel" -> kernel();
            case "scaling" -> scaling(args);
            case "photon-kernel" -> photonKernel(args);
            case "tissue-kernels" -> TissueKernelDriver.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            default ->
                throw new IllegalArgumentException(
                        "mode must be twin, kernel, scaling, photon-kernel or tissue-kernels, got " + mode);
        }
        System.out.println(
                "load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static void twin(String[] args) {
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        List<Integer> threads = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            threads.add(Integer.parseInt(args[i]));
        }
        if (threads.isEmpty()) {
            threads = List.of(1, 2);
        }
        TwinSpec spec = TwinSpec.draw(seed, 1, 7400);
        Phantom phantom = Phantom.build(spec.phantom());
        TrueKinetics k = TrueKinetics.of(phantom, spec.cycleKinetics().get(0), spec.injectedMBq());
        ImageVolume tia = k.tiaMap();
        ImageVolume kernelTruth = DoseTruth.doseMap(k);
        Geometry g = phantom.geometry();
        VoxelPhantom body = VoxelPhantom.fromHounsfield(phantom.ct());
        List<Mask> all = new ArrayList<>();
        for (Voi v : Voi.STANDARD) {
            Mask m = phantom.mask(v);
            if (!m.isEmpty()) {
                all.add(m);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "twin seed %d: grid %d×%d×%d at %.2f×%.2f×%.2f mm, %d voxels; media: %s%n",
                seed,
                g.nx(),
                g.ny(),
                g.nz(),
                g.spacing(0),
                g.spacing(1),
                g.spacing(2),
                g.voxelCount(),
                body.mediaSummary());
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int t : threads) {
            // a fixed 20 batches × 20 000 histories, so the kidneys' SDs compare at equal histories (and, with the
            // CPU seconds, at equal CPU: SD² × CPU is the inverse of the efficiency) between electron handlings
            var settings = defaults()
                    .withThreads(t)
                    .withBatches(20_000, 10, 20)
                    .withTarget(1e-9, java.time.Duration.ofMinutes(10));
            long cpu0 = cpu.getProcessCpuTime();
            MonteCarloResult r = MonteCarloDose.run(body, tia, LU177, all, settings, s -> {});
            double cpuS = (cpu.getProcessCpuTime() - cpu0) / 1e9;
            double wall = r.elapsed().toNanos() / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "threads %d: %d histories in %d batches, %.2f s wall, %.2f s process CPU, %.0f histories/s"
                            + " (%.0f per CPU-second), stop %s%n",
                    t,
                    r.histories(),
                    r.batches(),
                    wall,
                    cpuS,
                    r.historiesPerSecond(),
                    r.histories() / cpuS,
                    r.stop());
            for (MonteCarloResult.RegionDose d : r.regions()) {
                Mask m = all.stream()
                        .filter(x -> x.name().equals(d.name()))
                        .findFirst()
                        .orElseThrow();
                double kernel = org.netra.dosimetry.dvh.DoseVolumeHistogram.of(kernelTruth, m)
                        .mean()
                        .inGy();
                System.out.printf(
                        Locale.ROOT,
                        "  %-16s MC %.3f Gy ± %.2f %% (photons %.1f %% of the dose; SD² × CPU %.3g %%²·s); kernel"
                                + " truth %.3f Gy; MC/kernel %+.1f %%%n",
                        d.name(),
                        d.mean().inGy(),
                        100 * d.relativeSd(),
                        100 * d.photonShare(),
                        1e4 * d.relativeSd() * d.relativeSd() * cpuS,
                        kernel,
                        100 * (d.mean().inGy() / kernel - 1));
            }
        }
    }

    private static void scaling(String[] args) {
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Integer> threads = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            threads.add(Integer.parseInt(args[i]));
        }
        if (threads.isEmpty()) {
            threads = List.of(1, 2);
        }
        TwinSpec spec = TwinSpec.draw(1, 1, 7400);
        Phantom phantom = Phantom.build(spec.phantom());
        ImageVolume tia = TrueKinetics.of(phantom, spec.cycleKinetics().get(0), spec.injectedMBq())
                .tiaMap();
        VoxelPhantom body = VoxelPhantom.fromHounsfield(phantom.ct());
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // one warm-up round so the JIT has compiled the loop before anything is timed
        MonteCarloDose.run(body, tia, LU177, List.of(), defaults().withBatches(20_000, 10, 10), s -> {});
        for (int t : threads) {
            var settings = defaults().withThreads(t).withBatches(20_000, 10, batches);
            long cpu0 = cpu.getProcessCpuTime();
            MonteCarloResult r = MonteCarloDose.run(body, tia, LU177, List.of(), settings, s -> {});
            double cpuS = (cpu.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "threads %d: %d histories, %.2f s wall, %.2f s process CPU, %.0f histories/s wall, %.0f per"
                            + " CPU-second; load now %s%n",
                    t,
                    r.histories(),
                    r.elapsed().toNanos() / 1e9,
                    cpuS,
                    r.historiesPerSecond(),
                    r.histories() / cpuS,
                    loadAverage());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void kernel() {
        double emittedElectronKeV = EnergyPartition.of(LU177).nonPenetrating().inKeV();
        System.out.printf(
                Locale.ROOT,
                "177Lu non-penetrating energy (ICRP-107, photons < 10 keV) %.2f keV%n",
                emittedElectronKeV);
        for (double mm : new double[] {2.21, 4.42, 9.28}) {
            int n = 101;
            Geometry g = Geometry.of(n, n, n, new double[] {mm, mm, mm}, new double[] {0, 0, 0});
            VoxelPhantom water = VoxelPhantom.uniform(
                    g,
                    PhotonCrossSections.shipped().medium(PhotonCrossSections.SOFT_TISSUE),
                    Density.ofGramsPerMl(1.04));
            float[] a = new float[g.voxelCount()];
            a[g.index(50, 50, 50)] = 1e6f;
            ImageVolume tia = ImageVolume.wrap(g, VoxelUnit.BQ_S, a);
            DecaySource source = DecaySource.of(tia, LU177, EnergyPartition.DEFAULT_PHOTON_CUT);
            // photons only: the electrons' energy is local by construction, the question is the photons' share
            DecaySource photons = source.withLocalEnergy(org.netra.physics.quantity.Energy.ZERO);
            MonteCarloResult r = MonteCarloDose.run(
                    water,
                    photons,
                    new CpuPhotonTransport(water, photons),
                    List.of(),
                    MonteCarloSettings.defaults().withBatches(100_000, 10, 10),
                    s -> {});
            double kgPerVoxel = 1.04 * g.voxelVolume().inMl() / 1000;
            float[] d = r.dose().voxels();
            double insideJ = 0, allJ = 0;
            for (int kk = 0; kk < n; kk++) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        double e = d[g.index(i, j, kk)] * kgPerVoxel;
                        allJ += e;
                        if (Math.abs(i - 50) <= 5 && Math.abs(j - 50) <= 5 && Math.abs(kk - 50) <= 5) {
                            insideJ += e;
                        }
                    }
                }
            }
            double perDecay = 1e6 * 1.602176634e-16;
            var published = VoxelSValues.tabulated("Lu-177", mm, KernelMedium.SOFT_TISSUE);
            double tableKeV = 0;
            float[] kv = published.values();
            for (float s : kv) {
                tableKeV += s;
            }
            // S (Gy/(Bq·s)) × voxel mass (kg) → J per decay → keV
            tableKeV *= kgPerVoxel / 1.602176634e-16;
            System.out.printf(
                    Locale.ROOT,
                    "%.2f mm voxels: photon energy absorbed inside the 11³ kernel %.2f keV/decay, in the whole"
                            + " %.0f mm cube %.2f keV (emitted %.2f keV); published kernel sums to %.2f keV →"
                            + " its electron part %.2f keV against %.2f keV emitted%n",
                    mm,
                    insideJ / perDecay,
                    n * mm,
                    allJ / perDecay,
                    r.photonKeVEmitted(),
                    tableKeV,
                    tableKeV - insideJ / perDecay,
                    emittedElectronKeV);
        }
    }

    /** Radii (mm) of the table: 1 mm steps to 100 mm from the fine run, 5 mm steps to 450 mm from the coarse one. */
    private static final double FINE_UNTIL_MM = 100, FAR_MM = 450;

    private static void photonKernel(String[] args) throws java.io.IOException {
        Path out = Path.of(args.length > 1 ? args[1] : "photon-point-kernels.tsv");
        StringBuilder tsv = new StringBuilder();
        tsv.append(
                        "# Photon point kernels in ICRU 44 soft tissue at 1.04 g/mL (the Lanconelli soft-tissue kernels' medium)\n")
                .append(
                        "# generated by netra's Monte Carlo (org.netra.dosimetry.montecarlo, photons >= 10 keV of ICRP-107,\n")
                .append("# photoelectric, Compton, Rayleigh; xraylib cross sections) with\n")
                .append("#   bench/run-montecarlo.sh photon-kernel <file>   (MonteCarloDriver.photonKernel)\n")
                .append(
                        "# a point source (uniform in one voxel) at the centre of a cube: 201^3 voxels of 2 mm for r <= 100 mm,\n")
                .append(
                        "# 151^3 voxels of 6 mm beyond (offset to meet the first at 100 mm); 4e6 histories each; energy binned\n")
                .append("# by voxel centre. Y-90 has none (its ICRP-107 photons carry 0.001 keV per decay).\n")
                .append("# columns: nuclide, emitted photon energy per decay (keV, lines >= 10 keV), r (mm),\n")
                .append("#          fraction of that energy absorbed within r\n");
        for (String name : VoxelSValues.nuclides()) {
            Nuclide nuclide = NuclideCatalog.icrp107().get(name);
            double[] fine = cumulative(nuclide, 2.0, 201);
            if (fine == null || fine[fine.length - 1] < 0.1) {
                System.out.println(name + ": photons >= 10 keV carry < 0.1 keV per decay, no photon kernel");
                continue;
            }
            double[] coarse = cumulative(nuclide, 6.0, 151);
            double emitted = fine[fine.length - 1];
            double[] f = java.util.Arrays.copyOf(fine, fine.length - 1);
            double[] c = java.util.Arrays.copyOf(coarse, coarse.length - 1);
            double offset = f[(int) FINE_UNTIL_MM] - c[(int) FINE_UNTIL_MM];
            for (int r = 1; r <= FAR_MM; r += r < FINE_UNTIL_MM ? 1 : 5) {
                double frac = r <= FINE_UNTIL_MM ? f[r] : c[r] + offset;
                tsv.append(String.format(Locale.ROOT, "%s\t%.4f\t%d\t%.6f%n", name, emitted, r, frac));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: %.3f keV emitted; absorbed within 10, 50, 100, 200, 450 mm: %.4f %.4f %.4f %.4f %.4f"
                            + " (coarse run at 100 mm %.4f)%n",
                    name,
                    emitted,
                    f[10],
                    f[50],
                    f[100],
                    c[200] + offset,
                    c[450] + offset,
                    c[100]);
        }
        Files.writeString(out, tsv.toString());
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /**
     * The fraction of the emitted photon energy absorbed within r = 0, 1, … , 450 mm of a point source (by voxel
     * centre) in soft tissue, with the emitted keV per decay appended; null for a nuclide without photons.
     */
    private static double[] cumulative(Nuclide nuclide, double mm, int n) {
        int c = n / 2;
        Geometry g = Geometry.of(n, n, n, new double[] {mm, mm, mm}, new double[] {0, 0, 0});
        VoxelPhantom water = VoxelPhantom.uniform(
                g, PhotonCrossSections.shipped().medium(PhotonCrossSections.SOFT_TISSUE), Density.ofGramsPerMl(1.04));
        float[] a = new float[g.voxelCount()];
        a[g.index(c, c, c)] = 1e6f;
        DecaySource source =
                DecaySource.of(ImageVolume.wrap(g, VoxelUnit.BQ_S, a), nuclide, EnergyPartition.DEFAULT_PHOTON_CUT);
        if (source.lineKeV().length == 0 || nuclide.name().equals("Y-90")) {
            // Y-90's ICRP-107 photons (annihilation, X-rays) carry 0.001 keV per decay: not worth a kernel
            return null;
        }
        DecaySource photons = source.withLocalEnergy(org.netra.physics.quantity.Energy.ZERO);
        MonteCarloResult r = MonteCarloDose.run(
                water,
                photons,
                new CpuPhotonTransport(water, photons),
                List.of(),
                // -Dnetra.seed=N: the same kernel from another seed, to see its statistical spread (data.md)
                MonteCarloSettings.defaults()
                        .withSeed(Long.getLong(
                                "netra.seed", MonteCarloSettings.defaults().seed()))
                        .withBatches(200_000, 20, 20),
                s -> {});
        double keVPerVoxelGy = 1.04 * g.voxelVolume().inMl() / 1000 / (1e6 * 1.602176634e-16);
        double[] shell = new double[(int) FAR_MM + 2];
        float[] d = r.dose().voxels();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double dist = mm * Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
                    // energy of a voxel counts from the first whole mm at or beyond its centre
                    int bin = (int) Math.ceil(dist);
                    if (bin <= FAR_MM) {
                        shell[bin] += d[g.index(i, j, k)] * keVPerVoxelGy;
                    }
                }
            }
        }
        double emitted = r.photonKeVEmitted();
        double[] out = new double[(int) FAR_MM + 2];
        double sum = 0;
        for (int b = 0; b <= FAR_MM; b++) {
            sum += shell[b];
            out[b] = sum / emitted;
        }
        out[out.length - 1] = emitted;
        System.out.printf(
                Locale.ROOT,
                "  %s at %.1f mm: %d histories, %.3f keV emitted, %.3f absorbed in the cube, %.1f s%n",
                nuclide.name(),
                mm,
                r.histories(),
                emitted,
                r.photonKeVAbsorbed(),
                r.elapsed().toNanos() / 1e9);
        return out;
    }
}
