package org.netra.dosimetry.dvh;

import java.util.Arrays;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * The cumulative dose–volume histogram of a dose map inside a VOI, and its summary figures.
 *
 * <p>D_x, the minimum dose to the hottest x % of the volume, is read off the voxels' doses sorted
 * hottest first, voxel i (1-based) of N standing for the volume fraction ((i − ½)/N) at its centre, and
 * interpolated linearly between neighbouring voxels (clamped to the hottest and coldest voxel below
 * ½/N and above 1 − ½/N). For a dose that falls linearly across the VOI this gives D_x exactly, and it
 * does not jump by a whole voxel as x crosses a voxel boundary.
 */
public final class DoseVolumeHistogram {
    private final String name;
    /** Doses in Gy inside the VOI, hottest first. */
    private final float[] sorted;

    private final double mean;
    private final double voxelMl;

    private DoseVolumeHistogram(String name, float[] sorted, double mean, double voxelMl) {
        this.name = name;
        this.sorted = sorted;
        this.mean = mean;
        this.voxelMl = voxelMl;
    }

    /** The histogram of {@code dose} (Gy) inside {@code voi}, which must lie on the same grid. */
    public static DoseVolumeHistogram of(ImageVolume dose, Mask voi) {
        float[] in = inside(dose, voi);
        double sum = sum(in);
        Arrays.sort(in);
        // hottest first
        for (int i = 0, j = in.length - 1; i < j; i++, j--) {
            float t = in[i];
            in[i] = in[j];
            in[j] = t;
        }
        return new DoseVolumeHistogram(
                voi.name(), in, sum / in.length, dose.geometry().voxelVolume().inMl());
    }

    /** The figures a VOI's dose row reports, as {@link #of} gives them. */
    public record Summary(AbsorbedDose mean, AbsorbedDose max, AbsorbedDose d2, AbsorbedDose d50, AbsorbedDose d98) {}

    /**
     * {@link #of}'s mean, maximum, D2, D50 and D98, the same doubles, without sorting the VOI's voxels: the few
     * order statistics they read are selected by a two-level radix count over the floats' order-preserving bits
     * (a pass over the voxels for the high 16 bits, then one per bucket that holds a wanted rank for the low 16),
     * where sorting a body outline's millions of voxels was most of a cycle's VOI figures.
     */
    public static Summary summary(ImageVolume dose, Mask voi) {
        float[] in = inside(dose, voi);
        int n = in.length;
        double mean = sum(in) / n;
        // the hottest-first indices the figures read (a first pass that only notes them), then their values
        java.util.TreeSet<Integer> wanted = new java.util.TreeSet<>(java.util.List.of(0));
        for (double percent : PERCENTS) {
            dose(percent, n, i -> {
                wanted.add(i);
                return 0;
            });
        }
        int[] hottest = wanted.stream().mapToInt(Integer::intValue).toArray();
        int[] ranks = new int[hottest.length];
        for (int r = 0; r < ranks.length; r++) {
            ranks[r] = n - 1 - hottest[r];
        }
        float[] values = OrderStatistics.select(in, ranks);
        java.util.function.IntToDoubleFunction read = i -> values[Arrays.binarySearch(hottest, i)];
        return new Summary(
                AbsorbedDose.ofGy(mean),
                AbsorbedDose.ofGy(read.applyAsDouble(0)),
                dose(PERCENTS[0], n, read),
                dose(PERCENTS[1], n, read),
                dose(PERCENTS[2], n, read));
    }

    /** The x of {@link Summary}'s D2, D50 and D98. */
    private static final double[] PERCENTS = {2, 50, 98};

