package org.netra.imaging.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomDir;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomParseException;
import org.netra.imaging.dicom.NotDicomException;
import org.netra.imaging.dicom.PixelData;
import org.netra.imaging.dicom.Pixels;
import org.netra.imaging.dicom.RescalableFrames;
import org.netra.imaging.dicom.Tag;

/**
 * Makes a DICOM image series into a {@link ImageVolume}: single-frame slices (PET, CT, SPECT stored as PET)
 * sorted along the slice normal from Image Position/Orientation (Patient); NM tomographic multi-frame
 * (Slice Vector, Detector Information Sequence); enhanced multi-frame (per-frame functional groups);
 * and NM planar or whole-body acquisitions (each frame a 2-D view). Each slice or frame gets its own
 * Rescale Slope/Intercept. Several series in one folder, duplicate positions, mixed sizes or
 * orientations are errors; gaps (filled with zeros) and uneven spacing are warnings in the result.
 */
public final class SeriesAssembler {
    /** Relative tolerance on slice steps: DS values carry about 6 significant digits. */
    static final double STEP_TOLERANCE = 0.01;
    /** Tolerance on direction cosines between slices. */
    static final double ORIENTATION_TOLERANCE = 1e-4;

    private SeriesAssembler() {}

    /** Assembles the one image series in a file or folder (searched recursively). */
    public static AssembledSeries assemble(Path path) throws IOException {
        return assemble(path, Optional.empty());
    }

