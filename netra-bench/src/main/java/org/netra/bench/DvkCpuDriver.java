package org.netra.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.netra.dosimetry.voxel.FftConvolution;

/**
 * The work of {@link DvkConvolutionBenchmark#convolve} timed in CPU seconds of the whole process as well
 * as wall seconds, for a machine whose cores other jobs share: wall time then measures the other jobs as
 * much as netra, CPU time does not (bench/run-dvk.sh --cpu compares it with SciPy's CPU time).
 * Usage: {@code java -cp … org.netra.bench.DvkCpuDriver [runs]}.
 */
public final class DvkCpuDriver {
    private DvkCpuDriver() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int nx = DvkConvolutionBenchmark.NX, ny = DvkConvolutionBenchmark.NY, nz = DvkConvolutionBenchmark.NZ;
        int k = DvkConvolutionBenchmark.K;
        var rnd = new Random(1);
        float[] tia = new float[nx * ny * nz];
        for (int i = 0; i < tia.length; i++) {
            tia[i] = rnd.nextFloat();
        }
        float[] kernel = new float[k * k * k];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = rnd.nextFloat();
        }
        float[] dose = new float[tia.length];
        var plan = new FftConvolution(nx, ny, nz, kernel, k, k, k);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpu = new double[runs], wall = new double[runs];
        for (int r = -5; r < runs; r++) {
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            plan.convolve(tia, dose);
            long c1 = os.getProcessCpuTime(), t1 = System.nanoTime();
            if (r >= 0) {
                cpu[r] = (c1 - c0) / 1e9;
                wall[r] = (t1 - t0) / 1e9;
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(
                Locale.ROOT,
                "netra FftConvolution %dx%dx%d * %d^3: median CPU %.3f s, wall %.3f s over %d runs%n",
                nx,
                ny,
                nz,
                k,
                cpu[runs / 2],
                wall[runs / 2],
                runs);
    }
}
