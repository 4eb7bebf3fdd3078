package org.netra.app.web.dosimetry;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.imaging.dicom.DicomDir;
import org.netra.imaging.dicom.DicomParseException;

/**
 * An upload that is a copy of a patient CD or USB stick: its DICOMDIR, not its folders, says which files make
 * which series of which study of which patient. On such media the files of several series often share one
 * folder ({@code DICOM/I0000001}, ...), while the cycle pipeline reads a time point as a folder holding one
 * series; so each series the DICOMDIR lists is moved into a folder of its own under {@code media/}, named by
 * the series number and modality the DICOMDIR records ({@code S1000_PT}, {@code S1000_PT_2} for a second series
 * with the same number; the page shows each series' acquisition beside it). The dosimetry upload and the study
 * list's CD import ({@code org.netra.app.web.imaging}) both arrange a CD this way. A file the DICOMDIR names that the zip does
 * not hold, or one named twice, refuses the upload naming it: a partial copy of a CD must not pass as a whole.
 */
public final class PatientMediaImport {
    /** The folder of the upload that receives one sub-folder per series. */
    public static final String MEDIA_FOLDER = "media";

    /** One series as the DICOMDIR lists it, moved into {@code folder}; its files, and its and its study's UIDs. */
    public record ListedSeries(
            Path folder,
            String modality,
            String patient,
            String study,
            int files,
            String seriesInstanceUid,
            String studyInstanceUid) {}

    private PatientMediaImport() {}

    /**
     * The DICOMDIR of an unpacked upload: at its top, or at the top of its only folder (a zipped CD's folder).
     */
    public static Optional<Path> dicomDir(Path upload) throws IOException {
        Optional<Path> top = DicomDir.in(upload);
        if (top.isPresent()) {
            return top;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(upload)) {
            entries = list.toList();
        }
        if (entries.size() == 1 && Files.isDirectory(entries.getFirst())) {
            return DicomDir.in(entries.getFirst());
        }
        return Optional.empty();
    }

    /**
     * Reads the DICOMDIR {@code file} of the upload {@code upload} and moves each series it lists into its own
     * folder; returns the series in the DICOMDIR's order (patients, their studies, their series).
     */
    public static List<ListedSeries> arrange(Path upload, Path file, String uploadName) throws IOException {
        DicomDir dir;
        try {
            dir = DicomDir.read(file);
        } catch (DicomParseException e) {
            throw new CycleInputException(uploadName + "'s DICOMDIR cannot be read (" + e.getMessage()
                    + "): zip the CD's folders without its DICOMDIR, one folder per series");
        }
        Path media = upload.resolve(MEDIA_FOLDER);
        Set<Path> moved = new HashSet<>();
        List<ListedSeries> out = new ArrayList<>();
        for (DicomDir.Patient p : dir.patients()) {
            String patient = patientLabel(p);
            for (DicomDir.Study st : p.studies()) {
                String study = studyLabel(st);
                int index = 0;
                for (DicomDir.Series se : st.series()) {
                    index++;
                    if (se.files().isEmpty()) {
                        continue; // a series record without images (a report, a key object): nothing to read
                    }
                    String number = se.number().isBlank() ? "i" + index : se.number();
                    Path folder = unique(media.resolve(safe("S" + number + "_" + se.modality())));
                    Files.createDirectories(folder);
                    for (Path f : se.files()) {
                        move(upload, f, folder, moved, uploadName);
                    }
                    out.add(new ListedSeries(
                            folder,
                            se.modality().toUpperCase(Locale.ROOT),
                            patient,
                            study,
                            se.files().size(),
                            se.instanceUid(),
                            st.instanceUid()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new CycleInputException(uploadName + "'s DICOMDIR lists no series with files: copy the whole CD");
        }
        return out;
    }

    private static void move(Path upload, Path f, Path folder, Set<Path> moved, String uploadName) throws IOException {
        Path source = f.toAbsolutePath().normalize();
        String shown = upload.toAbsolutePath().normalize().relativize(source).toString();
        if (!moved.add(source)) {
            throw new CycleInputException(uploadName + "'s DICOMDIR names " + shown
                    + " twice: the CD's index is damaged; zip the series" + " folders without the DICOMDIR");
        }
        try {
            Files.move(source, folder.resolve(source.getFileName()));
        } catch (NoSuchFileException e) {
            throw new CycleInputException(uploadName + "'s DICOMDIR names " + shown
                    + ", which the zip does not hold: zip the whole CD or USB stick, every folder of it");
        } catch (FileAlreadyExistsException e) {
            // two series' files with the same name in different folders of the CD: keep both
            Files.move(source, folder.resolve(source.getParent().getFileName() + "_" + source.getFileName()));
        }
    }

    private static Path unique(Path folder) {
        Path p = folder;
        for (int i = 2; Files.exists(p); i++) {
            p = folder.resolveSibling(folder.getFileName() + "_" + i);
        }
        return p;
    }

    /** Letters, digits, dot, minus and underscore only: the name is a form value and a path on every node. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** "DOE JOHN (12345)": the DICOM name's components spaced, the Patient ID in brackets. */
    private static String patientLabel(DicomDir.Patient p) {
        String name = p.name().replace('^', ' ').replaceAll("\\s+", " ").strip();
        String id = p.id().isBlank() ? "" : "(" + p.id() + ")";
        return (name + " " + id).strip();
    }

    private static String studyLabel(DicomDir.Study st) {
        String date = st.date().map(Object::toString).orElse("");
        return (date + " " + st.description()).strip();
    }
}
