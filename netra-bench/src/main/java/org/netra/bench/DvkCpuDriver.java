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
 * Usage: {@code java --add-modules jdk.incubator.vector -cp … org.netra.bench.DvkCpuDriver [runs]} (the SIMD
 * passes; without the module, or with {@code -Dnetra.fft.simd=false}, the scalar ones).
 */
public final class DvkCpuDriver {
    /**
     * Convolutions per timed sample: the process CPU clock ticks in 10 ms, an eighth of one SIMD convolution, so a
     * sample times several and reports their mean.
     */
    static final int PER_SAMPLE = 4;

    private DvkCpuDriver() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int k = DvkConvolutionBenchmark.K;
        var rnd = new Random(2);
        float[] kernel = new float[k * k * k];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = rnd.nextFloat();
        }
        time("random kernel", kernel, runs);
        time("even kernel (as the S-value tables)", evenKernel(k), runs);
    }

    /** A kernel mirrored about its centre along each axis, as the tables by |offset| give: random octant. */
    static float[] evenKernel(int k) {
        var rnd = new Random(3);
        int r = k / 2;
        float[] octant = new float[(r + 1) * (r + 1) * (r + 1)];
        for (int i = 0; i < octant.length; i++) {
            octant[i] = rnd.nextFloat();
        }
        float[] kernel = new float[k * k * k];
        for (int z = 0; z < k; z++) {
            for (int y = 0; y < k; y++) {
                for (int x = 0; x < k; x++) {
                    int a = Math.abs(x - r), b = Math.abs(y - r), c = Math.abs(z - r);
                    kernel[x + k * (y + k * z)] = octant[a + (r + 1) * (b + (r + 1) * c)];
                }
            }
        }
        return kernel;
    }

    private static void time(String what, float[] kernel, int runs) {
        int nx = DvkConvolutionBenchmark.NX, ny = DvkConvolutionBenchmark.NY, nz = DvkConvolutionBenchmark.NZ;
        int k = DvkConvolutionBenchmark.K;
        var rnd = new Random(1);
        float[] tia = new float[nx * ny * nz];
        for (int i = 0; i < tia.length; i++) {
            tia[i] = rnd.nextFloat();
        }
        float[] dose = new float[tia.length];
        var plan = new FftConvolution(nx, ny, nz, kernel, k, k, k);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpu = new double[runs], wall = new double[runs];
        for (int r = -5; r < runs; r++) {
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            for (int i = 0; i < PER_SAMPLE; i++) {
                plan.convolve(tia, dose);
            }
            long c1 = os.getProcessCpuTime(), t1 = System.nanoTime();
            if (r >= 0) {
                cpu[r] = (c1 - c0) / 1e9 / PER_SAMPLE;
                wall[r] = (t1 - t0) / 1e9 / PER_SAMPLE;
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(
                Locale.ROOT,
                "netra FftConvolution %dx%dx%d * %d^3, %s (even sums: %b, SIMD passes: %b): median CPU %.3f s (min %.3f), wall %.3f s (min %.3f) over %d samples of %d%n",
                nx,
                ny,
                nz,
                k,
                what,
                plan.evenKernel(),
                plan.simd(),
                cpu[runs / 2],
                cpu[0],
                wall[runs / 2],
                wall[0],
                runs,
                PER_SAMPLE);
    }
}
