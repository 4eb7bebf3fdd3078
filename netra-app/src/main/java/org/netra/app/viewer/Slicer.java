package org.netra.app.viewer;

import java.util.BitSet;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;

/**
 * Cuts planes out of a voxel grid and projects through it (maximum intensity), in the display
 * convention of {@link Plane}. The grid's axes must be aligned with the patient's (any order and
 * sign, as PET, SPECT and CT store them); an oblique grid is resampled onto an aligned one first.
 */
public final class Slicer {
    private final Geometry grid;
    /** For each patient axis (0 = x towards left, 1 = y towards posterior, 2 = z towards head): which index axis. */
    private final int[] indexAxisOf = new int[3];
    /** …and whether that index axis runs along (+1) or against (−1) the patient axis. */
    private final int[] signOf = new int[3];

    public Slicer(Geometry grid) {
        this.grid = grid;
        boolean[] used = new boolean[3];
        for (int c = 0; c < 3; c++) {
            int best = -1;
            for (int r = 0; r < 3; r++) {
                if (Math.abs(grid.direction(r, c)) > 0.99) {
                    best = r;
                }
            }
            if (best < 0 || used[best]) {
                throw new ObliqueGridException(grid);
            }
            used[best] = true;
            indexAxisOf[best] = c;
            signOf[best] = grid.direction(best, c) > 0 ? 1 : -1;
        }
    }

