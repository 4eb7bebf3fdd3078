package org.netra.dosimetry.recovery;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.netra.imaging.volume.GaussianBlur;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;

/**
 * Partial-volume correction by the geometric transfer matrix (Rousset, Ma and Evans, J Nucl Med
 * 1998;39:904): for disjoint regions, w[i][j] is the mean over region i of region j's indicator blurred by the
 * system's point-spread function, so the observed mean concentrations are t = W·c and the true ones solve
 * it, assuming each region uniform and the PSF Gaussian of known FWHM. netra solves it with c ≥ 0
 * ({@link NonNegativeLeastSquares}): a plain W⁻¹·t turns noise and model error into negative concentrations
 * in cold regions, and the activity they "remove" reappears in their neighbours (on the twins the bladder came
 * out at 6–9 times its dose).
 */
public final class GeometricTransferMatrix {
    private final double[][] w;

    /**
     * @param regions disjoint, non-empty, on one grid; include a background region so that activity outside
     *     the VOIs is accounted for
     * @param fwhmMm the system's spatial resolution (FWHM of the Gaussian PSF, mm), measured for the camera
     */
    public GeometricTransferMatrix(List<Mask> regions, double fwhmMm) {
        this(RegionSet.of(regions), fwhmMm);
    }

    /**
     * Disjoint regions prepared once for transfer matrices at several PSFs: each voxel's region, each region's
     * voxels and bounding box. None of it depends on the PSF (a cycle's correction builds one matrix per scan and
     * PSF).
     */
    public static final class RegionSet {
        private final List<Mask> regions;
        private final short[] label;
        private final int[][] voxels;
        private final int[][] lower;
        private final int[][] upper;
        private final int complement;

        private RegionSet(
                List<Mask> regions, short[] label, int[][] voxels, int[][] lower, int[][] upper, int complement) {
            this.regions = regions;
            this.label = label;
            this.voxels = voxels;
            this.lower = lower;
            this.upper = upper;
            this.complement = complement;
        }

        /**
         * @param regions disjoint, non-empty, on one grid; include a background region so that activity outside
         *     the VOIs is accounted for
         */
        public static RegionSet of(List<Mask> regions) {
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("the GTM needs at least one region");
            }
            int n = regions.size();
            requireShortLabels(n);
            Geometry g = regions.get(0).geometry();
            long covered = 0;
            int largest = 0;
            for (int j = 0; j < n; j++) {
                Mask mj = regions.get(j);
                if (!mj.geometry().equals(g) || mj.isEmpty()) {
                    throw new IllegalArgumentException(
                            "GTM region '" + mj.name() + "' is empty or not on the grid " + g);
                }
                covered += mj.voxelCount();
                largest = mj.voxelCount() > regions.get(largest).voxelCount() ? j : largest;
            }
            // disjoint regions that fill the grid (a background among them): the largest region's blurred
            // indicator is the blur of ones minus the others', so its column needs no blur of the whole grid, nor
            // its voxels listed (most of the grid)
            int complement = covered == g.voxelCount() && n > 1 ? largest : -1;
            // each voxel's region: one walk over a column's box sums its blurred indicator over every region at
            // once, in the order of the voxels as walking each region's mask did; as shorts (a region index, −1 for
            // none, requireShortLabels above): half the memory of ints, 26 MB at 256×256×200
            short[] label = new short[g.voxelCount()];
            java.util.Arrays.fill(label, (short) -1);
            int[][] voxels = new int[n][];
            int[][] lower = new int[n][];
            int[][] upper = new int[n][];
            int plane = g.nx() * g.ny();
            for (int j = 0; j < n; j++) {
                Mask mj = regions.get(j);
                if (j == complement) {
                    for (int v = mj.next(0); v >= 0; v = mj.next(v + 1)) {
                        if (label[v] >= 0) {
                            throw overlap(regions.get(label[v]), mj);
                        }
                        label[v] = (short) j;
                    }
                    lower[j] = new int[] {0, 0, 0};
                    upper[j] = new int[] {g.nx() - 1, g.ny() - 1, g.nz() - 1};
                    continue;
                }
                voxels[j] = indices(mj);
                for (int v : voxels[j]) {
                    if (label[v] >= 0) {
                        throw overlap(regions.get(label[v]), mj);
                    }
                    label[v] = (short) j;
                }
                bounds(voxels[j], g, lower, upper, j);
            }
            return new RegionSet(List.copyOf(regions), label, voxels, lower, upper, complement);
        }

