package org.netra.dosimetry.voxel;

/**
 * Complex FFTs of length n on many vectors at once: element e of vector b is at {@code e·width + b} in
 * split real/imaginary arrays, so every butterfly runs over a contiguous batch that the JIT vectorises
 * (SIMD), with no gathers. Mixed radix 4, 2, 3, 5 (Stockham autosort, decimation in time, as in
 * Govindaraju et al., SC 2008), forward sign e^{−2πi·jk/n}, unscaled. The inverse is the forward
 * transform with real and imaginary parts swapped on the way in and out.
 *
 * <p>When the JVM runs with {@code --add-modules jdk.incubator.vector} the passes run as explicit SIMD
 * ({@link VectorButterflies}) over the batch columns that fill whole vectors and scalar over the rest; a
 * caller that lays its batch out {@link #lanes()} columns wide at a time keeps everything vectorised. Without the
 * module (or with {@code -Dnetra.fft.simd=false}) every pass is scalar, same results to float rounding.
 */
final class BatchFft {
    /** True when the vector passes run ({@link SimdGate#OPEN}). */
    static final boolean SIMD = SimdGate.OPEN;

    private static final float SIN_60 = (float) Math.sqrt(0.75);
    private static final float C1 = (float) Math.cos(2 * Math.PI / 5), C2 = (float) Math.cos(4 * Math.PI / 5);
    private static final float S1 = (float) Math.sin(2 * Math.PI / 5), S2 = (float) Math.sin(4 * Math.PI / 5);

    final int n;
    /** Whether this transform's passes use {@link VectorButterflies}. */
    private final boolean simd;

    private final int[] radices;
    /** Per stage: twiddle w^(k·r) for k < Ns, r < R at [k·R + r]. */
    private final float[][] twRe, twIm;

    BatchFft(int n) {
        this(n, SIMD);
    }

    /** A transform that uses the vector passes only when {@code simd} (and {@link #SIMD}): tests compare both. */
    BatchFft(int n, boolean simd) {
        this.n = n;
        this.simd = simd && SIMD;
        this.radices = factor(n);
        this.twRe = new float[radices.length][];
        this.twIm = new float[radices.length][];
        int ns = 1;
        for (int s = 0; s < radices.length; s++) {
            int r = radices[s];
            twRe[s] = new float[ns * r];
            twIm[s] = new float[ns * r];
            for (int k = 0; k < ns; k++) {
                for (int q = 0; q < r; q++) {
                    double angle = -2 * Math.PI * k * q / (ns * (double) r);
                    twRe[s][k * r + q] = (float) Math.cos(angle);
                    twIm[s][k * r + q] = (float) Math.sin(angle);
                }
            }
            ns *= r;
        }
    }

    /**
     * Batch columns per SIMD vector (1 without the Vector API): widths that are multiples of it run wholly in
     * vectors.
     */
    static int lanes() {
        return SIMD ? VectorButterflies.lanes() : 1;
    }

    /** The smallest multiple of {@link #lanes()} that is ≥ width: a row stride that keeps a batch in whole vectors. */
    static int paddedWidth(int width) {
        int l = lanes();
        return (width + l - 1) / l * l;
    }

    /** True when n has no prime factor above 5. */
    static boolean supported(int n) {
        int r = n;
        for (int p : new int[] {2, 3, 5}) {
            while (r % p == 0) {
                r /= p;
            }
        }
        return r == 1 && n >= 1;
    }