    /** Thrown for a grid whose axes are not the patient's. */
    public static final class ObliqueGridException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ObliqueGridException(Geometry grid) {
            super("the viewer shows grids aligned with the patient's axes; this one is oblique (" + grid
                    + "): resample it onto an axis-aligned grid first");
        }
    }

    public Geometry grid() {
        return grid;
    }

    /** How many slices the plane has (its depth). */
    public int count(Plane plane) {
        return size(depthAxis(plane));
    }

    /** The slice at {@code index} (0 = the first along the depth axis's display order). */
    public Slice slice(ImageVolume volume, Plane plane, int index) {
        requireGrid(volume.geometry());
        int n = count(plane);
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException(
                    plane.id() + " slice " + index + " does not exist: the volume has slices 0.." + (n - 1));
        }
        Layout l = layout(plane);
        float[] v = volume.voxels();
        float[] out = new float[l.width * l.height];
        int[] ijk = new int[3];
        for (int row = 0; row < l.height; row++) {
            for (int col = 0; col < l.width; col++) {
                l.voxel(col, row, index, ijk);
                out[col + l.width * row] = v[grid.index(ijk[0], ijk[1], ijk[2])];
            }
        }
        return new Slice(l.width, l.height, out, l.colMm, l.rowMm);
    }

    /** The maximum intensity projection along the plane's depth. */
    public Slice mip(ImageVolume volume, Plane plane) {
        requireGrid(volume.geometry());
        Layout l = layout(plane);
        int depth = count(plane);
        float[] v = volume.voxels();
        float[] out = new float[l.width * l.height];
        java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
        int[] ijk = new int[3];
        for (int d = 0; d < depth; d++) {
            for (int row = 0; row < l.height; row++) {
                for (int col = 0; col < l.width; col++) {
                    l.voxel(col, row, d, ijk);
                    int o = col + l.width * row;
                    out[o] = Math.max(out[o], v[grid.index(ijk[0], ijk[1], ijk[2])]);
                }
            }
        }
        return new Slice(l.width, l.height, out, l.colMm, l.rowMm);
    }

    /** Which pixels of a slice (or, with {@code index} −1, of the projection) the mask covers. */
    public BitSet mask(Mask mask, Plane plane, int index) {
        requireGrid(mask.geometry());
        Layout l = layout(plane);
        var out = new BitSet(l.width * l.height);
        int[] ijk = new int[3];
        int from = index < 0 ? 0 : index;
        int to = index < 0 ? count(plane) : index + 1;
        for (int d = from; d < to; d++) {
            for (int row = 0; row < l.height; row++) {
                for (int col = 0; col < l.width; col++) {
                    l.voxel(col, row, d, ijk);
                    if (mask.contains(ijk[0], ijk[1], ijk[2])) {
                        out.set(col + l.width * row);
                    }
                }
            }
        }
        return out;
    }

    /** Width and height (pixels) of the plane's slices. */
    public int[] size(Plane plane) {
        Layout l = layout(plane);
        return new int[] {l.width, l.height};
    }

    /** The voxel (i, j, k) shown at pixel ({@code col}, {@code row}) of slice {@code index} of the plane. */
    public int[] voxelAt(Plane plane, int index, int col, int row) {
        Layout l = layout(plane);
        int n = count(plane);
        if (index < 0 || index >= n || col < 0 || col >= l.width || row < 0 || row >= l.height) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "%s slice %d, pixel (%d, %d) is outside the image: slices 0..%d, %d × %d pixels",
                    plane.id(),
                    index,
                    col,
                    row,
                    n - 1,
                    l.width,
                    l.height));
        }
        int[] ijk = new int[3];
        l.voxel(col, row, index, ijk);
        return ijk;
    }

    /** The display index of the slice through voxel (i, j, k) in this plane. */
    public int sliceThrough(Plane plane, int i, int j, int k) {
        int axis = depthAxis(plane);
        int c = indexAxisOf[axis];
        int value = c == 0 ? i : c == 1 ? j : k;
        // display position and index map onto each other both ways (a flip is its own inverse)
        return directed(axis, value, true);
    }

    private void requireGrid(Geometry g) {
        if (!g.sameDimensions(grid)) {
            throw new IllegalArgumentException(
                    "a layer of " + g + " is not on the viewer's grid " + grid + "; resample it onto the grid first");
        }
    }

    private int size(int patientAxis) {
        int c = indexAxisOf[patientAxis];
        return c == 0 ? grid.nx() : c == 1 ? grid.ny() : grid.nz();
    }

    private double spacingOf(int patientAxis) {
        return grid.spacing(indexAxisOf[patientAxis]);
    }

    /** Patient axis shown across (columns), down (rows) and in depth, and which way each runs. */
    private static int acrossAxis(Plane p) {
        return p == Plane.SAGITTAL ? 1 : 0;
    }

    private static int downAxis(Plane p) {
        return p == Plane.AXIAL ? 1 : 2;
    }

    private static int depthAxis(Plane p) {
        return switch (p) {
            case AXIAL -> 2;
            case CORONAL -> 1;
            case SAGITTAL -> 0;
        };
    }

    /**
     * Columns run along +x (patient's left) or +y (posterior); rows run along +y in axial (posterior
     * down) and along −z otherwise (head up). Slices run feet→head (axial), anterior→posterior
     * (coronal), right→left (sagittal): all along the patient axis.
     */
    private static boolean downForward(Plane p) {
        return p == Plane.AXIAL;
    }

    /** The index along {@code patientAxis} of display position {@code pos} (0-based). */
    private int directed(int patientAxis, int pos, boolean forward) {
        int n = size(patientAxis);
        boolean alongIndex = (signOf[patientAxis] > 0) == forward;
        return alongIndex ? pos : n - 1 - pos;
    }

    private Layout layout(Plane p) {
        int across = acrossAxis(p);
        int down = downAxis(p);
        int depth = depthAxis(p);
        return new Layout(
                size(across), size(down), spacingOf(across), spacingOf(down), across, down, depth, downForward(p));
    }

    private final class Layout {
        final int width;
        final int height;
        final double colMm;
        final double rowMm;
        final int across;
        final int down;
        final int depth;
        final boolean downForward;

        Layout(
                int width,
                int height,
                double colMm,
                double rowMm,
                int across,
                int down,
                int depth,
                boolean downForward) {
            this.width = width;
            this.height = height;
            this.colMm = colMm;
            this.rowMm = rowMm;
            this.across = across;
            this.down = down;
            this.depth = depth;
            this.downForward = downForward;
        }

        void voxel(int col, int row, int d, int[] ijk) {
            ijk[indexAxisOf[across]] = directed(across, col, true);
            ijk[indexAxisOf[down]] = directed(down, row, downForward);
            ijk[indexAxisOf[depth]] = directed(depth, d, true);
        }
    }
}
