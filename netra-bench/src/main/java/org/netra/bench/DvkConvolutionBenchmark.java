package org.netra.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.netra.dosimetry.voxel.FftConvolution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dose-voxel-kernel convolution of a 256×256×199 map (the real Lu-177 SPECT's grid) with an 11³ kernel:
 * the work of /work/shared/bench/peer_dvk.py (SciPy fftconvolve, "same"), with the same kind of data
 * (uniform random map and kernel). The plan (kernel spectra, buffers) is made once, as netra does for
 * every map on one grid; {@code planAndConvolve} counts the plan too. The fork runs with the Vector API module
 * (FftConvolution's SIMD passes); {@code -jvmArgsAppend -Dnetra.fft.simd=false} times the scalar ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class DvkConvolutionBenchmark {
    static final int NX = 256, NY = 256, NZ = 199, K = 11;

    private float[] tia;
    private float[] kernel;
    private float[] dose;
    private FftConvolution plan;

    @Setup
    public void setUp() {
        var rnd = new Random(1);
        tia = new float[NX * NY * NZ];
        for (int i = 0; i < tia.length; i++) {
            tia[i] = rnd.nextFloat();
        }
        kernel = new float[K * K * K];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = rnd.nextFloat();
        }
        dose = new float[tia.length];
        plan = new FftConvolution(NX, NY, NZ, kernel, K, K, K);
    }

    @Benchmark
    public float[] convolve() {
        plan.convolve(tia, dose);
        return dose;
    }

    @Benchmark
    public float[] planAndConvolve() {
        return new FftConvolution(NX, NY, NZ, kernel, K, K, K).convolve(tia);
    }
}
