package org.netra.imaging.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * An RT Structure Set: ROI names from the Structure Set ROI Sequence, closed planar contours from the
 * ROI Contour Sequence, rasterised onto an image grid. A voxel belongs to an ROI when its centre lies
 * inside the contours of its slice by the even–odd rule (so a contour inside another is a hole); a voxel centre on
 * the left or bottom edge of a polygon is inside, on the right or top edge outside (half-open scanlines).
 *
 * <p>Each plane of contours stands for a slab as thick as the structure set's contour spacing (the slices it was
 * drawn on, usually a CT's), so a slice takes the contours of the plane nearest its centre when that plane is within
 * half the spacing. Contours drawn on the image's own slices fill exactly those slices; contours drawn every 4.4 mm
 * fill every slice of a 2.2 mm grid between them, not every other one (which halved an organ's volume); and on a grid
 * coarser than the contours, a slice takes its nearest plane's contours rather than the even–odd union of several
 * planes' (whose overlap would read as a hole). The spacing is the smallest gap between two planes of contours of
 * any ROI; a structure set with one plane per ROI has none, and its planes fill their nearest slice only.
 */
public final class RtStruct {
    private static final int SOP_CLASS = Tag.SOP_CLASS_UID;
    /** Contour points may stray this far (in slices) from their plane before the plane is oblique. */
    private static final double PLANE_TOLERANCE = 0.25;

    /** One closed polygon, its points x, y, z in mm (LPS), three per point. */
    public record Contour(double[] points) {
        public int size() {
            return points.length / 3;
        }
    }

    /** One ROI: number, name and contours (CLOSED_PLANAR only; points and open curves are skipped). */
    public record Roi(int number, String name, List<Contour> contours) {}

    private final String source;
    private final Optional<String> frameOfReference;
    private final List<Roi> rois;

    private RtStruct(String source, Optional<String> frameOfReference, List<Roi> rois) {
        this.source = source;
        this.frameOfReference = frameOfReference;
        this.rois = List.copyOf(rois);
    }

    public static RtStruct read(Path file) throws IOException {
        return of(DicomFile.read(file));
    }

    public static RtStruct of(DicomFile file) {
        Attributes ds = file.dataset();
        String src = file.source();
        if (!SopClass.RT_STRUCTURE_SET_STORAGE.equals(ds.string(SOP_CLASS).orElse(""))) {
            throw new IllegalArgumentException(src + " is not an RT Structure Set (SOP Class "
                    + ds.string(SOP_CLASS).orElse("?") + "); pass the RTSTRUCT file");
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        Optional<String> frame = Optional.empty();
        for (Attributes roi : ds.sequence(Tag.STRUCTURE_SET_ROI_SEQUENCE)) {
            int n = roi.integer(Tag.ROI_NUMBER, -1);
            names.put(n, roi.string(Tag.ROI_NAME).orElse("ROI " + n));
            if (frame.isEmpty()) {
                frame = roi.string(Tag.REFERENCED_FRAME_OF_REFERENCE_UID);
            }
        }
        Map<Integer, List<Contour>> contours = new TreeMap<>();
        for (Attributes rc : ds.sequence(Tag.ROI_CONTOUR_SEQUENCE)) {
            int n = rc.integer(Tag.REFERENCED_ROI_NUMBER, -1);
            List<Contour> list = contours.computeIfAbsent(n, k -> new ArrayList<>());
            for (Attributes c : rc.sequence(Tag.CONTOUR_SEQUENCE)) {
                if (!"CLOSED_PLANAR".equals(c.string(Tag.CONTOUR_GEOMETRIC_TYPE).orElse(""))) {
                    continue;
                }
                double[] p = c.doubles(Tag.CONTOUR_DATA);
                if (p.length >= 9 && p.length % 3 == 0) {
                    list.add(new Contour(p));
                }
            }
        }
        List<Roi> rois = new ArrayList<>();
        for (var e : names.entrySet()) {
            rois.add(new Roi(e.getKey(), e.getValue(), contours.getOrDefault(e.getKey(), List.of())));
        }
        return new RtStruct(src, frame, rois);
    }

    public List<Roi> rois() {
        return rois;
    }

    public String source() {
        return source;
    }

    /** The Frame of Reference UID the ROIs are drawn in, if stated. */
    public Optional<String> frameOfReference() {
        return frameOfReference;
    }

    /** The ROI called {@code name}. */
    public Roi roi(String name) {
        return rois.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ROI called '" + name + "' in " + source
                        + "; it has " + rois.stream().map(Roi::name).toList()));
    }

    /** Every ROI with contours, rasterised onto {@code grid}. */
    public List<Mask> rasterise(Geometry grid) {
        // the contour spacing once for every ROI: it reads every contour of the structure set
        double half = slabHalfThickness(grid);
        return rois.stream()
                .filter(r -> !r.contours().isEmpty())
                .map(r -> rasterise(r, grid, half))
                .toList();
    }

    /** One ROI rasterised onto {@code grid}; contours outside it are a {@link VoiOutsideImageException}. */
    public Mask rasterise(Roi roi, Geometry grid) {
        return rasterise(roi, grid, slabHalfThickness(grid));
    }

    /** Half a plane's slab in slices of {@code grid}: half the contour spacing, at least half a slice. */
    private double slabHalfThickness(Geometry grid) {
        return Math.max(0.5, contourSpacing(grid).orElse(1.0) / 2);
    }

    private Mask rasterise(Roi roi, Geometry grid, double half) {
        int nx = grid.nx();
        int ny = grid.ny();
        // the ROI's planes by their slice index (contours of one plane, e.g. an outline and its hole, share it)
        TreeMap<Double, List<double[]>> byPlane = new TreeMap<>();
        double[] idx = new double[3];
        for (Contour c : roi.contours()) {
            int n = c.size();
            double[] ij = new double[2 * n];
            double kMin = Double.POSITIVE_INFINITY;
            double kMax = Double.NEGATIVE_INFINITY;
            double kSum = 0;
            for (int p = 0; p < n; p++) {
                grid.worldToIndex(c.points()[3 * p], c.points()[3 * p + 1], c.points()[3 * p + 2], idx);
                ij[2 * p] = idx[0];
                ij[2 * p + 1] = idx[1];
                kMin = Math.min(kMin, idx[2]);
                kMax = Math.max(kMax, idx[2]);
                kSum += idx[2];
                if (idx[0] < -0.5 || idx[1] < -0.5 || idx[0] > nx - 0.5 || idx[1] > ny - 0.5) {
                    throw new VoiOutsideImageException(
                            roi.name(),
                            source,
                            String.format(
                                    Locale.ROOT,
                                    "has a contour point (%.2f, %.2f, %.2f) mm outside the image plane of %s",
                                    c.points()[3 * p],
                                    c.points()[3 * p + 1],
                                    c.points()[3 * p + 2],
                                    grid));
                }
            }
            if (kMax - kMin > 2 * PLANE_TOLERANCE) {
                throw new VoiOutsideImageException(
                        roi.name(),
                        source,
                        String.format(
                                Locale.ROOT,
                                "has a contour spanning slices %.2f–%.2f: it is not in the image's slice planes"
                                        + " (oblique structure set?)",
                                kMin,
                                kMax));
            }
            double k = kSum / n;
            int slice = (int) Math.round(k);
            if (slice < 0 || slice >= grid.nz()) {
                throw new VoiOutsideImageException(
                        roi.name(),
                        source,
                        String.format(
                                Locale.ROOT,
                                "has a contour at slice index %.2f (z %.2f mm), outside the image's %d slices (%s)",
                                k,
                                c.points()[2],
                                grid.nz(),
                                grid));
            }
            Double plane = samePlane(byPlane, k);
            byPlane.computeIfAbsent(plane != null ? plane : k, key -> new ArrayList<>())
                    .add(ij);
        }
        // a plane fills the slices whose centres lie in [k − half, k + half): its slab, half-open like a polygon's
        // edges, so planes a spacing apart tile without overlap and a plane on its own slice (half = 0.5) fills that
        // slice as Math.round(k) would; on a grid coarser than the contours, the slice's nearest plane
        BitSet bits = new BitSet(grid.voxelCount());
        for (int slice = 0; slice < grid.nz() && !byPlane.isEmpty(); slice++) {
            List<double[]> nearest = null;
            double distance = Double.POSITIVE_INFINITY;
            for (var e : byPlane.subMap(slice - half, true, slice + half, false).entrySet()) {
                if (Math.abs(e.getKey() - slice) <= distance) {
                    distance = Math.abs(e.getKey() - slice);
                    nearest = e.getValue();
                }
            }
            if (nearest != null) {
                fillSlice(nearest, nx, ny, slice * nx * ny, bits);
            }
        }
        return Mask.of(roi.name(), grid, bits);
    }

    /** Contours whose mean slice indices differ by less than this are on one plane. */
    private static final double SAME_PLANE = 0.02;

    private static Double samePlane(TreeMap<Double, ?> planes, double k) {
        Double below = planes.floorKey(k), above = planes.ceilingKey(k);
        if (below != null && k - below < SAME_PLANE) {
            return below;
        }
        return above != null && above - k < SAME_PLANE ? above : null;
    }

    /**
     * The structure set's contour spacing in slices of {@code grid}: the smallest gap between two planes of contours
     * of one ROI, over every ROI (the slices they were drawn on); empty where no ROI has two planes.
     */
    private Optional<Double> contourSpacing(Geometry grid) {
        double[] idx = new double[3];
        double smallest = Double.POSITIVE_INFINITY;
        for (Roi r : rois) {
            java.util.TreeSet<Double> planes = new java.util.TreeSet<>();
            for (Contour c : r.contours()) {
                double kSum = 0;
                for (int p = 0; p < c.size(); p++) {
                    grid.worldToIndex(c.points()[3 * p], c.points()[3 * p + 1], c.points()[3 * p + 2], idx);
                    kSum += idx[2];
                }
                planes.add(kSum / c.size());
            }
            Double previous = null;
            for (double k : planes) {
                if (previous != null && k - previous >= SAME_PLANE) {
                    smallest = Math.min(smallest, k - previous);
                }
                previous = k;
            }
        }
        return smallest == Double.POSITIVE_INFINITY ? Optional.empty() : Optional.of(smallest);
    }

    /** Even–odd scanline fill of one slice's polygons at voxel centres (integer i, j). */
    static void fillSlice(List<double[]> polygons, int nx, int ny, int offset, BitSet bits) {
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (double[] poly : polygons) {
            for (int p = 1; p < poly.length; p += 2) {
                yMin = Math.min(yMin, poly[p]);
                yMax = Math.max(yMax, poly[p]);
            }
        }
        int j0 = Math.max(0, (int) Math.ceil(yMin));
        int j1 = Math.min(ny - 1, (int) Math.floor(yMax));
        double[] xs = new double[16];
        for (int j = j0; j <= j1; j++) {
            int count = 0;
            for (double[] poly : polygons) {
                int n = poly.length / 2;
                for (int a = 0, b = n - 1; a < n; b = a++) {
                    double ya = poly[2 * a + 1];
                    double yb = poly[2 * b + 1];
                    if ((ya <= j && j < yb) || (yb <= j && j < ya)) {
                        double xa = poly[2 * a];
                        double xb = poly[2 * b];
                        if (count == xs.length) {
                            xs = Arrays.copyOf(xs, count * 2);
                        }
                        xs[count++] = xa + (j - ya) * (xb - xa) / (yb - ya);
                    }
                }
            }
            Arrays.sort(xs, 0, count);
            for (int c = 0; c + 1 < count; c += 2) {
                int from = Math.max(0, (int) Math.ceil(xs[c]));
                int to = Math.min(nx, (int) Math.ceil(xs[c + 1])); // exclusive: x0 ≤ i < x1
                for (int i = from; i < to; i++) {
                    bits.flip(offset + j * nx + i);
                }
            }
        }
    }
}