    private static int[] factor(int n) {
        if (!supported(n)) {
            throw new IllegalArgumentException("FFT length " + n + " has a prime factor above 5");
        }
        var list = new java.util.ArrayList<Integer>();
        int r = n;
        while (r % 4 == 0) {
            list.add(4);
            r /= 4;
        }
        for (int p : new int[] {2, 3, 5}) {
            while (r % p == 0) {
                list.add(p);
                r /= p;
            }
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Forward transform of the first {@code width} vectors of (re, im) (arrays of at least n·width), with
     * scratch (sre, sim) of the same size; the result is left in (re, im).
     */
    void forward(float[] re, float[] im, float[] sre, float[] sim, int width) {
        if (endsInScratch()) {
            forwardWhereItLands(re, im, sre, sim, width);
            System.arraycopy(sre, 0, re, 0, n * width);
            System.arraycopy(sim, 0, im, 0, n * width);
        } else {
            forwardWhereItLands(re, im, sre, sim, width);
        }
    }

    /**
     * True when the transform's passes, alternating between the data and the scratch, leave the result in the
     * scratch (an odd number of radix stages, as for 270 = 2·3³·5): a caller that reads it from there saves a pass
     * over both arrays.
     */
    boolean endsInScratch() {
        return radices.length % 2 == 1;
    }

    /**
     * As {@link #forward} but leaves the result where the last pass wrote it: in (sre, sim) when
     * {@link #endsInScratch()}, else in (re, im); the other pair holds intermediate values.
     */
    void forwardWhereItLands(float[] re, float[] im, float[] sre, float[] sim, int width) {
        float[] ar = re, ai = im, br = sre, bi = sim;
        int ns = 1;
        for (int s = 0; s < radices.length; s++) {
            int r = radices[s];
            // the vector passes take the columns that fill whole vectors, the scalar ones the rest (if any)
            int scalarFrom = simd ? vectorPass(r, ar, ai, br, bi, ns, s, width) : 0;
            if (scalarFrom < width) {
                switch (r) {
                    case 4 -> radix4(ar, ai, br, bi, ns, s, width, scalarFrom);
                    case 2 -> radix2(ar, ai, br, bi, ns, s, width, scalarFrom);
                    case 3 -> radix3(ar, ai, br, bi, ns, s, width, scalarFrom);
                    default -> radix5(ar, ai, br, bi, ns, s, width, scalarFrom);
                }
            }
            ns *= r;
            float[] t = ar;
            ar = br;
            br = t;
            t = ai;
            ai = bi;
            bi = t;
        }
    }

    /** One radix pass over the vector-filling columns; returns the first column it left to the scalar pass. */
    private int vectorPass(int r, float[] xr, float[] xi, float[] yr, float[] yi, int ns, int s, int w) {
        switch (r) {
            case 4 -> VectorButterflies.radix4(xr, xi, yr, yi, n, ns, twRe[s], twIm[s], w);
            case 2 -> VectorButterflies.radix2(xr, xi, yr, yi, n, ns, twRe[s], twIm[s], w);
            case 3 -> VectorButterflies.radix3(xr, xi, yr, yi, n, ns, twRe[s], twIm[s], w);
            default -> VectorButterflies.radix5(xr, xi, yr, yi, n, ns, twRe[s], twIm[s], w);
        }
        return VectorButterflies.vectorEnd(w);
    }

    /** Inverse transform (unscaled: n times the inverse DFT). */
    void inverse(float[] re, float[] im, float[] sre, float[] sim, int width) {
        // IDFT(x) = swap(DFT(swap(x))), swap exchanging real and imaginary parts
        forward(im, re, sim, sre, width);
    }

    /** As {@link #inverse} but leaves the result where it lands, as {@link #forwardWhereItLands}. */
    void inverseWhereItLands(float[] re, float[] im, float[] sre, float[] sim, int width) {
        forwardWhereItLands(im, re, sim, sre, width);
    }

    /** Columns b0 … w − 1 of one radix-2 pass. */
    private void radix2(float[] xr, float[] xi, float[] yr, float[] yi, int ns, int s, int w, int b0) {
        int stride = n / 2;
        float[] tr = twRe[s], ti = twIm[s];
        for (int j = 0; j < stride; j++) {
            int k = j % ns;
            int out = (j / ns) * ns * 2 + k;
            int i0 = j * w, i1 = (j + stride) * w;
            int o0 = out * w, o1 = (out + ns) * w;
            float w1r = tr[k * 2 + 1], w1i = ti[k * 2 + 1];
            for (int b = b0; b < w; b++) {
                float ar = xr[i0 + b], ai = xi[i0 + b];
                float br = xr[i1 + b] * w1r - xi[i1 + b] * w1i;
                float bi = xr[i1 + b] * w1i + xi[i1 + b] * w1r;
                yr[o0 + b] = ar + br;
                yi[o0 + b] = ai + bi;
                yr[o1 + b] = ar - br;
                yi[o1 + b] = ai - bi;
            }
        }
    }

    /** Columns b0 … w − 1 of one radix-4 pass. */
    private void radix4(float[] xr, float[] xi, float[] yr, float[] yi, int ns, int s, int w, int b0) {
        int stride = n / 4;
        float[] tr = twRe[s], ti = twIm[s];
        for (int j = 0; j < stride; j++) {
            int k = j % ns;
            int out = (j / ns) * ns * 4 + k;
            int i0 = j * w, i1 = (j + stride) * w, i2 = (j + 2 * stride) * w, i3 = (j + 3 * stride) * w;
            int o0 = out * w, o1 = (out + ns) * w, o2 = (out + 2 * ns) * w, o3 = (out + 3 * ns) * w;
            float w1r = tr[k * 4 + 1], w1i = ti[k * 4 + 1];
            float w2r = tr[k * 4 + 2], w2i = ti[k * 4 + 2];
            float w3r = tr[k * 4 + 3], w3i = ti[k * 4 + 3];
            for (int b = b0; b < w; b++) {
                float x0r = xr[i0 + b], x0i = xi[i0 + b];
                float x1r = xr[i1 + b] * w1r - xi[i1 + b] * w1i, x1i = xr[i1 + b] * w1i + xi[i1 + b] * w1r;
                float x2r = xr[i2 + b] * w2r - xi[i2 + b] * w2i, x2i = xr[i2 + b] * w2i + xi[i2 + b] * w2r;
                float x3r = xr[i3 + b] * w3r - xi[i3 + b] * w3i, x3i = xr[i3 + b] * w3i + xi[i3 + b] * w3r;
                float t0r = x0r + x2r, t0i = x0i + x2i, t1r = x0r - x2r, t1i = x0i - x2i;
                float t2r = x1r + x3r, t2i = x1i + x3i, t3r = x1r - x3r, t3i = x1i - x3i;
                yr[o0 + b] = t0r + t2r;
                yi[o0 + b] = t0i + t2i;
                yr[o2 + b] = t0r - t2r;
                yi[o2 + b] = t0i - t2i;
                // y1 = t1 − i·t3, y3 = t1 + i·t3
                yr[o1 + b] = t1r + t3i;
                yi[o1 + b] = t1i - t3r;
                yr[o3 + b] = t1r - t3i;
                yi[o3 + b] = t1i + t3r;
            }
        }
    }

    /** Columns b0 … w − 1 of one radix-3 pass. */
    private void radix3(float[] xr, float[] xi, float[] yr, float[] yi, int ns, int s, int w, int b0) {
        int stride = n / 3;
        float[] tr = twRe[s], ti = twIm[s];
        for (int j = 0; j < stride; j++) {
            int k = j % ns;
            int out = (j / ns) * ns * 3 + k;
            int i0 = j * w, i1 = (j + stride) * w, i2 = (j + 2 * stride) * w;
            int o0 = out * w, o1 = (out + ns) * w, o2 = (out + 2 * ns) * w;
            float w1r = tr[k * 3 + 1], w1i = ti[k * 3 + 1];
            float w2r = tr[k * 3 + 2], w2i = ti[k * 3 + 2];
            for (int b = b0; b < w; b++) {
                float x0r = xr[i0 + b], x0i = xi[i0 + b];
                float x1r = xr[i1 + b] * w1r - xi[i1 + b] * w1i, x1i = xr[i1 + b] * w1i + xi[i1 + b] * w1r;
                float x2r = xr[i2 + b] * w2r - xi[i2 + b] * w2i, x2i = xr[i2 + b] * w2i + xi[i2 + b] * w2r;
                float tr_ = x1r + x2r, ti_ = x1i + x2i, dr = x1r - x2r, di = x1i - x2i;
                float mr = x0r - 0.5f * tr_, mi = x0i - 0.5f * ti_;
                yr[o0 + b] = x0r + tr_;
                yi[o0 + b] = x0i + ti_;
                yr[o1 + b] = mr + SIN_60 * di;
                yi[o1 + b] = mi - SIN_60 * dr;
                yr[o2 + b] = mr - SIN_60 * di;
                yi[o2 + b] = mi + SIN_60 * dr;
            }
        }
    }

    /** Columns b0 … w − 1 of one radix-5 pass. */
    private void radix5(float[] xr, float[] xi, float[] yr, float[] yi, int ns, int s, int w, int b0) {
        int stride = n / 5;
        float[] tr = twRe[s], ti = twIm[s];
        for (int j = 0; j < stride; j++) {
            int k = j % ns;
            int out = (j / ns) * ns * 5 + k;
            int i0 = j * w, i1 = (j + stride) * w, i2 = (j + 2 * stride) * w;
            int i3 = (j + 3 * stride) * w, i4 = (j + 4 * stride) * w;
            int o0 = out * w, o1 = (out + ns) * w, o2 = (out + 2 * ns) * w;
            int o3 = (out + 3 * ns) * w, o4 = (out + 4 * ns) * w;
            float w1r = tr[k * 5 + 1], w1i = ti[k * 5 + 1], w2r = tr[k * 5 + 2], w2i = ti[k * 5 + 2];
            float w3r = tr[k * 5 + 3], w3i = ti[k * 5 + 3], w4r = tr[k * 5 + 4], w4i = ti[k * 5 + 4];
            for (int b = b0; b < w; b++) {
                float x0r = xr[i0 + b], x0i = xi[i0 + b];
                float x1r = xr[i1 + b] * w1r - xi[i1 + b] * w1i, x1i = xr[i1 + b] * w1i + xi[i1 + b] * w1r;
                float x2r = xr[i2 + b] * w2r - xi[i2 + b] * w2i, x2i = xr[i2 + b] * w2i + xi[i2 + b] * w2r;
                float x3r = xr[i3 + b] * w3r - xi[i3 + b] * w3i, x3i = xr[i3 + b] * w3i + xi[i3 + b] * w3r;
                float x4r = xr[i4 + b] * w4r - xi[i4 + b] * w4i, x4i = xr[i4 + b] * w4i + xi[i4 + b] * w4r;
                float t1r = x1r + x4r, t1i = x1i + x4i, d1r = x1r - x4r, d1i = x1i - x4i;
                float t2r = x2r + x3r, t2i = x2i + x3i, d2r = x2r - x3r, d2i = x2i - x3i;
                float a1r = x0r + C1 * t1r + C2 * t2r, a1i = x0i + C1 * t1i + C2 * t2i;
                float a2r = x0r + C2 * t1r + C1 * t2r, a2i = x0i + C2 * t1i + C1 * t2i;
                float b1r = S1 * d1r + S2 * d2r, b1i = S1 * d1i + S2 * d2i;
                float b2r = S2 * d1r - S1 * d2r, b2i = S2 * d1i - S1 * d2i;
                yr[o0 + b] = x0r + t1r + t2r;
                yi[o0 + b] = x0i + t1i + t2i;
                // y1 = a1 − i·b1, y4 = a1 + i·b1, y2 = a2 − i·b2, y3 = a2 + i·b2
                yr[o1 + b] = a1r + b1i;
                yi[o1 + b] = a1i - b1r;
                yr[o4 + b] = a1r - b1i;
                yi[o4 + b] = a1i + b1r;
                yr[o2 + b] = a2r + b2i;
                yi[o2 + b] = a2i - b2r;
                yr[o3 + b] = a2r - b2i;
                yi[o3 + b] = a2i + b2r;
            }
        }
    }
}