        /**
         * Regions that fill their grid, with each voxel's region index already known to the caller ({@code
         * regionOfVoxel}, kept, not copied: it must not change): a cycle's correction has made its regions so and
         * holds that array for reading its scans. Only the regions other than the largest are walked (their voxels and
         * boxes); the largest (the background, most of the grid) is neither walked nor listed, where {@link
         * #of(List)} walks all of it to label it and find overlaps. Each label's count is checked against its region's
         * voxel count.
         *
         * @throws IllegalArgumentException for labels that do not fit the regions
         */
        public static RegionSet of(List<Mask> regions, short[] regionOfVoxel) {
            if (regions.size() < 2) {
                return of(regions);
            }
            int n = regions.size();
            requireShortLabels(n);
            Geometry g = regions.get(0).geometry();
            if (regionOfVoxel.length != g.voxelCount()) {
                throw new IllegalArgumentException("the GTM's voxel labels are " + regionOfVoxel.length
                        + " for a grid of " + g.voxelCount() + " voxels");
            }
            int largest = 0;
            long others = 0;
            for (int j = 0; j < n; j++) {
                Mask mj = regions.get(j);
                if (!mj.geometry().equals(g)) {
                    throw new IllegalArgumentException("GTM region '" + mj.name() + "' is not on the grid " + g);
                }
                largest = mj.voxelCount() > regions.get(largest).voxelCount() ? j : largest;
            }
            Mask rest = regions.get(largest);
            int[][] voxels = new int[n][];
            int[][] lower = new int[n][];
            int[][] upper = new int[n][];
            for (int j = 0; j < n; j++) {
                if (j == largest) {
                    lower[j] = new int[] {0, 0, 0};
                    upper[j] = new int[] {g.nx() - 1, g.ny() - 1, g.nz() - 1};
                    continue;
                }
                voxels[j] = indices(regions.get(j));
                for (int v : voxels[j]) {
                    if (regionOfVoxel[v] != j) {
                        throw new IllegalArgumentException(
                                "GTM region '" + regions.get(j).name() + "' holds voxel " + v + ", labelled region "
                                        + regionOfVoxel[v]);
                    }
                    if (rest.contains(v)) {
                        throw overlap(rest, regions.get(j));
                    }
                }
                others += voxels[j].length;
                bounds(voxels[j], g, lower, upper, j);
            }
            // the other regions' voxels carry their labels (so no two of them overlap) and none is in the largest:
            // the labels fit when the largest's label is on every other voxel and the largest holds them all, which a
            // count of its label (a plain pass over the labels) and of its voxels settle without walking its voxels
            int expected = (int) (g.voxelCount() - others);
            int labelled = 0;
            short l = (short) largest;
            for (short r : regionOfVoxel) {
                labelled += r == l ? 1 : 0;
            }
            if (labelled != expected || rest.voxelCount() != expected) {
                throw new IllegalArgumentException("GTM region '" + rest.name() + "' (" + rest.voxelCount()
                        + " voxels) does not match its " + labelled + " labelled voxels on the grid " + g + ", nor the "
                        + expected + " voxels of no other region");
            }
            return new RegionSet(List.copyOf(regions), regionOfVoxel, voxels, lower, upper, largest);
        }