    /**
     * Assembles one series from a file or folder: the one with {@code seriesInstanceUid}, or, when that
     * is empty, the only image series there (several are a {@link MultipleSeriesException}).
     */
    public static AssembledSeries assemble(Path path, Optional<String> seriesInstanceUid) throws IOException {
        if (!Files.exists(path)) {
            throw new SeriesAssemblyException(path.toString(), "no such file or folder");
        }
        List<Path> paths;
        if (Files.isRegularFile(path) && isDicomDirName(path)) {
            // a patient CD's index: the series are the files its records name
            paths = DicomDir.read(path).files().stream()
                    .filter(Files::isRegularFile)
                    .toList();
        } else {
            try (Stream<Path> walk = Files.walk(path)) {
                paths = walk.filter(Files::isRegularFile)
                        .filter(p -> !isDicomDirName(p))
                        .sorted()
                        .toList();
            }
        }
        List<Read> read;
        try {
            read = paths.parallelStream().map(SeriesAssembler::read).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<String, List<Read>> bySeries = new LinkedHashMap<>();
        List<AssemblyWarning> warnings = new ArrayList<>();
        List<Read> skipped = new ArrayList<>();
        for (Read r : read) {
            if (r.file() == null
                    || !(r.file().dataset().contains(Tag.PIXEL_DATA)
                            || PixelData.isReal(r.file().dataset()))) {
                skipped.add(r);
                continue;
            }
            String uid = r.file().dataset().string(Tag.SERIES_INSTANCE_UID).orElse("(no Series Instance UID)");
            bySeries.computeIfAbsent(uid, k -> new ArrayList<>()).add(r);
        }
        if (!skipped.isEmpty()) {
            warnings.add(new AssemblyWarning.FilesSkipped(
                    skipped.size(),
                    skipped.get(0).path().toString(),
                    "not DICOM images (no pixel data, or not DICOM)"));
        }
        if (bySeries.isEmpty()) {
            throw new SeriesAssemblyException(
                    path.toString(), "holds no DICOM image (files without pixel data or not DICOM only)");
        }
        String chosen;
        if (seriesInstanceUid.isPresent()) {
            chosen = seriesInstanceUid.get();
            if (!bySeries.containsKey(chosen)) {
                throw new SeriesAssemblyException(
                        path.toString(), "has no image series with UID " + chosen + "; it holds " + bySeries.keySet());
            }
        } else if (bySeries.size() > 1) {
            throw new MultipleSeriesException(
                    path.toString(),
                    bySeries.entrySet().stream()
                            .map(e -> {
                                Attributes ds = e.getValue().get(0).file().dataset();
                                return new MultipleSeriesException.Candidate(
                                        e.getKey(),
                                        ds.string(Tag.MODALITY).orElse("?"),
                                        ds.string(Tag.SERIES_DESCRIPTION).orElse(""),
                                        e.getValue().size());
                            })
                            .toList());
        } else {
            chosen = bySeries.keySet().iterator().next();
        }
        for (var e : bySeries.entrySet()) {
            if (!e.getKey().equals(chosen)) {
                warnings.add(new AssemblyWarning.OtherSeriesIgnored(
                        e.getKey(),
                        e.getValue()
                                .get(0)
                                .file()
                                .dataset()
                                .string(Tag.MODALITY)
                                .orElse("?"),
                        e.getValue().size()));
            }
        }
        return assembleFiles(bySeries.get(chosen).stream().map(Read::file).toList(), chosen, warnings);
    }

    /** Assembles files already read (with pixel data) that form one series. */
    public static AssembledSeries assemble(List<DicomFile> files) throws IOException {
        if (files.isEmpty()) {
            throw new SeriesAssemblyException("(no files)", "a series needs at least one file");
        }
        String uid = files.get(0).dataset().string(Tag.SERIES_INSTANCE_UID).orElse("");
        for (DicomFile f : files) {
            String other = f.dataset().string(Tag.SERIES_INSTANCE_UID).orElse("");
            if (!other.equals(uid)) {
                throw new SeriesAssemblyException(
                        f.source(), "belongs to series " + other + ", not " + uid + "; pass one series at a time");
            }
        }
        return assembleFiles(files, uid, new ArrayList<>());
    }

    private static boolean isDicomDirName(Path p) {
        return p.getFileName() != null && p.getFileName().toString().equalsIgnoreCase("DICOMDIR");
    }

    private record Read(Path path, DicomFile file) {}

    private static Read read(Path p) {
        try {
            return new Read(p, DicomFile.read(p));
        } catch (NotDicomException e) {
            return new Read(p, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One 2-D plane of stored values and where it sits. */
    private record Plane(
            DicomFile file,
            int frame,
            double[] position,
            double[] orientation,
            double[] pixelSpacing,
            double slope,
            double intercept,
            int rows,
            int columns) {}

    private static AssembledSeries assembleFiles(List<DicomFile> files, String uid, List<AssemblyWarning> warnings)
            throws IOException {
        DicomFile first = files.get(0);
        Attributes header = first.dataset();
        String modality = header.string(Tag.MODALITY).orElse("");
        String units = header.string(Tag.UNITS).orElse(modality.equals("CT") ? "HU" : "");
        VoxelUnit unit = modality.equals("RTDOSE")
                        && header.string(Tag.DOSE_UNITS).orElse("").equals("GY")
                ? VoxelUnit.GY
                : unitOf(units, modality);
        Optional<LocalDateTime> acquisition = files.stream()
                .map(f -> f.dataset().dateTime(Tag.ACQUISITION_DATE_TIME).or(() -> f.dataset()
                        .dateTime(Tag.ACQUISITION_DATE, Tag.ACQUISITION_TIME)))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        List<Path> paths = files.stream().map(f -> Path.of(f.source())).toList();
        boolean enhanced = header.contains(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        int frames = Math.max(1, header.integer(Tag.NUMBER_OF_FRAMES, 1));
        if (files.size() == 1 && modality.equals("NM") && !enhanced && !isTomographic(header, frames)) {
            List<PlanarView> views = planar(first, unit);
            return new AssembledSeries(
                    AssembledSeries.Kind.PLANAR,
                    views.get(0).image(),
                    views,
                    header,
                    uid,
                    modality,
                    units,
                    acquisition,
                    paths,
                    warnings);
        }
        List<Plane> planes = new ArrayList<>();
        AssembledSeries.Kind kind;
        if (files.size() == 1 && enhanced) {
            kind = AssembledSeries.Kind.ENHANCED_MULTI_FRAME;
            planes.addAll(enhancedPlanes(first, frames));
        } else if (files.size() == 1 && frames > 1) {
            kind = AssembledSeries.Kind.NM_TOMOGRAPHIC;
            planes.addAll(tomographicPlanes(first, frames, warnings));
        } else {
            kind = AssembledSeries.Kind.SINGLE_FRAME_SLICES;
            for (DicomFile f : files) {
                int n = Math.max(1, f.dataset().integer(Tag.NUMBER_OF_FRAMES, 1));
                if (n > 1) {
                    throw new SeriesAssemblyException(
                            f.source(),
                            "is a multi-frame file (" + n + " frames) among " + files.size()
                                    + " files of one series; netra assembles either one multi-frame file or"
                                    + " single-frame slices: put the file in its own folder");
                }
                planes.add(singlePlane(f));
            }
            if (planes.stream().anyMatch(p -> p.position() == null || p.orientation() == null)) {
                planes = withoutPositions(planes, warnings);
            }
        }
        return stack(planes, kind, header, uid, modality, units, unit, acquisition, paths, warnings);
    }

    static VoxelUnit unitOf(String units, String modality) {
        return switch (units) {
            case "BQML" -> VoxelUnit.BQ_PER_ML;
            case "CNTS", "COUNTS" -> VoxelUnit.COUNTS;
            case "HU" -> VoxelUnit.HU;
            default ->
                modality.equals("CT")
                        ? VoxelUnit.HU
                        : modality.equals("NM") ? VoxelUnit.COUNTS : VoxelUnit.DIMENSIONLESS;
        };
    }

    private static boolean isTomographic(Attributes ds, int frames) {
        List<String> type = ds.strings(Tag.IMAGE_TYPE);
        boolean tomoType =
                type.size() > 2 && (type.get(2).contains("TOMO") || type.get(2).contains("RECON"));
        return tomoType || (ds.contains(Tag.SLICE_VECTOR) && ds.integer(Tag.NUMBER_OF_SLICES, 1) > 1 && frames > 1);
    }

    /** Rescale Slope and Intercept; an RT Dose scales by Dose Grid Scaling (PS3.3 C.8.8.3) instead. */
    private static double[] rescale(Attributes ds) {
        return new double[] {
            ds.decimal(Tag.RESCALE_SLOPE)
                    .orElse(ds.decimal(Tag.DOSE_GRID_SCALING).orElse(1)),
            ds.decimal(Tag.RESCALE_INTERCEPT).orElse(0)
        };
    }

    private static double[] orNull(double[] v, int n) {
        return v.length == n ? v : null;
    }

    private static Plane singlePlane(DicomFile f) {
        Attributes ds = f.dataset();
        double[] r = rescale(ds);
        return new Plane(
                f,
                0,
                orNull(ds.doubles(Tag.IMAGE_POSITION_PATIENT), 3),
                orNull(ds.doubles(Tag.IMAGE_ORIENTATION_PATIENT), 6),
                orNull(ds.doubles(Tag.PIXEL_SPACING), 2),
                r[0],
                r[1],
                ds.integer(Tag.ROWS, 0),
                ds.integer(Tag.COLUMNS, 0));
    }

    /** Slices without positions: stacked in Instance Number order at Spacing Between Slices. */
    private static List<Plane> withoutPositions(List<Plane> planes, List<AssemblyWarning> warnings)
            throws SeriesAssemblyException {
        Attributes ds = planes.get(0).file().dataset();
        double step = sliceStep(ds, planes.size());
        List<Plane> sorted = new ArrayList<>(planes);
        sorted.sort(Comparator.comparingInt(p -> p.file().dataset().integer(Tag.INSTANCE_NUMBER, 0)));
        warnings.add(new AssemblyWarning.NoPatientPosition(
                "Image Position/Orientation (Patient) missing; slices in Instance Number order"));
        List<Plane> out = new ArrayList<>();
        for (int k = 0; k < sorted.size(); k++) {
            Plane p = sorted.get(k);
            out.add(new Plane(
                    p.file(),
                    0,
                    new double[] {0, 0, k * step},
                    new double[] {1, 0, 0, 0, 1, 0},
                    p.pixelSpacing(),
                    p.slope(),
                    p.intercept(),
                    p.rows(),
                    p.columns()));
        }
        return out;
    }

    private static double sliceStep(Attributes ds, int slices) throws SeriesAssemblyException {
        var step = ds.decimal(Tag.SPACING_BETWEEN_SLICES);
        if (step.isEmpty() || !(step.getAsDouble() > 0)) {
            step = ds.decimal(Tag.SLICE_THICKNESS);
        }
        if (slices > 1 && (step.isEmpty() || !(step.getAsDouble() > 0))) {
            throw new SeriesAssemblyException(
                    ds.source(),
                    "has no slice positions and neither Spacing Between Slices (0018,0088) nor Slice Thickness"
                            + " (0018,0050): the slice spacing is unknown; re-export the series with positions");
        }
        return step.isPresent() ? Math.abs(step.getAsDouble()) : 1;
    }

    /** NM reconstructed tomography: frame f is slice SliceVector[f] along the normal from the first position. */
    private static List<Plane> tomographicPlanes(DicomFile f, int frames, List<AssemblyWarning> warnings)
            throws SeriesAssemblyException {
        Attributes ds = f.dataset();
        Attributes detector = ds.sequence(Tag.DETECTOR_INFORMATION_SEQUENCE).stream()
                .findFirst()
                .orElse(ds);
        double[] position = orNull(detector.doubles(Tag.IMAGE_POSITION_PATIENT), 3);
        double[] orientation = orNull(detector.doubles(Tag.IMAGE_ORIENTATION_PATIENT), 6);
        if (position == null) {
            position = orNull(ds.doubles(Tag.IMAGE_POSITION_PATIENT), 3);
        }
        if (orientation == null) {
            orientation = orNull(ds.doubles(Tag.IMAGE_ORIENTATION_PATIENT), 6);
        }
        if (position == null || orientation == null) {
            warnings.add(new AssemblyWarning.NoPatientPosition(
                    "no Image Position/Orientation (Patient) in the Detector Information Sequence"));
            position = position == null ? new double[3] : position;
            orientation = orientation == null ? new double[] {1, 0, 0, 0, 1, 0} : orientation;
        }
        double[] gridOffsets = ds.doubles(Tag.GRID_FRAME_OFFSET_VECTOR);
        // an RT Dose places frame f at Grid Frame Offset Vector[f] along the normal (PS3.3 C.8.8.3.2); the
        // vector is relative when it starts at 0 and otherwise absolute, so offsets from its first serve both
        boolean byGrid = gridOffsets.length == frames && frames > 1;
        double step = byGrid ? 1 : sliceStep(ds, frames);
        int[] sliceVector = ds.ints(Tag.SLICE_VECTOR);
        double[] n = normal(orientation);
        double[] r = rescale(ds);
        double[] spacing = orNull(ds.doubles(Tag.PIXEL_SPACING), 2);
        List<Plane> planes = new ArrayList<>();
        for (int frame = 0; frame < frames; frame++) {
            int slice = sliceVector.length == frames ? sliceVector[frame] - 1 : frame;
            double along = byGrid ? gridOffsets[frame] - gridOffsets[0] : slice * step;
            double[] p = new double[3];
            for (int a = 0; a < 3; a++) {
                p[a] = position[a] + along * n[a];
            }
            planes.add(new Plane(
                    f,
                    frame,
                    p,
                    orientation,
                    spacing,
                    r[0],
                    r[1],
                    ds.integer(Tag.ROWS, 0),
                    ds.integer(Tag.COLUMNS, 0)));
        }
        return planes;
    }

    /** Enhanced multi-frame: each frame's plane from its functional groups, falling back to the shared ones. */
    private static List<Plane> enhancedPlanes(DicomFile f, int frames) throws SeriesAssemblyException {
        Attributes ds = f.dataset();
        List<Attributes> perFrame = ds.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        Attributes shared = ds.sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE).stream()
                .findFirst()
                .orElse(null);
        if (perFrame.size() != frames) {
            throw new SeriesAssemblyException(
                    f.source(),
                    "has " + frames + " frames but " + perFrame.size()
                            + " items in the Per-frame Functional Groups Sequence (5200,9230)");
        }
        List<Plane> planes = new ArrayList<>();
        for (int frame = 0; frame < frames; frame++) {
            Attributes item = perFrame.get(frame);
            double[] position = group(item, shared, Tag.PLANE_POSITION_SEQUENCE, Tag.IMAGE_POSITION_PATIENT, 3);
            double[] orientation =
                    group(item, shared, Tag.PLANE_ORIENTATION_SEQUENCE, Tag.IMAGE_ORIENTATION_PATIENT, 6);
            double[] spacing = group(item, shared, Tag.PIXEL_MEASURES_SEQUENCE, Tag.PIXEL_SPACING, 2);
            double[] slope = group(item, shared, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tag.RESCALE_SLOPE, 1);
            double[] intercept = group(item, shared, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tag.RESCALE_INTERCEPT, 1);
            if (position == null || orientation == null) {
                throw new SeriesAssemblyException(
                        f.source(),
                        "frame " + (frame + 1) + " has no Plane Position (0020,9113) or Plane Orientation"
                                + " (0020,9116) in its functional groups: its place in the volume is unknown");
            }
            double[] r = rescale(ds);
            planes.add(new Plane(
                    f,
                    frame,
                    position,
                    orientation,
                    spacing != null ? spacing : orNull(ds.doubles(Tag.PIXEL_SPACING), 2),
                    slope != null ? slope[0] : r[0],
                    intercept != null ? intercept[0] : r[1],
                    ds.integer(Tag.ROWS, 0),
                    ds.integer(Tag.COLUMNS, 0)));
        }
        return planes;
    }

    private static double[] group(Attributes item, Attributes shared, int sequence, int tag, int n) {
        for (Attributes source : new Attributes[] {item, shared}) {
            if (source == null) {
                continue;
            }
            for (Attributes g : source.sequence(sequence)) {
                double[] v = g.doubles(tag);
                if (v.length == n) {
                    return v;
                }
            }
        }
        return null;
    }

    private static double[] normal(double[] o) {
        return new double[] {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
    }

    private static AssembledSeries stack(
            List<Plane> planes,
            AssembledSeries.Kind kind,
            Attributes header,
            String uid,
            String modality,
            String units,
            VoxelUnit unit,
            Optional<LocalDateTime> acquisition,
            List<Path> paths,
            List<AssemblyWarning> warnings)
            throws IOException {
        Plane ref = planes.get(0);
        if (ref.pixelSpacing() == null) {
            throw new SeriesAssemblyException(
                    ref.file().source(), "has no Pixel Spacing (0028,0030): the voxel size is unknown");
        }
        for (Plane p : planes) {
            if (p.rows() != ref.rows() || p.columns() != ref.columns()) {
                throw new SeriesAssemblyException(
                        p.file().source(),
                        "is " + p.columns() + "×" + p.rows() + " but "
                                + ref.file().source() + " is " + ref.columns() + "×" + ref.rows()
                                + ": mixed image sizes in one series; split the series");
            }
            for (int a = 0; a < 6; a++) {
                if (Math.abs(p.orientation()[a] - ref.orientation()[a]) > ORIENTATION_TOLERANCE) {
                    throw new SeriesAssemblyException(
                            p.file().source(),
                            "has orientation " + Arrays.toString(p.orientation()) + " but "
                                    + ref.file().source()
                                    + " has " + Arrays.toString(ref.orientation())
                                    + ": mixed orientations in one series; split or reformat the series");
                }
            }
            if (p.pixelSpacing() == null
                    || Math.abs(p.pixelSpacing()[0] - ref.pixelSpacing()[0]) > 1e-4 * ref.pixelSpacing()[0]
                    || Math.abs(p.pixelSpacing()[1] - ref.pixelSpacing()[1]) > 1e-4 * ref.pixelSpacing()[1]) {
                throw new SeriesAssemblyException(
                        p.file().source(),
                        "has a pixel spacing other than " + Arrays.toString(ref.pixelSpacing())
                                + ": mixed pixel sizes in one series; split the series");
            }
        }
        double[] o = normalise(ref.orientation());
        double[] n = normal(o);
        List<Plane> sorted = new ArrayList<>(planes);
        sorted.sort(Comparator.comparingDouble(p -> dot(p.position(), n)));
        int count = sorted.size();
        double[] along = sorted.stream().mapToDouble(p -> dot(p.position(), n)).toArray();
        double spacing;
        int[] slot = new int[count];
        if (count == 1) {
            spacing = sliceStepOrOne(header);
        } else {
            double[] steps = new double[count - 1];
            for (int k = 0; k < steps.length; k++) {
                steps[k] = along[k + 1] - along[k];
                if (steps[k] < STEP_TOLERANCE * 1e-3 + 1e-6) {
                    throw new SeriesAssemblyException(
                            sorted.get(k + 1).file().source(),
                            "lies at the same position (" + String.format(java.util.Locale.ROOT, "%.3f", along[k])
                                    + " mm along the normal) as "
                                    + sorted.get(k).file().source()
                                    + "; a dynamic or gated series holds several volumes: split it by time frame");
                }
            }
            double[] byLength = steps.clone();
            Arrays.sort(byLength);
            spacing = byLength[byLength.length / 2];
            double min = byLength[0];
            double max = byLength[byLength.length - 1];
            boolean uneven = false;
            for (int k = 0; k < steps.length; k++) {
                double ratio = steps[k] / spacing;
                long whole = Math.round(ratio);
                if (Math.abs(ratio - 1) <= STEP_TOLERANCE) {
                    slot[k + 1] = slot[k] + 1;
                } else if (whole >= 2 && Math.abs(ratio - whole) <= STEP_TOLERANCE * whole) {
                    slot[k + 1] = slot[k] + (int) whole;
                    warnings.add(new AssemblyWarning.Gap(along[k], steps[k], spacing, (int) whole - 1));
                } else {
                    slot[k + 1] = slot[k] + 1;
                    uneven = true;
                }
            }
            if (uneven) {
                warnings.add(new AssemblyWarning.UnevenSpacing(min, max, spacing));
            }
        }
        int nx = ref.columns();
        int ny = ref.rows();
        int nz = slot[count - 1] + 1;
        double[] direction = {o[0], o[3], n[0], o[1], o[4], n[1], o[2], o[5], n[2]};
        Geometry geometry = Geometry.of(
                nx,
                ny,
                nz,
                new double[] {ref.pixelSpacing()[1], ref.pixelSpacing()[0], spacing},
                sorted.get(0).position(),
                direction);
        float[] voxels = new float[geometry.voxelCount()];
        fill(sorted, slot, nx * ny, voxels);
        return new AssembledSeries(
                kind,
                ImageVolume.wrap(geometry, unit, voxels),
                List.of(),
                header,
                uid,
                modality,
                units,
                acquisition,
                paths,
                warnings);
    }

    /** Decodes each file once and writes its planes' rescaled values into their slots. */
    private static void fill(List<Plane> sorted, int[] slot, int planeSize, float[] voxels) throws IOException {
        Map<DicomFile, List<Integer>> byFile = new LinkedHashMap<>();
        for (int k = 0; k < sorted.size(); k++) {
            byFile.computeIfAbsent(sorted.get(k).file(), x -> new ArrayList<>()).add(k);
        }
        try {
            byFile.entrySet().parallelStream().forEach(e -> {
                try {
                    fill(e.getKey(), e.getValue(), sorted, slot, planeSize, voxels);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (UncheckedIOException e) {
            // keep the decoder's own type (an unsupported transfer syntax, a damaged frame): it names the file
            throw e.getCause();
        }
    }

    /** Writes the rescaled values of {@code file}'s planes (their indices in {@code sorted}) into their slots. */
    private static void fill(
            DicomFile file, List<Integer> planes, List<Plane> sorted, int[] slot, int planeSize, float[] voxels)
            throws IOException {
        if (PixelData.isReal(file.dataset())) {
            fillReal(file, planes, sorted, slot, planeSize, voxels);
            return;
        }
        // the common image (16-bit native greyscale) is read straight into the voxels; any other is decoded first
        Optional<RescalableFrames> direct = PixelData.rescalable(file);
        if (direct.isPresent()) {
            for (int k : planes) {
                Plane p = sorted.get(k);
                direct.get().rescale(p.frame(), p.slope(), p.intercept(), voxels, slot[k] * planeSize);
            }
            return;
        }
        Pixels pixels = PixelData.decode(file);
        if (pixels.samplesPerPixel() != 1) {
            throw new SeriesAssemblyException(
                    file.source(),
                    "has " + pixels.samplesPerPixel() + " samples per pixel; a quantitative volume needs"
                            + " one (greyscale)");
        }
        int[] values = pixels.values();
        for (int k : planes) {
            Plane p = sorted.get(k);
            int from = p.frame() * planeSize;
            int to = slot[k] * planeSize;
            double slope = p.slope();
            double intercept = p.intercept();
            for (int v = 0; v < planeSize; v++) {
                voxels[to + v] = (float) (values[from + v] * slope + intercept);
            }
        }
    }

    /** A parametric map's float values are real-world values already: copied without rescale. */
    private static void fillReal(
            DicomFile file, List<Integer> planes, List<Plane> sorted, int[] slot, int planeSize, float[] voxels)
            throws DicomParseException {
        double[] values = PixelData.realValues(file);
        for (int k : planes) {
            int from = sorted.get(k).frame() * planeSize;
            int to = slot[k] * planeSize;
            for (int v = 0; v < planeSize; v++) {
                voxels[to + v] = (float) values[from + v];
            }
        }
    }

    private static double sliceStepOrOne(Attributes ds) {
        var step = ds.decimal(Tag.SPACING_BETWEEN_SLICES);
        if (step.isEmpty() || !(step.getAsDouble() > 0)) {
            step = ds.decimal(Tag.SLICE_THICKNESS);
        }
        return step.isPresent() && step.getAsDouble() > 0 ? step.getAsDouble() : 1;
    }

    /** NM planar: every frame is a 2-D view, named from the View Code Sequence of its detector. */
    private static List<PlanarView> planar(DicomFile f, VoxelUnit unit) throws IOException {
        Attributes ds = f.dataset();
        Pixels pixels = PixelData.decode(f);
        int nx = pixels.columns();
        int ny = pixels.rows();
        double[] ps = orNull(ds.doubles(Tag.PIXEL_SPACING), 2);
        double[] spacing = ps == null ? new double[] {1, 1, 1} : new double[] {ps[1], ps[0], sliceStepOrOne(ds)};
        double[] position = orNull(ds.doubles(Tag.IMAGE_POSITION_PATIENT), 3);
        double[] orientation = orNull(ds.doubles(Tag.IMAGE_ORIENTATION_PATIENT), 6);
        double[] o = orientation == null ? new double[] {1, 0, 0, 0, 1, 0} : normalise(orientation);
        double[] n = normal(o);
        Geometry g = Geometry.of(nx, ny, 1, spacing, position == null ? new double[3] : position, new double[] {
            o[0], o[3], n[0], o[1], o[4], n[1], o[2], o[5], n[2]
        });
        int[] detectors = ds.ints(Tag.DETECTOR_VECTOR);
        int[] windows = ds.ints(Tag.ENERGY_WINDOW_VECTOR);
        List<Attributes> detectorInfo = ds.sequence(Tag.DETECTOR_INFORMATION_SEQUENCE);
        double[] r = rescale(ds);
        List<PlanarView> views = new ArrayList<>();
        int[] values = pixels.values();
        int plane = nx * ny;
        for (int frame = 0; frame < pixels.frames(); frame++) {
            int detector = detectors.length == pixels.frames() ? detectors[frame] : 1;
            int window = windows.length == pixels.frames() ? windows[frame] : 1;
            String name = "detector " + detector;
            if (detector >= 1 && detector <= detectorInfo.size()) {
                name = detectorInfo.get(detector - 1).sequence(Tag.VIEW_CODE_SEQUENCE).stream()
                        .findFirst()
                        .flatMap(v -> v.string(Tag.CODE_MEANING))
                        .orElse(name);
            }
            if (windows.length == pixels.frames()
                    && Arrays.stream(windows).distinct().count() > 1) {
                name = name + ", energy window " + window;
            }
            float[] voxels = new float[plane];
            for (int v = 0; v < plane; v++) {
                voxels[v] = (float) (values[frame * plane + v] * r[0] + r[1]);
            }
            views.add(new PlanarView(name, detector, window, ImageVolume.wrap(g, unit, voxels)));
        }
        return views;
    }

    private static double[] normalise(double[] o) {
        double[] out = o.clone();
        for (int v = 0; v < 2; v++) {
            double len = Math.sqrt(o[3 * v] * o[3 * v] + o[3 * v + 1] * o[3 * v + 1] + o[3 * v + 2] * o[3 * v + 2]);
            for (int a = 0; a < 3; a++) {
                out[3 * v + a] = o[3 * v + a] / len;
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
