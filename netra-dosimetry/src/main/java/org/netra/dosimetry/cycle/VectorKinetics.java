package org.netra.dosimetry.cycle;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VoxelKinetics}' rules for two or more time points over a run of voxels, a SIMD vector of voxels at a time
 * (8 with AVX-512): each lane finds its peak, takes its logarithms, dot products, exponential and 1/λ, or its
 * trapezoids, without a branch, and a vector whose voxels are all zero (most of a SPECT field of view) is passed
 * over after its loads.
 *
 * <p>Why: the scalar loop is bound by one {@link Math#log} per point after the peak and one {@link Math#exp} per
 * voxel, called one voxel at a time; the Vector API's LOG and EXP (Intel SVML on x86) take a vector in about the
 * time of one scalar call. They are not {@link Math}'s bit for bit (both within 1 ulp of the exact value, in
 * double), so a voxel's TIA may differ from the scalar rule's by a unit in the last place of its float; every
 * other operation is the scalar rule's, in its order (VoxelKineticsTest holds the two to ≤ 1 float ulp and the
 * rule counts equal).
 *
 * <p>Only loaded when {@link org.netra.dosimetry.voxel.SimdGate#OPEN}.
 */
final class VectorKinetics {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats of the same lane count, read and written as the maps hold them. */
    private static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.length() * Float.SIZE));

    private VectorKinetics() {}

    /**
     * Voxels {@code from} … up to the last whole vector before {@code to}; adds the rule counts to {@code counts}
     * and returns the first voxel left to the scalar loop.
     *
     * <p>A vector of voxels that are zero at every time point is passed over by a scalar test here, before any
     * vector code: with that test inside the vector loop, C2 compiled the loop on the profile of the first chunks
     * (the edge of the field of view, all zero), trapped on the first nonzero voxels, and recompiled it nine times
     * in a cycle, the deoptimised stretches running the Vector API's Java fallback (JFR, the real-size cycle's second
     * run). {@link #block} sees nonzero vectors only, and is compiled once, as a method of its own.
     */
    static int multiPoint(
            float[][] a, double physical, VoxelKinetics.PeakFits fits, float[] out, int from, int to, long[] counts) {
        int lanes = D.length();
        int end = from + (to - from) / lanes * lanes;
        long fitted = 0, nonzero = 0;
        for (int v = from; v < end; v += lanes) {
            if (zeroEverywhere(a, v, lanes)) {
                continue;
            }
            int lanesOf = block(a, physical, fits, out, v);
            fitted += lanesOf & 0xffff;
            nonzero += lanesOf >>> 16;
        }
        counts[0] += fitted;
        counts[1] += nonzero - fitted;
        counts[3] += (end - from) - nonzero; // the passed-over vectors' voxels and the zero lanes of the others
        return end;
    }

    /** True when voxels v … v + lanes − 1 are 0 at every time point. */
    private static boolean zeroEverywhere(float[][] a, int v, int lanes) {
        for (float[] map : a) {
            for (int l = v; l < v + lanes; l++) {
                if (map[l] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The TIAs of the vector of voxels from {@code v} (not all zero) into {@code out}; returns the lanes fitted
     * plus 65 536 × the lanes not zero at every time point.
     */
    private static int block(float[][] a, double physical, VoxelKinetics.PeakFits fits, float[] out, int v) {
        int n = a.length;
        double[][] slope = fits.slope(), anchor = fits.anchor(), area = fits.area();
        double[] w = fits.fallBack();
        DoubleVector zero = DoubleVector.zero(D);
        // the peak: the first point of the largest value (a later point must exceed it), as the scalar rule
        DoubleVector peakValue = load(a[0], v);
        DoubleVector peak = zero;
        VectorMask<Double> any = peakValue.compare(VectorOperators.NE, 0);
        for (int i = 1; i < n; i++) {
            DoubleVector y = load(a[i], v);
            VectorMask<Double> higher = y.compare(VectorOperators.GT, peakValue);
            peakValue = peakValue.blend(y, higher);
            peak = peak.blend(i, higher);
            any = any.or(y.compare(VectorOperators.NE, 0));
        }
        // the fit from the peak; a lane is admissible when its peak is not the last point, every point from
        // it on is > 0 and λ > physical decay
        VectorMask<Double> refused = peak.compare(VectorOperators.EQ, n - 1);
        DoubleVector slopeSum = zero, anchorSum = zero, areaSum = zero, trapezoids = zero;
        for (int i = 0; i < n; i++) {
            DoubleVector y = load(a[i], v);
            VectorMask<Double> fromPeak = peak.compare(VectorOperators.LE, i);
            VectorMask<Double> beforePeak = fromPeak.not();
            refused = refused.or(fromPeak.andNot(y.compare(VectorOperators.GT, 0)));
            // the weights of point i for each lane's peak p: the fit's for p ≤ i, the trapezoids' for p > i
            DoubleVector slopeWeight = zero, anchorWeight = zero, areaWeight = zero;
            for (int p = 0; p < n - 1; p++) {
                VectorMask<Double> at = peak.compare(VectorOperators.EQ, p);
                if (p <= i) {
                    slopeWeight = slopeWeight.blend(DoubleVector.broadcast(D, slope[p][i]), at);
                    anchorWeight = anchorWeight.blend(DoubleVector.broadcast(D, anchor[p][i]), at);
                } else {
                    areaWeight = areaWeight.blend(DoubleVector.broadcast(D, area[p][i]), at);
                }
            }
            DoubleVector log = y.lanewise(VectorOperators.LOG);
            slopeSum = slopeSum.add(slopeWeight.mul(log), fromPeak);
            anchorSum = anchorSum.add(anchorWeight.mul(log), fromPeak);
            areaSum = areaSum.add(areaWeight.mul(y), beforePeak);
            trapezoids = trapezoids.add(DoubleVector.broadcast(D, w[i]).mul(y));
        }
        DoubleVector peakArea = zero;
        for (int p = 1; p < n - 1; p++) {
            peakArea = peakArea.blend(DoubleVector.broadcast(D, area[p][p]), peak.compare(VectorOperators.EQ, p));
        }
        DoubleVector lambda = slopeSum.neg();
        refused = refused.or(lambda.compare(VectorOperators.GT, physical).not());
        DoubleVector fit = areaSum.add(peakArea.mul(peakValue))
                .add(anchorSum.lanewise(VectorOperators.EXP).div(lambda));
        // as the scalar rule: a fit that came out NaN falls back too
        VectorMask<Double> isFit =
                refused.not().and(fit.compare(VectorOperators.EQ, fit)).and(any);
        DoubleVector tia = zero.blend(trapezoids, any).blend(fit, isFit);
        ((FloatVector) tia.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, v);
        return isFit.trueCount() + (any.trueCount() << 16);
    }

    private static DoubleVector load(float[] map, int v) {
        return (DoubleVector) FloatVector.fromArray(F, map, v).convertShape(VectorOperators.F2D, D, 0);
    }
}
