package org.netra.dosimetry.dvh;

/**
 * The values at a few ranks of an unsorted float array, as {@link java.util.Arrays#sort(float[])} would put them
 * (its total order: −0 before +0), by counting rather than sorting: each float is mapped to an int whose unsigned
 * order is that order, a histogram of the high 16 bits finds each rank's bucket, and a histogram of the low 16 bits
 * of that bucket's members finds its exact bits. Two passes, plus one per bucket that holds a wanted rank.
 */
final class OrderStatistics {
    private static final int BUCKETS = 1 << 16;

    private OrderStatistics() {}

    /** The values of ascending ranks {@code ranks} (0-based, each in 0 … length − 1) of finite {@code values}. */
    static float[] select(float[] values, int[] ranks) {
        int[] keys = new int[values.length];
        int[] high = new int[BUCKETS];
        for (int v = 0; v < values.length; v++) {
            keys[v] = key(values[v]);
            high[keys[v] >>> 16]++;
        }
        float[] out = new float[ranks.length];
        int[] low = new int[BUCKETS];
        int counted = -1; // the high bucket whose low histogram `low` holds
        for (int r = 0; r < ranks.length; r++) {
            int rank = ranks[r];
            if (rank < 0 || rank >= values.length) {
                throw new IllegalArgumentException("rank " + rank + " of " + values.length + " values");
            }
            int h = 0, below = 0;
            while (below + high[h] <= rank) {
                below += high[h++];
            }
            if (h != counted) {
                java.util.Arrays.fill(low, 0);
                for (int key : keys) {
                    if (key >>> 16 == h) {
                        low[key & 0xffff]++;
                    }
                }
                counted = h;
            }
            int l = 0;
            while (below + low[l] <= rank) {
                below += low[l++];
            }
            out[r] = value(h << 16 | l);
        }
        return out;
    }

    /** An int whose unsigned order is the floats' total order. */
    static int key(float x) {
        int bits = Float.floatToRawIntBits(x);
        return bits < 0 ? ~bits : bits ^ 0x80000000;
    }

    private static float value(int key) {
        return Float.intBitsToFloat(key < 0 ? key ^ 0x80000000 : ~key);
    }
}
