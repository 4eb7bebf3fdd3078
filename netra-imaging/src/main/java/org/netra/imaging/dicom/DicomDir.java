package org.netra.imaging.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A DICOMDIR, the index of a patient CD or USB stick (PS3.10 section 8, PS3.3 F.3): its patients, their
 * studies, their series and the files of each, resolved against the DICOMDIR's folder. Records are
 * followed through their offsets (next record, lower-level entity); a DICOMDIR whose offsets are missing
 * or point nowhere is read in record order instead, which is how writers lay them out.
 */
public record DicomDir(Path file, List<Patient> patients) {
    /** Media Storage Directory Storage, the SOP class of a DICOMDIR (PS3.4 annex I). */
    public static final String SOP_CLASS_UID = SopClass.MEDIA_STORAGE_DIRECTORY;

    public record Patient(String id, String name, List<Study> studies) {}

    public record Study(String instanceUid, Optional<LocalDate> date, String description, List<Series> series) {}

    /** A series and its files (in record order); files named by a record but absent from the medium are kept. */
    public record Series(String instanceUid, String modality, String number, List<Path> files) {}

    private static final int RECORD_IN_USE_FLAG = 0x00041410;

    /** True for a file's data set that is a DICOMDIR. */
    public static boolean isDicomDir(DicomFile f) {
        return f.sopClassUid().equals(SOP_CLASS_UID) || f.dataset().contains(Tag.DIRECTORY_RECORD_SEQUENCE);
    }

    /** Reads a DICOMDIR file. */
    public static DicomDir read(Path file) throws IOException {
        DicomFile f = DicomFile.read(file, DicomFile.Extent.HEADER);
        if (!isDicomDir(f)) {
            throw new DicomParseException(
                    file.toString(), 0, "not a DICOMDIR (no Directory Record Sequence (0004,1220))");
        }
        return of(f, file);
    }

