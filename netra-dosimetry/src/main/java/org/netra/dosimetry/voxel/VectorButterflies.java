package org.netra.dosimetry.voxel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchFft}'s radix passes written with the JDK's Vector API, for the batch columns {@code 0 … }
 * {@link #vectorEnd(int)}{@code  − 1}; BatchFft's scalar passes do the rest of a row.
 *
 * <p>Why explicit vectors: the scalar passes read the batch at one offset and write it at another, into arrays
 * that C2 cannot prove distinct, so its auto-vectoriser leaves them scalar (JDK 25: the same CPU time with
 * {@code -XX:-UseSuperWord}). Written out with {@link FloatVector} at the machine's widest species (16 floats
 * with AVX-512) a radix-3 pass over a 270×270 plane took ≈ 18 µs of thread CPU against ≈ 100 µs scalar.
 *
 * <p>Only loaded when the incubator module {@code jdk.incubator.vector} is in the boot layer
 * ({@link BatchFft#SIMD}); without it netra runs the scalar passes and gives the same transforms.
 */
final class VectorButterflies {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final float SIN_60 = (float) Math.sqrt(0.75);
    private static final float C1 = (float) Math.cos(2 * Math.PI / 5), C2 = (float) Math.cos(4 * Math.PI / 5);
    private static final float S1 = (float) Math.sin(2 * Math.PI / 5), S2 = (float) Math.sin(4 * Math.PI / 5);

    private VectorButterflies() {}

    /** Floats per vector. */
    static int lanes() {
        return SPECIES.length();
    }

    /** The batch columns the vector passes cover: the largest multiple of the lane count ≤ width. */
    static int vectorEnd(int width) {
        return SPECIES.loopBound(width);
    }

    /** The complex product (re + i·im)·(wr + i·wi), real part. */
    private static FloatVector mulRe(FloatVector re, FloatVector im, float wr, float wi) {
        return re.mul(wr).sub(im.mul(wi));
    }

    /** The complex product (re + i·im)·(wr + i·wi), imaginary part. */
    private static FloatVector mulIm(FloatVector re, FloatVector im, float wr, float wi) {
        return re.mul(wi).add(im.mul(wr));
    }

    static void radix2(float[] xr, float[] xi, float[] yr, float[] yi, int n, int ns, float[] tr, float[] ti, int w) {
        int stride = n / 2, end = vectorEnd(w), step = SPECIES.length();
        for (int j = 0; j < stride; j++) {
            int k = j % ns;
            int out = (j / ns) * ns * 2 + k;
            int i0 = j * w, i1 = (j + stride) * w;
            int o0 = out * w, o1 = (out + ns) * w;
            float w1r = tr[k * 2 + 1], w1i = ti[k * 2 + 1];
            for (int b = 0; b < end; b += step) {
                var ar = FloatVector.fromArray(SPECIES, xr, i0 + b);
                var ai = FloatVector.fromArray(SPECIES, xi, i0 + b);
                var cr = FloatVector.fromArray(SPECIES, xr, i1 + b);
                var ci = FloatVector.fromArray(SPECIES, xi, i1 + b);
                var br = mulRe(cr, ci, w1r, w1i);
                var bi = mulIm(cr, ci, w1r, w1i);
                ar.add(br).intoArray(yr, o0 + b);
                ai.add(bi).intoArray(yi, o0 + b);
                ar.sub(br).intoArray(yr, o1 + b);
                ai.sub(bi).intoArray(yi, o1 + b);
            }
        }
    }

    static void radix4(float[] xr, float[] xi, float[] yr, float[] yi, int n, int ns, float[] tr, float[] ti, int w) {
        int stride = n / 4, end = vectorEnd(w), step = SPECIES.length();
        for (int j = 0; j < stride; j++) {
            int k = j % ns;
            int out = (j / ns) * ns * 4 + k;
            int i0 = j * w, i1 = (j + stride) * w, i2 = (j + 2 * stride) * w, i3 = (j + 3 * stride) * w;
            int o0 = out * w, o1 = (out + ns) * w, o2 = (out + 2 * ns) * w, o3 = (out + 3 * ns) * w;
            float w1r = tr[k * 4 + 1], w1i = ti[k * 4 + 1];
            float w2r = tr[k * 4 + 2], w2i = ti[k * 4 + 2];
            float w3r = tr[k * 4 + 3], w3i = ti[k * 4 + 3];
            for (int b = 0; b < end; b += step) {
                var x0r = FloatVector.fromArray(SPECIES, xr, i0 + b);
                var x0i = FloatVector.fromArray(SPECIES, xi, i0 + b);
                var a1r = FloatVector.fromArray(SPECIES, xr, i1 + b);
                var a1i = FloatVector.fromArray(SPECIES, xi, i1 + b);
                var a2r = FloatVector.fromArray(SPECIES, xr, i2 + b);
                var a2i = FloatVector.fromArray(SPECIES, xi, i2 + b);
                var a3r = FloatVector.fromArray(SPECIES, xr, i3 + b);
                var a3i = FloatVector.fromArray(SPECIES, xi, i3 + b);
                var x1r = mulRe(a1r, a1i, w1r, w1i);
                var x1i = mulIm(a1r, a1i, w1r, w1i);
                var x2r = mulRe(a2r, a2i, w2r, w2i);
                var x2i = mulIm(a2r, a2i, w2r, w2i);
                var x3r = mulRe(a3r, a3i, w3r, w3i);
                var x3i = mulIm(a3r, a3i, w3r, w3i);
                var t0r = x0r.add(x2r);
                var t0i = x0i.add(x2i);
                var t1r = x0r.sub(x2r);
                var t1i = x0i.sub(x2i);
                var t2r = x1r.add(x3r);
                var t2i = x1i.add(x3i);
                var t3r = x1r.sub(x3r);
                var t3i = x1i.sub(x3i);
                t0r.add(t2r).intoArray(yr, o0 + b);
                t0i.add(t2i).intoArray(yi, o0 + b);
                t0r.sub(t2r).intoArray(yr, o2 + b);
                t0i.sub(t2i).intoArray(yi, o2 + b);
                // y1 = t1 − i·t3, y3 = t1 + i·t3
                t1r.add(t3i).intoArray(yr, o1 + b);
                t1i.sub(t3r).intoArray(yi, o1 + b);
                t1r.sub(t3i).intoArray(yr, o3 + b);
                t1i.add(t3r).intoArray(yi, o3 + b);
            }
        }
    }

    static void radix3(float[] xr, float[] xi, float[] yr, float[] yi, int n, int ns, float[] tr, float[] ti, int w) {
        int stride = n / 3, end = vectorEnd(w), step = SPECIES.length();
        for (int j = 0; j < stride; j++) {
            int k = j % ns;
            int out = (j / ns) * ns * 3 + k;
            int i0 = j * w, i1 = (j + stride) * w, i2 = (j + 2 * stride) * w;
            int o0 = out * w, o1 = (out + ns) * w, o2 = (out + 2 * ns) * w;
            float w1r = tr[k * 3 + 1], w1i = ti[k * 3 + 1];
            float w2r = tr[k * 3 + 2], w2i = ti[k * 3 + 2];
            for (int b = 0; b < end; b += step) {
                var x0r = FloatVector.fromArray(SPECIES, xr, i0 + b);
                var x0i = FloatVector.fromArray(SPECIES, xi, i0 + b);
                var a1r = FloatVector.fromArray(SPECIES, xr, i1 + b);
                var a1i = FloatVector.fromArray(SPECIES, xi, i1 + b);
                var a2r = FloatVector.fromArray(SPECIES, xr, i2 + b);
                var a2i = FloatVector.fromArray(SPECIES, xi, i2 + b);
                var x1r = mulRe(a1r, a1i, w1r, w1i);
                var x1i = mulIm(a1r, a1i, w1r, w1i);
                var x2r = mulRe(a2r, a2i, w2r, w2i);
                var x2i = mulIm(a2r, a2i, w2r, w2i);
                var sr = x1r.add(x2r);
                var si = x1i.add(x2i);
                var dr = x1r.sub(x2r).mul(SIN_60);
                var di = x1i.sub(x2i).mul(SIN_60);
                var mr = x0r.sub(sr.mul(0.5f));
                var mi = x0i.sub(si.mul(0.5f));
                x0r.add(sr).intoArray(yr, o0 + b);
                x0i.add(si).intoArray(yi, o0 + b);
                mr.add(di).intoArray(yr, o1 + b);
                mi.sub(dr).intoArray(yi, o1 + b);
                mr.sub(di).intoArray(yr, o2 + b);
                mi.add(dr).intoArray(yi, o2 + b);
            }
        }
    }

    static void radix5(float[] xr, float[] xi, float[] yr, float[] yi, int n, int ns, float[] tr, float[] ti, int w) {
        int stride = n / 5, end = vectorEnd(w), step = SPECIES.length();
        for (int j = 0; j < stride; j++) {
            int k = j % ns;
            int out = (j / ns) * ns * 5 + k;
            int i0 = j * w, i1 = (j + stride) * w, i2 = (j + 2 * stride) * w;
            int i3 = (j + 3 * stride) * w, i4 = (j + 4 * stride) * w;
            int o0 = out * w, o1 = (out + ns) * w, o2 = (out + 2 * ns) * w;
            int o3 = (out + 3 * ns) * w, o4 = (out + 4 * ns) * w;
            float w1r = tr[k * 5 + 1], w1i = ti[k * 5 + 1], w2r = tr[k * 5 + 2], w2i = ti[k * 5 + 2];
            float w3r = tr[k * 5 + 3], w3i = ti[k * 5 + 3], w4r = tr[k * 5 + 4], w4i = ti[k * 5 + 4];
            for (int b = 0; b < end; b += step) {
                var x0r = FloatVector.fromArray(SPECIES, xr, i0 + b);
                var x0i = FloatVector.fromArray(SPECIES, xi, i0 + b);
                var a1r = FloatVector.fromArray(SPECIES, xr, i1 + b);
                var a1i = FloatVector.fromArray(SPECIES, xi, i1 + b);
                var a2r = FloatVector.fromArray(SPECIES, xr, i2 + b);
                var a2i = FloatVector.fromArray(SPECIES, xi, i2 + b);
                var a3r = FloatVector.fromArray(SPECIES, xr, i3 + b);
                var a3i = FloatVector.fromArray(SPECIES, xi, i3 + b);
                var a4r = FloatVector.fromArray(SPECIES, xr, i4 + b);
                var a4i = FloatVector.fromArray(SPECIES, xi, i4 + b);
                var x1r = mulRe(a1r, a1i, w1r, w1i);
                var x1i = mulIm(a1r, a1i, w1r, w1i);
                var x2r = mulRe(a2r, a2i, w2r, w2i);
                var x2i = mulIm(a2r, a2i, w2r, w2i);
                var x3r = mulRe(a3r, a3i, w3r, w3i);
                var x3i = mulIm(a3r, a3i, w3r, w3i);
                var x4r = mulRe(a4r, a4i, w4r, w4i);
                var x4i = mulIm(a4r, a4i, w4r, w4i);
                var t1r = x1r.add(x4r);
                var t1i = x1i.add(x4i);
                var d1r = x1r.sub(x4r);
                var d1i = x1i.sub(x4i);
                var t2r = x2r.add(x3r);
                var t2i = x2i.add(x3i);
                var d2r = x2r.sub(x3r);
                var d2i = x2i.sub(x3i);
                var p1r = x0r.add(t1r.mul(C1)).add(t2r.mul(C2));
                var p1i = x0i.add(t1i.mul(C1)).add(t2i.mul(C2));
                var p2r = x0r.add(t1r.mul(C2)).add(t2r.mul(C1));
                var p2i = x0i.add(t1i.mul(C2)).add(t2i.mul(C1));
                var q1r = d1r.mul(S1).add(d2r.mul(S2));
                var q1i = d1i.mul(S1).add(d2i.mul(S2));
                var q2r = d1r.mul(S2).sub(d2r.mul(S1));
                var q2i = d1i.mul(S2).sub(d2i.mul(S1));
                x0r.add(t1r).add(t2r).intoArray(yr, o0 + b);
                x0i.add(t1i).add(t2i).intoArray(yi, o0 + b);
                // y1 = p1 − i·q1, y4 = p1 + i·q1, y2 = p2 − i·q2, y3 = p2 + i·q2
                p1r.add(q1i).intoArray(yr, o1 + b);
                p1i.sub(q1r).intoArray(yi, o1 + b);
                p1r.sub(q1i).intoArray(yr, o4 + b);
                p1i.add(q1r).intoArray(yi, o4 + b);
                p2r.add(q2i).intoArray(yr, o2 + b);
                p2i.sub(q2r).intoArray(yi, o2 + b);
                p2r.sub(q2i).intoArray(yr, o3 + b);
                p2i.add(q2r).intoArray(yi, o3 + b);
            }
        }
    }
}