        /** A mask's voxel indices, ascending. */
        private static int[] indices(Mask m) {
            int[] out = new int[m.voxelCount()];
            int i = 0;
            for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                out[i++] = v;
            }
            return out;
        }

        /**
         * Region j's bounding box into {@code lower[j]} and {@code upper[j]} (grid indices, inclusive) from its voxel
         * indices, ascending: a row's y and z are worked out once for its voxels.
         */
        private static void bounds(int[] voxels, Geometry g, int[][] lower, int[][] upper, int j) {
            int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
            int[] hi = {-1, -1, -1};
            int rowStart = 0, rowEnd = 0;
            for (int v : voxels) {
                if (v >= rowEnd) {
                    int row = v / g.nx();
                    rowStart = row * g.nx();
                    rowEnd = rowStart + g.nx();
                    int y = row % g.ny(), z = row / g.ny();
                    lo[1] = Math.min(lo[1], y);
                    lo[2] = Math.min(lo[2], z);
                    hi[1] = Math.max(hi[1], y);
                    hi[2] = Math.max(hi[2], z);
                }
                int x = v - rowStart;
                lo[0] = Math.min(lo[0], x);
                hi[0] = Math.max(hi[0], x);
            }
            lower[j] = lo;
            upper[j] = hi;
        }

        private static void requireShortLabels(int n) {
            if (n > Short.MAX_VALUE) {
                throw new IllegalArgumentException("the GTM takes at most " + Short.MAX_VALUE + " regions, not " + n);
            }
        }

        private static IllegalArgumentException overlap(Mask a, Mask b) {
            return new IllegalArgumentException(
                    "GTM regions '" + a.name() + "' and '" + b.name() + "' overlap: the regions must be disjoint");
        }

        private Box box(int j, int[] radius) {
            return Box.grown(regions.get(j).geometry(), lower[j], upper[j], radius);
        }
    }

    /**
     * @param fwhmMm the system's spatial resolution (FWHM of the Gaussian PSF, mm), measured for the camera
     */
    public GeometricTransferMatrix(RegionSet set, double fwhmMm) {
        if (!(fwhmMm >= 0) || Double.isInfinite(fwhmMm)) {
            throw new IllegalArgumentException("the PSF FWHM must be a finite number of mm ≥ 0, not " + fwhmMm);
        }
        List<Mask> regions = set.regions;
        int n = regions.size();
        w = new double[n][n];
        Geometry g = regions.get(0).geometry();
        int[] radius = GaussianBlur.radii(g, fwhmMm);
        // each region's column is its own blur, written to its own column: side by side, the same sums; the largest
        // boxes first, so the last to start are the short ones
        IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingLong(
                                (Integer j) -> set.box(j, radius).volume())
                        .reversed())
                .parallel()
                .filter(j -> j != set.complement)
                .forEach(j -> {
                    Box box = set.box(j, radius);
                    float[] blurred = box.blurredIndicator(set.voxels[j], fwhmMm);
                    double[] sums = box.sumsByLabel(set.label, n, blurred);
                    for (int i = 0; i < n; i++) {
                        w[i][j] = sums[i] / regions.get(i).voxelCount();
                    }
                });
        if (set.complement >= 0) {
            double[][] ones = new double[3][];
            for (int axis = 0; axis < 3; axis++) {
                ones[axis] = GaussianBlur.onesProfile(g, fwhmMm, axis);
            }
            int nx = g.nx();
            // the blurred grid summed over each region; the regions fill the grid, so the largest (most of the
            // grid: the background) gets the whole grid's sum, the product of the three profiles' sums, less the
            // others', instead of a walk over its voxels
            double[] blurredOnes = new double[n];
            IntStream.range(0, n).parallel().filter(i -> i != set.complement).forEach(i -> {
                double sum = 0;
                // the voxels ascending: a row's y and z profiles looked up once for its voxels
                int rowStart = 0, rowEnd = 0;
                double oy = 0;
                double oz = 0;
                for (int v : set.voxels[i]) {
                    if (v >= rowEnd) {
                        int row = v / nx;
                        rowStart = row * nx;
                        rowEnd = rowStart + nx;
                        oy = ones[1][row % g.ny()];
                        oz = ones[2][row / g.ny()];
                    }
                    sum += ones[0][v - rowStart] * oy * oz;
                }
                blurredOnes[i] = sum;
            });
            double whole = 1;
            for (double[] profile : ones) {
                whole *= java.util.Arrays.stream(profile).sum();
            }
            for (int i = 0; i < n; i++) {
                if (i != set.complement) {
                    whole -= blurredOnes[i];
                }
            }
            blurredOnes[set.complement] = whole;
            for (int i = 0; i < n; i++) {
                double rest = blurredOnes[i] / regions.get(i).voxelCount();
                for (int j = 0; j < n; j++) {
                    if (j != set.complement) {
                        rest -= w[i][j];
                    }
                }
                w[i][set.complement] = rest;
            }
        }
    }

    /**
     * Row i of a transfer matrix for a region i that is not one of {@code regions}, against each of them: the
     * mean over region i of region j's blurred indicator. A Gaussian PSF is symmetric, so the sum over i of
     * j's blurred indicator equals the sum over j of i's: one blur (of i) gives the whole row.
     */
    public static double[] row(Mask i, List<Mask> regions, double fwhmMm) {
        Blurred b = Blurred.of(i, fwhmMm);
        double[] out = new double[regions.size()];
        for (int j = 0; j < regions.size(); j++) {
            out[j] = b.box().sumOver(regions.get(j), b.values()) / i.voxelCount();
        }
        return out;
    }

    /**
     * {@link #row(Mask, List, double)} against the regions of a set and then {@code more} masks: the regions' entries
     * from one walk over the blur's box by their voxels' labels instead of a walk per region (the same sums, each
     * over its region's voxels in the box's order).
     */
    public static double[] row(Mask i, RegionSet regions, List<Mask> more, double fwhmMm) {
        Blurred b = Blurred.of(i, fwhmMm);
        int n = regions.regions.size();
        double[] sums = b.box().sumsByLabel(regions.label, n, b.values());
        double[] out = new double[n + more.size()];
        for (int j = 0; j < n; j++) {
            out[j] = sums[j] / i.voxelCount();
        }
        for (int e = 0; e < more.size(); e++) {
            out[n + e] = b.box().sumOver(more.get(e), b.values()) / i.voxelCount();
        }
        return out;
    }

    /** A mask's indicator blurred within its reach ({@link Box}). */
    private record Blurred(Box box, float[] values) {
        static Blurred of(Mask m, double fwhmMm) {
            Geometry g = m.geometry();
            int[] voxels = RegionSet.indices(m);
            int[][] lower = new int[1][];
            int[][] upper = new int[1][];
            RegionSet.bounds(voxels, g, lower, upper, 0);
            Box box = Box.grown(g, lower[0], upper[0], GaussianBlur.radii(g, fwhmMm));
            return new Blurred(box, box.blurredIndicator(voxels, fwhmMm));
        }
    }

    private GeometricTransferMatrix(double[][] w) {
        this.w = w;
    }

    /**
     * The matrix at a PSF between others already made exactly ({@code nodes}, by FWHM), each entry interpolated by
     * the polynomial through the nodes in the PSF's variance (FWHM²). A Gaussian blur's matrix is a smooth function
     * of its variance, and a cycle needs matrices at PSFs a fraction of a voxel's variance apart (each moved scan's
     * widened PSF, {@code PartialVolumeCorrection}): on a real-size grid each exact matrix is a blur of every
     * region's box, and a few of them then give the rest. Never extrapolates: the PSF must lie within the nodes'.
     *
     * @throws IllegalArgumentException for fewer than two nodes, or a FWHM outside their range
     */
    public static GeometricTransferMatrix interpolatedInVariance(
            double fwhmMm, java.util.SortedMap<Double, GeometricTransferMatrix> nodes) {
        if (nodes.size() < 2 || !(fwhmMm >= nodes.firstKey() && fwhmMm <= nodes.lastKey())) {
            throw new IllegalArgumentException("a transfer matrix is interpolated between at least two exact ones"
                    + " around its PSF, not at FWHM " + fwhmMm + " mm from " + nodes.keySet());
        }
        GeometricTransferMatrix exact = nodes.get(fwhmMm);
        if (exact != null) {
            return exact;
        }
        double[] s = nodes.keySet().stream().mapToDouble(f -> f * f).toArray();
        List<GeometricTransferMatrix> at = List.copyOf(nodes.values());
        double target = fwhmMm * fwhmMm;
        // Lagrange weights of the nodes at the target variance
        double[] weight = new double[s.length];
        for (int a = 0; a < s.length; a++) {
            double l = 1;
            for (int b = 0; b < s.length; b++) {
                if (b != a) {
                    l *= (target - s[b]) / (s[a] - s[b]);
                }
            }
            weight[a] = l;
        }
        int n = at.get(0).w.length;
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int a = 0; a < s.length; a++) {
                    v += weight[a] * at.get(a).w[i][j];
                }
                w[i][j] = v;
            }
        }
        return new GeometricTransferMatrix(w);
    }

    /** W[i][j]. */
    public double at(int i, int j) {
        return w[i][j];
    }

    /**
     * The part of the grid a region's blurred indicator can reach: its bounding box grown by the blur's kernel
     * radius on each axis, clipped to the grid. The blur truncates its kernel at that radius, so blurring the
     * indicator inside the box gives exactly the values of blurring the whole grid (outside they are zero),
     * and a small region costs a small blur instead of the whole grid's.
     */
    private record Box(Geometry grid, int x0, int y0, int z0, int nx, int ny, int nz) {
        long volume() {
            return (long) nx * ny * nz;
        }

        /** The box lower…upper (grid indices, inclusive) grown by {@code radius} on each axis, within the grid. */
        static Box grown(Geometry g, int[] lower, int[] upper, int[] radius) {
            int[] n = {g.nx(), g.ny(), g.nz()};
            int[] lo = new int[3];
            int[] hi = new int[3];
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.max(0, lower[a] - radius[a]);
                hi[a] = Math.min(n[a] - 1, upper[a] + radius[a]);
            }
            return new Box(g, lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1);
        }

        /** The sum of a blurred indicator (on this box) over a mask's voxels: only the box's can add to it. */
        double sumOver(Mask m, float[] blurred) {
            double sum = 0;
            int plane = grid.nx() * grid.ny();
            int b = 0;
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    int v = x0 + grid.nx() * (y0 + j) + plane * (z0 + k);
                    for (int i = 0; i < nx; i++, b++, v++) {
                        if (m.contains(v)) {
                            sum += blurred[b];
                        }
                    }
                }
            }
            return sum;
        }

        /** The sums of a blurred indicator (on this box) over each label's voxels (labels 0…n−1, −1 for none). */
        double[] sumsByLabel(short[] label, int n, float[] blurred) {
            double[] sums = new double[n];
            int plane = grid.nx() * grid.ny();
            int b = 0;
            // the current label's sum in a local while its voxels continue: the same additions in the same order,
            // without a store and reload per voxel (what a label of none gathers is dropped)
            int open = -1;
            double sum = 0;
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    int v = x0 + grid.nx() * (y0 + j) + plane * (z0 + k);
                    for (int i = 0; i < nx; i++, b++, v++) {
                        int l = label[v];
                        if (l != open) {
                            if (open >= 0) {
                                sums[open] = sum;
                            }
                            open = l;
                            sum = l >= 0 ? sums[l] : 0;
                        }
                        sum += blurred[b];
                    }
                }
            }
            if (open >= 0) {
                sums[open] = sum;
            }
            return sums;
        }

        /** The blur of the indicator of {@code voxels} (grid indices, ascending, all inside the box) on the box. */
        float[] blurredIndicator(int[] voxels, double fwhmMm) {
            float[] indicator = new float[nx * ny * nz];
            // a row's place in the box worked out once for its voxels
            int rowStart = 0, rowEnd = 0, offset = 0;
            for (int v : voxels) {
                if (v >= rowEnd) {
                    int row = v / grid.nx();
                    rowStart = row * grid.nx();
                    rowEnd = rowStart + grid.nx();
                    offset = nx * (row % grid.ny() - y0 + ny * (row / grid.ny() - z0)) - x0 - rowStart;
                }
                indicator[v + offset] = 1;
            }
            Geometry sub = Geometry.of(nx, ny, nz, grid.spacing(), new double[3]);
            // the indicator is made to be blurred: blurred over, not copied first (a box's size less allocated)
            return GaussianBlur.blurConsuming(ImageVolume.wrap(sub, VoxelUnit.DIMENSIONLESS, indicator), fwhmMm)
                    .voxels();
        }
    }

    /** The recovery coefficient of region i: the share of its own activity its mean keeps. */
    public double recovery(int i) {
        return w[i][i];
    }

    /** True mean concentrations (≥ 0) from observed ones (any unit), region order as constructed. */
    public double[] correct(double[] observedMeans) {
        return NonNegativeLeastSquares.solve(w, observedMeans);
    }
}
