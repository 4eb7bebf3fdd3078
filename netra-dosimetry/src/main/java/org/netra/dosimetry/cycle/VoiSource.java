package org.netra.dosimetry.cycle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.io.DicomSeg;
import org.netra.imaging.io.LabelNames;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.io.VoiOutsideImageException;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.Mask;

/** Where a cycle's VOIs come from; each is read onto the reference time point's grid. */
public sealed interface VoiSource {
    /** The VOIs on {@code grid} ({@code image} names the grid's image); a VOI with no voxel there is an error. */
    List<Mask> read(Geometry grid, String image) throws IOException;

    /** The VOIs' names, without a grid (what an upload offers to choose from). */
    List<String> names() throws IOException;

    /**
     * The VOI file as a user gives it, whatever it is: an RT Structure Set, a DICOM Segmentation, or a NIfTI label
     * map (.nii, .nii.gz) with its label-name sidecar. Anything else is refused naming the file.
     */
    static VoiSource of(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
            return LabelFile.withSidecar(file);
        }
        String sopClass;
        try {
            sopClass = DicomFile.read(file, DicomFile.Extent.HEADER)
                    .dataset()
                    .string(Tag.SOP_CLASS_UID)
                    .orElse("");
        } catch (IOException | RuntimeException e) {
            throw new CycleInputException("the VOI file " + file + " is neither DICOM nor NIfTI (" + e.getMessage()
                    + "): give an RTSTRUCT, a DICOM SEG or a .nii/.nii.gz label map with its names");
        }
        return switch (sopClass) {
            case SopClass.RT_STRUCTURE_SET_STORAGE -> new RtStructFile(file);
            case SopClass.SEGMENTATION_STORAGE -> new SegFile(file);
            default ->
                throw new CycleInputException("the VOI file " + file + " is DICOM of SOP Class '" + sopClass
                        + "', not an RT Structure Set or a Segmentation: give an RTSTRUCT, a DICOM SEG or a NIfTI"
                        + " label map");
        };
    }

    /** An RT Structure Set, rasterised on the grid. */
    record RtStructFile(Path file) implements VoiSource {
        public RtStructFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public List<Mask> read(Geometry grid, String image) throws IOException {
            List<Mask> out = new ArrayList<>();
            for (Mask m : RtStruct.read(file).rasterise(grid)) {
                out.add(inside(m, file, image));
            }
            return out;
        }

        @Override
        public List<String> names() throws IOException {
            return RtStruct.read(file).rois().stream()
                    .filter(r -> !r.contours().isEmpty())
                    .map(RtStruct.Roi::name)
                    .toList();
        }
    }

    /**
     * A NIfTI label map (.nii, .nii.gz) with its label-name sidecar ({@link LabelNames}): each named label a VOI. The
     * map must lie on the grid of the image (the same dimensions, spacing, origin and axes, to NIfTI's float
     * precision); one on another grid is refused naming both, since resampling a label map silently changes the
     * VOIs' volumes.
     */
    record LabelFile(Path file, Path sidecar) implements VoiSource {
        public LabelFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sidecar, "label names of " + file);
        }

        /** The label map with the sidecar next to it, or a typed error saying which files were looked for. */
        public static LabelFile withSidecar(Path file) {
            return new LabelFile(
                    file,
                    LabelNames.sidecarOf(file)
                            .orElseThrow(() -> new CycleInputException("the label map " + file
                                    + " has no label-name sidecar: put its names next to it as "
                                    + baseName(file) + ".json ({\"1\": \"kidney left\", …}), .tsv or .txt"
                                    + " (NUMBER NAME a line; 3D Slicer and ITK-SNAP label files work)")));
        }

        @Override
        public List<Mask> read(Geometry grid, String image) throws IOException {
            LabelMap map = Nifti.readLabels(file);
            if (!sameGrid(map.geometry(), grid)) {
                throw new CycleInputException("the label map " + file + " is on the grid " + map.geometry()
                        + ", axes " + axes(map.geometry()) + ", but " + image + " is on " + grid + ", axes "
                        + axes(grid) + ": export the labels on the SPECT's grid (or resample them onto it by"
                        + " nearest neighbour first)");
            }
            Map<Integer, String> named = LabelNames.read(sidecar);
            List<Integer> unnamed = map.names().keySet().stream()
                    .filter(l -> !named.containsKey(l))
                    .toList();
            if (!unnamed.isEmpty()) {
                throw new CycleInputException("labels " + unnamed + " of " + file + " have no name in " + sidecar
                        + ": name every label, so its role can be given");
            }
            List<Mask> out = new ArrayList<>();
            for (int label : map.names().keySet()) {
                out.add(inside(Mask.of(named.get(label), grid, map.mask(label).bits()), file, image));
            }
            return out;
        }

        @Override
        public List<String> names() throws IOException {
            return List.copyOf(LabelNames.read(sidecar).values());
        }
    }

    /** A binary DICOM Segmentation made on the image's grid: each segment a VOI named by its Segment Label. */
    record SegFile(Path file) implements VoiSource {
        public SegFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public List<Mask> read(Geometry grid, String image) throws IOException {
            List<Mask> out = new ArrayList<>();
            for (Mask m : DicomSeg.read(file, grid)) {
                out.add(inside(m, file, image));
            }
            return out;
        }

        @Override
        public List<String> names() throws IOException {
            return DicomSeg.segmentLabels(DicomFile.read(file, DicomFile.Extent.HEADER));
        }
    }

    /** VOIs made in memory on the reference grid (the demo's digital twins). */
    record Masks(List<Mask> masks) implements VoiSource {
        public Masks {
            masks = List.copyOf(masks);
        }

        @Override
        public List<Mask> read(Geometry grid, String image) {
            for (Mask m : masks) {
                if (!m.geometry().equals(grid)) {
                    throw new CycleInputException("VOI '" + m.name() + "' is not on the grid of " + image);
                }
            }
            return masks;
        }

        @Override
        public List<String> names() {
            return masks.stream().map(Mask::name).toList();
        }
    }

    /** The base name of a label map, for messages: kidneys.nii.gz → kidneys. */
    private static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.nii(\\.gz)?$", "");
    }

    /**
     * The same grid to a NIfTI header's float precision: equal dimensions, spacing within 1e-4 of itself, origin within
     * a 20th of a voxel, axes within 1e-4.
     */
    static boolean sameGrid(Geometry a, Geometry b) {
        if (!a.sameDimensions(b)) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            double s = b.spacing(i);
            if (Math.abs(a.spacing(i) - s) > 1e-4 * s || Math.abs(a.origin(i) - b.origin(i)) > 0.05 * s) {
                return false;
            }
            for (int j = 0; j < 3; j++) {
                if (Math.abs(a.direction(i, j) - b.direction(i, j)) > 1e-4) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String axes(Geometry g) {
        return String.format(
                java.util.Locale.ROOT,
                "[%.3f %.3f %.3f; %.3f %.3f %.3f; %.3f %.3f %.3f]",
                g.direction(0, 0),
                g.direction(1, 0),
                g.direction(2, 0),
                g.direction(0, 1),
                g.direction(1, 1),
                g.direction(2, 1),
                g.direction(0, 2),
                g.direction(1, 2),
                g.direction(2, 2));
    }

    private static Mask inside(Mask m, Path file, String image) {
        if (m.isEmpty()) {
            throw new VoiOutsideImageException(m.name(), file.toString(), "has no voxel inside " + image);
        }
        return m;
    }
}