    /** The VOI's doses in voxel order, checked finite. */
    private static float[] inside(ImageVolume dose, Mask voi) {
        dose.requireUnit(VoxelUnit.GY, "the dose map");
        voi.requireOn(dose.geometry(), "the dose map");
        if (voi.isEmpty()) {
            throw new IllegalArgumentException("VOI '" + voi.name() + "' has no voxels; a DVH needs at least one");
        }
        float[] d = dose.voxels();
        float[] in = new float[voi.voxelCount()];
        int n = 0;
        for (int from = voi.next(0), to; from >= 0; from = voi.next(to)) {
            to = voi.runEnd(from);
            for (int v = from; v < to; v++) {
                float x = d[v];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(
                            "the dose map has " + x + " at voxel " + v + " inside VOI '" + voi.name() + "'");
                }
                in[n++] = x;
            }
        }
        return in;
    }

    /** The doses' sum in voxel order. */
    private static double sum(float[] in) {
        double sum = 0;
        for (float x : in) {
            sum += x;
        }
        return sum;
    }

    public String name() {
        return name;
    }

    /** The VOI's volume. */
    public org.netra.physics.quantity.Volume volume() {
        return org.netra.physics.quantity.Volume.ofMl(sorted.length * voxelMl);
    }

    public AbsorbedDose mean() {
        return AbsorbedDose.ofGy(mean);
    }

    public AbsorbedDose max() {
        return AbsorbedDose.ofGy(sorted[0]);
    }

    public AbsorbedDose min() {
        return AbsorbedDose.ofGy(sorted[sorted.length - 1]);
    }

    /** D_x: the minimum dose to the hottest {@code percent} % of the volume (see the class comment). */
    public AbsorbedDose dose(double percent) {
        return dose(percent, sorted.length, i -> sorted[i]);
    }

    /** D_x of n voxels whose i-th hottest (0-based) is {@code hottest.applyAsDouble(i)}. */
    private static AbsorbedDose dose(double percent, int n, java.util.function.IntToDoubleFunction hottest) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("D_x needs x in 0…100 %, got " + percent);
        }
        double position = percent / 100 * n - 0.5; // 0-based voxel index whose centre is at this fraction
        if (position <= 0) {
            return AbsorbedDose.ofGy(hottest.applyAsDouble(0));
        }
        if (position >= n - 1) {
            return AbsorbedDose.ofGy(hottest.applyAsDouble(n - 1));
        }
        int lo = (int) position;
        double f = position - lo;
        double a = hottest.applyAsDouble(lo);
        return AbsorbedDose.ofGy(a + f * (hottest.applyAsDouble(lo + 1) - a));
    }

    public AbsorbedDose d2() {
        return dose(2);
    }

    public AbsorbedDose d50() {
        return dose(50);
    }

    public AbsorbedDose d98() {
        return dose(98);
    }

    /** V_D: the fraction (0…1) of the volume receiving at least {@code dose}. */
    public double fractionReceiving(AbsorbedDose dose) {
        double gy = dose.inGy();
        // sorted descending: count of voxels ≥ gy
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] >= gy) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (double) lo / sorted.length;
    }

    /**
     * The cumulative DVH at {@code points} doses evenly spaced from 0 to the maximum: dose (Gy) and the
     * fraction of the volume receiving at least that dose.
     */
    public Curve curve(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("a DVH curve needs at least 2 points, got " + points);
        }
        double[] gy = new double[points];
        double[] fraction = new double[points];
        double max = sorted[0];
        for (int p = 0; p < points; p++) {
            gy[p] = max * p / (points - 1);
            fraction[p] = fractionReceiving(AbsorbedDose.ofGy(gy[p]));
        }
        return new Curve(gy, fraction);
    }

    /** A cumulative DVH: {@code fraction[i]} of the volume receives at least {@code gy[i]}. */
    public record Curve(double[] gy, double[] fraction) {
        public Curve {
            gy = gy.clone();
            fraction = fraction.clone();
        }

        @Override
        public double[] gy() {
            return gy.clone();
        }

        @Override
        public double[] fraction() {
            return fraction.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Curve c && Arrays.equals(gy, c.gy) && Arrays.equals(fraction, c.fraction);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(gy) + Arrays.hashCode(fraction);
        }

        @Override
        public String toString() {
            return "Curve[" + gy.length + " points]";
        }
    }
}
