package org.netra.dosimetry.voxel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The plane transposes between {@link FftConvolution}'s y and x passes in L×L tiles of SIMD registers (L the
 * lanes of {@link VectorButterflies#SPECIES}): L row loads, log₂ L rounds of lane swaps, L column stores. Once the
 * butterflies ran in vectors the element-by-element transposes were the largest part of the convolution (JFR,
 * 256×256×199 ⊛ 11³: 26 % of the samples). Only loaded when {@link BatchFft#SIMD}.
 */
final class SimdTranspose {
    private static final VectorSpecies<Float> SPECIES = VectorButterflies.SPECIES;
    private static final int L = SPECIES.length();
    /** Per round h = L/2, L/4, …, 1: lanes moved h up, lanes moved h down, and the lanes with bit h set. */
    private static final VectorShuffle<Float>[] UP, DOWN;

    private static final VectorMask<Float>[] HIGH;

    static {
        int rounds = Integer.numberOfTrailingZeros(L);
        @SuppressWarnings({"unchecked", "rawtypes"})
        VectorShuffle<Float>[] up = new VectorShuffle[rounds], down = new VectorShuffle[rounds];
        @SuppressWarnings({"unchecked", "rawtypes"})
        VectorMask<Float>[] high = new VectorMask[rounds];
        for (int round = 0; round < rounds; round++) {
            int h = L >> (round + 1);
            int[] u = new int[L], d = new int[L];
            boolean[] m = new boolean[L];
            for (int l = 0; l < L; l++) {
                u[l] = (l - h + L) % L; // lane l takes lane l − h
                d[l] = (l + h) % L; // lane l takes lane l + h
                m[l] = (l & h) != 0;
            }
            up[round] = VectorShuffle.fromArray(SPECIES, u, 0);
            down[round] = VectorShuffle.fromArray(SPECIES, d, 0);
            high[round] = VectorMask.fromArray(SPECIES, m, 0);
        }
        UP = up;
        DOWN = down;
        HIGH = high;
    }

    private SimdTranspose() {}

    /**
     * dst[c·dstStride + r] = src[r·srcStride + c] for the whole L×L tiles of r < rows, c < cols, through the L×L
     * scratch {@code tile}; returns the rows and the columns it covered (multiples of L), the caller transposes the
     * rest. (Rows pass through the scratch rather than registers: an array of vectors would be boxed.)
     */
    static int[] tiles(float[] src, int srcStride, float[] dst, int dstStride, int rows, int cols, float[] tile) {
        int rowEnd = rows - rows % L, colEnd = cols - cols % L;
        for (int r0 = 0; r0 < rowEnd; r0 += L) {
            for (int c0 = 0; c0 < colEnd; c0 += L) {
                // recursive block transpose: at distance h, row i's lanes with bit h set trade places with row
                // i + h's lanes without it (the off-diagonal h×h blocks swap); after every h the tile is transposed.
                // The first round reads the source rows, later ones the tile (separate loops: a vector that may come
                // from either would be boxed).
                int h = L >> 1;
                for (int i = 0; i < L; i++) {
                    if ((i & h) == 0) {
                        var a = FloatVector.fromArray(SPECIES, src, (r0 + i) * srcStride + c0);
                        var b = FloatVector.fromArray(SPECIES, src, (r0 + i + h) * srcStride + c0);
                        swapBlocks(a, b, 0, tile, i, h);
                    }
                }
                for (int round = 1; (h >>= 1) > 0; round++) {
                    for (int i = 0; i < L; i++) {
                        if ((i & h) == 0) {
                            var a = FloatVector.fromArray(SPECIES, tile, i * L);
                            var b = FloatVector.fromArray(SPECIES, tile, (i + h) * L);
                            swapBlocks(a, b, round, tile, i, h);
                        }
                    }
                }
                for (int i = 0; i < L; i++) {
                    FloatVector.fromArray(SPECIES, tile, i * L).intoArray(dst, (c0 + i) * dstStride + r0);
                }
            }
        }
        return new int[] {rowEnd, colEnd};
    }

    /** Rows i and i + h of the tile after one round: a's high lanes and b's low lanes trade places. */
    private static void swapBlocks(FloatVector a, FloatVector b, int round, float[] tile, int i, int h) {
        VectorMask<Float> high = HIGH[round];
        a.blend(b.rearrange(UP[round]), high).intoArray(tile, i * L);
        a.rearrange(DOWN[round]).blend(b, high).intoArray(tile, (i + h) * L);
    }

    /** Floats of the scratch {@link #tiles} needs. */
    static int tileSize() {
        return L * L;
    }
}