    /** The DICOMDIR file directly in a folder (named DICOMDIR in any case), if there is one. */
    public static Optional<Path> in(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))
                    .filter(Files::isRegularFile)
                    .findFirst();
        }
    }

    static DicomDir of(DicomFile f, Path file) throws DicomParseException {
        List<Attributes> records = f.dataset().sequence(Tag.DIRECTORY_RECORD_SEQUENCE).stream()
                .filter(r -> r.integer(RECORD_IN_USE_FLAG, 0xffff) != 0)
                .toList();
        Map<Long, Attributes> byOffset = new HashMap<>();
        for (Attributes r : records) {
            byOffset.put(r.itemOffset(), r);
        }
        Path folder = file.toAbsolutePath().getParent();
        long root = f.dataset().integer(Tag.OFFSET_OF_THE_FIRST_DIRECTORY_RECORD_OF_THE_ROOT_DIRECTORY_ENTITY, 0)
                & 0xffffffffL;
        var reader = new Linker(f.source(), folder, byOffset);
        List<Patient> patients = byOffset.containsKey(root) ? reader.patients(root) : List.of();
        if (patients.isEmpty()) {
            // offsets absent, dangling or not starting at a patient: the records' order tells the hierarchy
            patients = reader.inOrder(records);
        }
        return new DicomDir(file, List.copyOf(patients));
    }

    /** Every file the DICOMDIR names, in record order. */
    public List<Path> files() {
        return patients.stream()
                .flatMap(p -> p.studies().stream())
                .flatMap(s -> s.series().stream())
                .flatMap(s -> s.files().stream())
                .toList();
    }

    private static final class Linker {
        private final String source;
        private final Path folder;
        private final Map<Long, Attributes> byOffset;
        private final Set<Long> visited = new HashSet<>();

        Linker(String source, Path folder, Map<Long, Attributes> byOffset) {
            this.source = source;
            this.folder = folder;
            this.byOffset = byOffset;
        }

        /** The records of one directory entity: from {@code first} along the next-record offsets. */
        private List<Attributes> entity(long first) throws DicomParseException {
            List<Attributes> out = new ArrayList<>();
            long at = first;
            while (at != 0) {
                Attributes r = byOffset.get(at);
                if (r == null) {
                    break;
                }
                if (!visited.add(at)) {
                    throw new DicomParseException(source, at, "the DICOMDIR's record offsets form a loop");
                }
                out.add(r);
                at = r.integer(Tag.OFFSET_OF_THE_NEXT_DIRECTORY_RECORD, 0) & 0xffffffffL;
            }
            return out;
        }

        private List<Attributes> lower(Attributes r) throws DicomParseException {
            return entity(r.integer(Tag.OFFSET_OF_REFERENCED_LOWER_LEVEL_DIRECTORY_ENTITY, 0) & 0xffffffffL);
        }

        List<Patient> patients(long root) throws DicomParseException {
            List<Patient> patients = new ArrayList<>();
            for (Attributes p : entity(root)) {
                if (!type(p).equals("PATIENT")) {
                    continue;
                }
                List<Study> studies = new ArrayList<>();
                for (Attributes st : lower(p)) {
                    if (!type(st).equals("STUDY")) {
                        continue;
                    }
                    List<Series> series = new ArrayList<>();
                    for (Attributes se : lower(st)) {
                        if (!type(se).equals("SERIES")) {
                            continue;
                        }
                        List<Path> files = new ArrayList<>();
                        for (Attributes leaf : lower(se)) {
                            file(leaf).ifPresent(files::add);
                        }
                        series.add(series(se, files));
                    }
                    studies.add(study(st, series));
                }
                patients.add(patient(p, studies));
            }
            return patients;
        }

        /** Without usable offsets: records in order, each level attached to the last record above it. */
        List<Patient> inOrder(List<Attributes> records) throws DicomParseException {
            List<Patient> patients = new ArrayList<>();
            Attributes patient = null;
            Attributes study = null;
            Attributes seriesRecord = null;
            List<Study> studies = new ArrayList<>();
            List<Series> series = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (Attributes r : records) {
                switch (type(r)) {
                    case "PATIENT" -> {
                        closePatient(patients, patient, study, seriesRecord, studies, series, files);
                        patient = r;
                        study = null;
                        seriesRecord = null;
                        studies = new ArrayList<>();
                        series = new ArrayList<>();
                        files = new ArrayList<>();
                    }
                    case "STUDY" -> {
                        closeStudy(study, seriesRecord, studies, series, files);
                        study = r;
                        seriesRecord = null;
                        series = new ArrayList<>();
                        files = new ArrayList<>();
                    }
                    case "SERIES" -> {
                        if (seriesRecord != null) {
                            series.add(series(seriesRecord, files));
                        }
                        seriesRecord = r;
                        files = new ArrayList<>();
                    }
                    default -> file(r).ifPresent(files::add);
                }
            }
            closePatient(patients, patient, study, seriesRecord, studies, series, files);
            return patients;
        }

        private void closeStudy(
                Attributes study, Attributes seriesRecord, List<Study> studies, List<Series> series, List<Path> files) {
            if (seriesRecord != null) {
                series.add(series(seriesRecord, files));
            }
            if (study != null || !series.isEmpty()) {
                studies.add(study(study == null ? Attributes.builder().build() : study, List.copyOf(series)));
            }
        }

        private void closePatient(
                List<Patient> patients,
                Attributes patient,
                Attributes study,
                Attributes seriesRecord,
                List<Study> studies,
                List<Series> series,
                List<Path> files) {
            closeStudy(study, seriesRecord, studies, series, files);
            if (patient != null || !studies.isEmpty()) {
                patients.add(patient(patient == null ? Attributes.builder().build() : patient, studies));
            }
        }

        private static String type(Attributes r) {
            return r.string(Tag.DIRECTORY_RECORD_TYPE).orElse("").toUpperCase(Locale.ROOT);
        }

        private static Patient patient(Attributes r, List<Study> studies) {
            return new Patient(
                    r.string(Tag.PATIENT_ID).orElse(""),
                    r.string(Tag.PATIENT_NAME).orElse(""),
                    List.copyOf(studies));
        }

        private static Study study(Attributes r, List<Series> series) {
            Optional<LocalDate> date;
            try {
                date = r.date(Tag.STUDY_DATE);
            } catch (InvalidValueException e) {
                date = Optional.empty();
            }
            return new Study(
                    r.string(Tag.STUDY_INSTANCE_UID).orElse(""),
                    date,
                    r.string(Tag.STUDY_DESCRIPTION).orElse(""),
                    List.copyOf(series));
        }

        private static Series series(Attributes r, List<Path> files) {
            return new Series(
                    r.string(Tag.SERIES_INSTANCE_UID).orElse(""),
                    r.string(Tag.MODALITY).orElse(""),
                    r.string(Tag.SERIES_NUMBER).orElse(""),
                    List.copyOf(files));
        }

        /** The file a record names (Referenced File ID, components relative to the DICOMDIR's folder). */
        private Optional<Path> file(Attributes r) throws DicomParseException {
            List<String> parts = r.strings(Tag.REFERENCED_FILE_ID);
            if (parts.isEmpty()) {
                return Optional.empty();
            }
            Path p = folder;
            for (String part : parts) {
                if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("/")) {
                    throw new DicomParseException(
                            source,
                            Math.max(0, r.itemOffset()),
                            "the DICOMDIR names a file outside its folder: " + String.join("\\", parts));
                }
                p = child(p, part);
            }
            return Optional.of(p);
        }

        /** The entry of a folder with this name, matched without case where the exact name is absent (CDs). */
        private static Path child(Path dir, String name) {
            Path exact = dir.resolve(name);
            if (Files.exists(exact) || !Files.isDirectory(dir)) {
                return exact;
            }
            try (Stream<Path> list = Files.list(dir)) {
                return list.filter(c -> c.getFileName().toString().equalsIgnoreCase(name))
                        .findFirst()
                        .orElse(exact);
            } catch (IOException e) {
                return exact;
            }
        }
    }
}
