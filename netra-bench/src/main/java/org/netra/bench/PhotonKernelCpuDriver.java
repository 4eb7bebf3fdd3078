package org.netra.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.netra.dosimetry.voxel.KernelDose;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.dosimetry.voxel.VoxelSValues;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;

/**
 * What the long-range photon kernel costs, in process CPU seconds and wall seconds (bench/run-photon-kernel.sh):
 * the kernel method's plan and one dose map with the 11³ kernel alone and with the long-range photon kernel, on a
 * twin's grid (128×128×100 at 4.42 mm) and the real patient's (256×256×199 at 1.95 mm), density-scaled, medians of
 * {@code runs} after warm-up. Usage: {@code java -cp … org.netra.bench.PhotonKernelCpuDriver [runs]}.
 */
public final class PhotonKernelCpuDriver {
    private PhotonKernelCpuDriver() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.println(
                "load before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        grid(Geometry.of(128, 128, 100, new double[] {4.42, 4.42, 4.42}, new double[] {0, 0, 0}), runs);
        grid(Geometry.of(256, 256, 199, new double[] {1.95, 1.95, 1.95}, new double[] {0, 0, 0}), runs);
        System.out.println(
                "load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static void grid(Geometry g, int runs) {
        var rnd = new Random(1);
        float[] a = new float[g.voxelCount()];
        float[] rho = new float[g.voxelCount()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat();
            rho[i] = 0.9f + 0.3f * rnd.nextFloat();
        }
        ImageVolume tia = ImageVolume.wrap(g, VoxelUnit.BQ_S, a);
        ImageVolume density = ImageVolume.wrap(g, VoxelUnit.G_PER_ML, rho);
        Supplier<KernelDose> shortOnly = () -> new KernelDose(
                g, VoxelSValues.forVoxel("Lu-177", KernelMedium.SOFT_TISSUE, g.spacing(0), g.spacing(1), g.spacing(2)));
        Supplier<KernelDose> withPhotons = () -> KernelDose.withLongRangePhotons(g, "Lu-177");
        String size = g.nx() + "×" + g.ny() + "×" + g.nz() + " at " + g.spacing(0) + " mm";
        report(size + ", 11³ kernel alone", shortOnly, tia, density, runs);
        report(size + ", + long-range photons", withPhotons, tia, density, runs);
    }

    private static void report(String what, Supplier<KernelDose> plan, ImageVolume tia, ImageVolume density, int runs) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] planCpu = new double[runs], doseCpu = new double[runs], wall = new double[runs];
        for (int r = -3; r < runs; r++) {
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            KernelDose p = plan.get();
            long c1 = os.getProcessCpuTime();
            p.dose(tia, density);
            long c2 = os.getProcessCpuTime(), t2 = System.nanoTime();
            if (r >= 0) {
                planCpu[r] = (c1 - c0) / 1e9;
                doseCpu[r] = (c2 - c1) / 1e9;
                wall[r] = (t2 - t0) / 1e9;
            }
        }
        Arrays.sort(planCpu);
        Arrays.sort(doseCpu);
        Arrays.sort(wall);
        System.out.printf(
                Locale.ROOT,
                "%s: plan %.3f CPU-s, dose map %.3f CPU-s, together %.3f CPU-s, wall %.3f s (medians of %d)%n",
                what,
                planCpu[runs / 2],
                doseCpu[runs / 2],
                planCpu[runs / 2] + doseCpu[runs / 2],
                wall[runs / 2],
                runs);
    }
}
