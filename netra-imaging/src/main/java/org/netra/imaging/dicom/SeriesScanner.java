package org.netra.imaging.dicom;

import java.io.IOException;
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
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.netra.physics.quantity.Activity;

/** Scans a file or folder (recursively), reading headers only, and summarises each series found. */
public final class SeriesScanner {
    /** A file that was not read as DICOM, and why. */
    public record Skipped(Path file, String reason) {}

    /**
     * What a file or folder holds: its series, the files not read and why, and, where the input is a
     * DICOMDIR (or a folder with one at its top, as on a patient CD), the directory's patients and studies.
     */
    public record Scan(List<SeriesSummary> series, List<Skipped> skipped, Optional<DicomDir> directory) {}

    /** Nothing in the input could be read as a DICOM series: names the input and the first reason. */
    public static final class NothingReadableException extends IOException {
        private static final long serialVersionUID = 1L;

        NothingReadableException(String message) {
            super(message);
        }
    }

    private SeriesScanner() {}

    public static Scan scan(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no such file or folder: " + path);
        }
        Optional<DicomDir> directory = directoryAt(path);
        List<Path> files;
        if (directory.isPresent()) {
            files = directory.get().files();
        } else {
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
        }
        if (files.isEmpty()) {
            throw new NothingReadableException(
                    directory.isPresent() ? "the DICOMDIR " + path + " names no files" : path + " holds no files");
        }
        Map<String, List<DicomFile>> bySeries = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                skipped.add(new Skipped(f, "named by the DICOMDIR but not on the medium"));
                continue;
            }
            try {
                DicomFile d = DicomFile.read(f, DicomFile.Extent.HEADER);
                if (DicomDir.isDicomDir(d)) {
                    continue; // an index, not a series: read through directoryAt when it is the input
                }
                String uid = d.dataset().string(Tag.SERIES_INSTANCE_UID).orElse("(no series UID) " + f);
                bySeries.computeIfAbsent(uid, k -> new ArrayList<>()).add(d);
            } catch (NotDicomException e) {
                skipped.add(new Skipped(f, "not DICOM (no 'DICM' at byte 128 and no data set at byte 0)"));
            } catch (DicomParseException e) {
                skipped.add(new Skipped(f, e.getMessage()));
            }
        }
        if (bySeries.isEmpty()) {
            if (files.size() == 1 && !skipped.isEmpty()) {
                // one file asked about: its own error, naming it and the offset
                throw new NothingReadableException(
                        skipped.get(0).file() + ": " + skipped.get(0).reason());
            }
            throw new NothingReadableException("no readable DICOM series in " + path + ": " + skipped.size()
                    + " file(s) skipped"
                    + (skipped.isEmpty()
                            ? ""
                            : ", the first " + skipped.get(0).file() + " ("
                                    + skipped.get(0).reason() + ")"));
        }
        List<SeriesSummary> series = new ArrayList<>();
        for (var e : bySeries.entrySet()) {
            series.add(summarise(e.getKey(), e.getValue()));
        }
        return new Scan(List.copyOf(series), List.copyOf(skipped), directory);
    }

    /** The DICOMDIR the input is, or that sits at the top of the input folder. */
    private static Optional<DicomDir> directoryAt(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Optional<Path> file = DicomDir.in(path);
            return file.isPresent() ? Optional.of(DicomDir.read(file.get())) : Optional.empty();
        }
        try {
            DicomFile d = DicomFile.read(path, DicomFile.Extent.HEADER);
            return DicomDir.isDicomDir(d) ? Optional.of(DicomDir.of(d, path)) : Optional.empty();
        } catch (DicomParseException e) {
            return Optional.empty(); // reported with the file's other problems by the scan
        }
    }

    static SeriesSummary summarise(String uid, List<DicomFile> files) {
        Attributes first = files.get(0).dataset();
        int frames = files.stream()
                .mapToInt(f -> Math.max(1, f.dataset().integer(Tag.NUMBER_OF_FRAMES, 1)))
                .sum();
        double[] spacing = first.doubles(Tag.PIXEL_SPACING);
        Optional<Attributes> pharm = first.sequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE).stream()
                .findFirst();
        Optional<Activity> injected = pharm.flatMap(p -> {
            var v = p.decimal(Tag.RADIONUCLIDE_TOTAL_DOSE);
            return v.isPresent() && v.getAsDouble() >= 0
                    ? Optional.of(Activity.ofBq(v.getAsDouble()))
                    : Optional.empty();
        });
        Optional<LocalDateTime> injection = pharm.flatMap(
                p -> p.dateTime(Tag.RADIOPHARMACEUTICAL_START_DATE_TIME).or(() -> first.date(Tag.SERIES_DATE)
                        .flatMap(d -> p.time(Tag.RADIOPHARMACEUTICAL_START_TIME).map(d::atTime))));
        Optional<LocalDateTime> acquisition = files.stream()
                .map(f -> f.dataset().dateTime(Tag.ACQUISITION_DATE_TIME).or(() -> f.dataset()
                        .dateTime(Tag.ACQUISITION_DATE, Tag.ACQUISITION_TIME)))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        String sopClass = files.get(0).sopClassUid();
        return new SeriesSummary(
                uid,
                first.string(Tag.MODALITY).orElse(""),
                sopClass,
                SopClass.name(sopClass),
                first.integer(Tag.ROWS, 0),
                first.integer(Tag.COLUMNS, 0),
                first.contains(Tag.ROWS) ? frames : 0,
                spacing.length == 2 ? Optional.of(spacing) : Optional.empty(),
                sliceSpacing(files),
                first.string(Tag.UNITS),
                first.string(Tag.DECAY_CORRECTION),
                injected,
                injection,
                acquisition,
                first.string(Tag.SERIES_DESCRIPTION),
                files.size());
    }

    /** The median step of image positions along the slice normal; else Spacing Between Slices. */
    private static OptionalDouble sliceSpacing(List<DicomFile> files) {
        double[] orientation = files.get(0).dataset().doubles(Tag.IMAGE_ORIENTATION_PATIENT);
        if (files.size() > 1 && orientation.length == 6) {
            double[] n = {
                orientation[1] * orientation[5] - orientation[2] * orientation[4],
                orientation[2] * orientation[3] - orientation[0] * orientation[5],
                orientation[0] * orientation[4] - orientation[1] * orientation[3]
            };
            double[] along = files.stream()
                    .map(f -> f.dataset().doubles(Tag.IMAGE_POSITION_PATIENT))
                    .filter(p -> p.length == 3)
                    .mapToDouble(p -> p[0] * n[0] + p[1] * n[1] + p[2] * n[2])
                    .sorted()
                    .toArray();
            if (along.length > 1) {
                double[] steps = new double[along.length - 1];
                for (int i = 0; i < steps.length; i++) {
                    steps[i] = along[i + 1] - along[i];
                }
                Arrays.sort(steps);
                return OptionalDouble.of(steps[steps.length / 2]);
            }
        }
        return files.get(0).dataset().decimal(Tag.SPACING_BETWEEN_SLICES);
    }
}
