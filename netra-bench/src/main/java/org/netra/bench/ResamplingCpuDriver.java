package org.netra.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.VoxelUnit;

/**
 * CPU per voxel of {@link Resampling#trilinear} at real size: a 256×256×200 scan at 1.95 × 1.95 × 2 mm resampled
 * onto its own grid through the kind of motion a later session shows (1°, −0.5°, 0.7° and 3, −2, 4 mm), as the
 * cycle does for each later scan. The whole process's CPU seconds per call (the loop runs on the common pool) and
 * nanoseconds per target voxel, medians over the runs (each of 5 calls), after one warm-up run; run it under the CLI's
 * {@code -XX:TieredStopAtLevel=1} too, which is how a one-shot {@code ./netra dosimetry} runs it. Prints a checksum
 * of the result so that two builds can be compared for the same numbers.
 * Usage: {@code java -cp … org.netra.bench.ResamplingCpuDriver [runs]} (default 7).
 */
public final class ResamplingCpuDriver {
    /** Calls timed together: the process CPU clock ticks in 10 ms here, a call's time is 40–150 ms. */
    private static final int CALLS_PER_RUN = 5;

    private ResamplingCpuDriver() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Geometry grid = Geometry.of(256, 256, 200, new double[] {1.95, 1.95, 2}, new double[] {-249, -249, -199});
        ImageVolume scan = ImageVolume.wrap(grid, VoxelUnit.BQ_PER_ML, body(grid));
        RigidTransform motion = RigidTransform.ofEuler(
                Math.toRadians(1), Math.toRadians(-0.5), Math.toRadians(0.7), new double[3], 3, -2, 4);
        double[] cpu = new double[runs];
        double[] wall = new double[runs];
        int checksum = 0;
        for (int r = -1; r < runs; r++) {
            long c0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            ImageVolume moved = null;
            for (int c = 0; c < CALLS_PER_RUN; c++) {
                moved = Resampling.trilinear(scan, grid, motion, 0f);
            }
            long w1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            if (r >= 0) {
                cpu[r] = (c1 - c0) / 1e9 / CALLS_PER_RUN;
                wall[r] = (w1 - w0) / 1e9 / CALLS_PER_RUN;
            } else {
                // of the bits: equal only if every voxel is the same float
                checksum = Arrays.hashCode(moved.voxels());
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(
                Locale.ROOT,
                "trilinear 256x256x200 through a rigid motion: median %.4f CPU-s, %.4f s wall per call (%.2f ns of CPU"
                        + " per voxel) over %d runs; checksum of the bits %08x; load %.2f%n",
                cpu[runs / 2],
                wall[runs / 2],
                cpu[runs / 2] * 1e9 / grid.voxelCount(),
                runs,
                checksum,
                os.getSystemLoadAverage());
    }

    /** An ellipsoidal body of smoothly varying activity with hotter spheres, zero outside (as a SPECT's air). */
    private static float[] body(Geometry g) {
        float[] v = new float[g.voxelCount()];
        for (int k = 0, o = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++, o++) {
                    double x = (i - 128) / 100.0, y = (j - 128) / 70.0, z = (k - 100) / 95.0;
                    double r2 = x * x + y * y + z * z;
                    if (r2 < 1) {
                        v[o] = (float) (1000 * (1 + 0.3 * Math.sin(i * 0.21) * Math.cos(j * 0.17 + k * 0.11)));
                        double h = (i - 150) * (i - 150) + (j - 120) * (j - 120) + (k - 90) * (k - 90);
                        if (h < 100) {
                            v[o] *= 8;
                        }
                    }
                }
            }
        }
        return v;
    }
}
