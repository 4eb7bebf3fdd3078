package org.netra.imaging.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.PixelData;
import org.netra.imaging.dicom.Pixels;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * A binary DICOM Segmentation (PS3.3 A.51) read onto the grid of the image it segments: segments
 * named by Segment Label (0062,0005); each frame's segment from its Segment Identification Sequence and
 * its slice from its Plane Position (both in the per-frame functional groups). Frames must lie on the
 * grid's slices (as segmentations made on that series do); anything else is a typed error.
 */
public final class DicomSeg {
    /** How far (in voxels) a frame may sit from the grid's slice and column/row lattice. */
    private static final double ON_GRID = 0.25;

    private DicomSeg() {}

    /** The segments' labels in Segment Sequence order, from the header alone. */
    public static List<String> segmentLabels(DicomFile file) {
        return List.copyOf(names(file.dataset()).values());
    }

    private static Map<Integer, String> names(Attributes ds) {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (Attributes s : ds.sequence(Tag.SEGMENT_SEQUENCE)) {
            int n = s.integer(Tag.SEGMENT_NUMBER, -1);
            names.put(n, s.string(Tag.SEGMENT_LABEL).orElse("segment " + n));
        }
        return names;
    }

    public static List<Mask> read(Path file, Geometry grid) throws IOException {
        return read(DicomFile.read(file), grid);
    }

    public static List<Mask> read(DicomFile file, Geometry grid) throws IOException {
        Attributes ds = file.dataset();
        String src = file.source();
        if (!SopClass.SEGMENTATION_STORAGE.equals(ds.string(Tag.SOP_CLASS_UID).orElse(""))) {
            throw new IllegalArgumentException(src + " is not a DICOM Segmentation (SOP Class "
                    + ds.string(Tag.SOP_CLASS_UID).orElse("?") + ")");
        }
        if (!"BINARY".equals(ds.string(Tag.SEGMENTATION_TYPE).orElse("BINARY"))) {
            throw new IllegalArgumentException(src + ": Segmentation Type "
                    + ds.string(Tag.SEGMENTATION_TYPE).orElse("")
                    + " is not BINARY; threshold the fractional segmentation first");
        }
        Map<Integer, String> names = names(ds);
        Pixels pixels = PixelData.decode(file);
        if (pixels.columns() != grid.nx() || pixels.rows() != grid.ny()) {
            throw new IllegalArgumentException(src + ": frames are " + pixels.columns() + "×" + pixels.rows()
                    + " but the image is " + grid.nx() + "×" + grid.ny() + "; the segmentation belongs to another"
                    + " series");
        }
        List<Attributes> perFrame = ds.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        if (perFrame.size() != pixels.frames()) {
            throw new IllegalArgumentException(src + ": " + pixels.frames() + " frames but " + perFrame.size()
                    + " per-frame functional group items");
        }
        Map<Integer, BitSet> bits = new LinkedHashMap<>();
        names.keySet().forEach(n -> bits.put(n, new BitSet(grid.voxelCount())));
        int plane = grid.nx() * grid.ny();
        int[] values = pixels.values();
        double[] idx = new double[3];
        for (int f = 0; f < perFrame.size(); f++) {
            Attributes item = perFrame.get(f);
            int segment = item.sequence(Tag.SEGMENT_IDENTIFICATION_SEQUENCE).stream()
                    .findFirst()
                    .map(a -> a.integer(Tag.REFERENCED_SEGMENT_NUMBER, -1))
                    .orElse(-1);
            String name = names.get(segment);
            if (name == null) {
                throw new IllegalArgumentException(src + ": frame " + (f + 1) + " names segment " + segment
                        + ", which the Segment Sequence does not define");
            }
            double[] position = item.sequence(Tag.PLANE_POSITION_SEQUENCE).stream()
                    .findFirst()
                    .map(a -> a.doubles(Tag.IMAGE_POSITION_PATIENT))
                    .orElse(new double[0]);
            if (position.length != 3) {
                throw new IllegalArgumentException(
                        src + ": frame " + (f + 1) + " has no Plane Position (0020,9113): its slice is unknown");
            }
            grid.worldToIndex(position[0], position[1], position[2], idx);
            int k = (int) Math.round(idx[2]);
            if (Math.abs(idx[0]) > ON_GRID || Math.abs(idx[1]) > ON_GRID || Math.abs(idx[2] - k) > ON_GRID) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "%s: frame %d of segment '%s' lies at index (%.2f, %.2f, %.2f), off the image grid;"
                                + " resample the segmentation onto the image first",
                        src,
                        f + 1,
                        name,
                        idx[0],
                        idx[1],
                        idx[2]));
            }
            boolean any = false;
            for (int v = 0; v < plane && !any; v++) {
                any = values[f * plane + v] != 0;
            }
            if (k < 0 || k >= grid.nz()) {
                if (any) {
                    throw new VoiOutsideImageException(
                            name,
                            src,
                            "has a frame at slice index " + k + ", outside the image's " + grid.nz() + " slices");
                }
                continue;
            }
            BitSet b = bits.get(segment);
            for (int v = 0; v < plane; v++) {
                if (values[f * plane + v] != 0) {
                    b.set(k * plane + v);
                }
            }
        }
        List<Mask> masks = new ArrayList<>();
        for (var e : names.entrySet()) {
            masks.add(Mask.of(e.getValue(), grid, bits.get(e.getKey())));
        }
        return masks;
    }
}
