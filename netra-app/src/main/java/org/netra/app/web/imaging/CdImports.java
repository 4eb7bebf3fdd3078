package org.netra.app.web.imaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.netra.app.viewer.Studies;
import org.netra.app.web.dosimetry.PatientMediaImport;
import org.netra.app.web.dosimetry.UploadUnpacker;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.store.Store;
import org.netra.store.record.RecordKind;

/**
 * A patient CD (a zip of its files with their DICOMDIR) imported into the study store from the study list: the zip
 * is unpacked within the upload limits and arranged by its DICOMDIR, as a dosimetry upload is
 * ({@link PatientMediaImport}); its series are listed by patient and study; the series the user picks are copied
 * into the study store's folder, one study folder per DICOMDIR study ({@code <root>/cd-<upload>-<n>/}), each PET or
 * SPECT series as {@code <series>/image} with the study's CT beside it ({@code ct/image}) and its RTSTRUCT as the
 * series' VOIs ({@code <series>/mask}), the layout the study list reads. Each import is an audited record.
 */
public final class CdImports {
    /** What the page lists of a CD: its name and its series, in the DICOMDIR's order. */
    public record Listing(String id, String name, List<Series> series) {
        /** The series grouped by patient and study, in order. */
        public Map<String, List<Series>> byPatientAndStudy() {
            Map<String, List<Series>> out = new LinkedHashMap<>();
            series.forEach(s -> out.computeIfAbsent(s.patient() + " · " + s.study(), k -> new ArrayList<>())
                    .add(s));
            return out;
        }
    }

    /** One series of the CD: its folder in the upload (the form's value), what it is, and where it belongs. */
    public record Series(
            String folder,
            String modality,
            String description,
            int files,
            String patient,
            String study,
            String seriesInstanceUid,
            String studyInstanceUid) {
        boolean emission() {
            return modality.equals("PT") || modality.equals("NM");
        }
    }

    /** An import as the store keeps it (audited): which CD, by whom, which series into which study folders. */
    public record ImportRecord(
            String id,
            String upload,
            String cd,
            Instant imported,
            List<String> seriesInstanceUids,
            List<String> studies) {
        public static final RecordKind<ImportRecord> KIND = new RecordKind<>(
                "imaging_cd_import", ImportRecord.class, ImportRecord::id, r -> null, ImportRecord::cd);
    }

    private static final String LISTING_FILE = "cd-listing.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final UploadUnpacker unpacker;
    private final Path root;
    private final Studies studies;

    /**
     * @param unpacker unpacks the uploads (its own folder, the dosimetry uploads' limits)
     * @param root the study store's folder, which {@code studies} lists
     */
    public CdImports(Store store, UploadUnpacker unpacker, Path root, Studies studies) {
        this.store = store;
        this.unpacker = unpacker;
        this.root = root;
        this.studies = studies;
    }

    public UploadUnpacker unpacker() {
        return unpacker;
    }

    /** Unpacks and lists a CD's zip for {@code owner}; a zip without a DICOMDIR is refused, naming what to do. */
    public Listing receive(String owner, String name, InputStream zip) throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path dir = unpacker.unpack(owner, id, zip);
        try {
            Path dicomDir = PatientMediaImport.dicomDir(dir)
                    .orElseThrow(() -> new CycleInputException(name + " has no DICOMDIR at its top or in its only"
                            + " folder: zip the whole patient CD or USB stick, DICOMDIR included"));
            List<Series> series = new ArrayList<>();
            for (var l : PatientMediaImport.arrange(dir, dicomDir, name)) {
                series.add(new Series(
                        dir.relativize(l.folder()).toString(),
                        l.modality(),
                        description(l.folder()),
                        l.files(),
                        l.patient(),
                        l.study(),
                        l.seriesInstanceUid(),
                        l.studyInstanceUid()));
            }
            var listing = new Listing(id, name, List.copyOf(series));
            JSON.writeValue(dir.resolve(LISTING_FILE).toFile(), listing);
            return listing;
        } catch (IOException | RuntimeException e) {
            unpacker.discard(dir); // a refused CD leaves nothing behind
            throw e;
        }
    }

    /** A CD of {@code owner} unpacked and listed (on any node sharing the data folder), until it expires. */
    public Optional<Listing> listing(String owner, String id) throws IOException {
        Path dir;
        try {
            dir = unpacker.folder(owner, id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Path file = dir.resolve(LISTING_FILE);
        return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), Listing.class)) : Optional.empty();
    }

    /**
     * Copies the picked series ({@code folders}, values of the listing) into the study store and records the import
     * as {@code actor}; returns the study folders made. Refused, naming the series, when nothing or an unknown series
     * is picked, when a study has no PET or SPECT series picked or two CTs, or was imported already.
     */
    public List<String> importSeries(Listing listing, List<String> folders, String actor) throws IOException {
        if (folders.isEmpty()) {
            throw new CycleInputException("series: pick at least one PET or SPECT series of " + listing.name());
        }
        Map<String, List<Series>> byStudy = new LinkedHashMap<>();
        for (String f : folders) {
            Series s = listing.series().stream()
                    .filter(x -> x.folder().equals(f))
                    .findFirst()
                    .orElseThrow(() -> new CycleInputException("series: '" + f + "' is not a series of "
                            + listing.name() + "; it has "
                            + listing.series().stream().map(Series::folder).toList()));
            byStudy.computeIfAbsent(s.studyInstanceUid(), k -> new ArrayList<>())
                    .add(s);
        }
        for (List<Series> picked : byStudy.values()) {
            String study = picked.get(0).patient() + " · " + picked.get(0).study();
            if (picked.stream().noneMatch(Series::emission)) {
                throw new CycleInputException("series: the study " + study + " has no PET or SPECT series picked;"
                        + " a CT or VOIs alone are not a study the list can show");
            }
            if (picked.stream().filter(s -> s.modality().equals("CT")).count() > 1) {
                throw new CycleInputException("series: pick one CT of the study " + study
                        + " (the CT shown with its PET or SPECT), not "
                        + picked.stream().filter(s -> s.modality().equals("CT")).count());
            }
        }
        // upload folders are per user: the user who uploaded the CD imports from it
        Path upload = unpacker.folder(actor, listing.id());
        List<Path> made = new ArrayList<>();
        List<String> studyNames;
        try {
            int n = 0;
            for (List<Series> picked : byStudy.values()) {
                Path study = root.resolve("cd-" + listing.id() + "-" + ++n);
                try {
                    Files.createDirectories(root);
                    Files.createDirectory(study);
                } catch (FileAlreadyExistsException e) {
                    throw new CycleInputException("series: " + listing.name() + " was imported already, into "
                            + root.relativize(study) + "; upload the CD again to import other series");
                }
                made.add(study);
                Optional<Series> voi = picked.stream()
                        .filter(s -> s.modality().equals("RTSTRUCT"))
                        .findFirst();
                for (Series s : picked) {
                    Path from = upload.resolve(s.folder());
                    switch (s.modality()) {
                        case "PT", "NM" -> {
                            Path series = study.resolve(from.getFileName());
                            copyFiles(from, series.resolve("image"));
                            if (voi.isPresent()) {
                                copyFiles(upload.resolve(voi.get().folder()), series.resolve("mask"));
                            }
                        }
                        case "CT" -> copyFiles(from, study.resolve("ct").resolve("image"));
                        case "RTSTRUCT" -> {
                            // the VOIs of each PET or SPECT series of the study, above
                        }
                        default ->
                            throw new CycleInputException("series: " + s.folder() + " is " + s.modality()
                                    + "; the study list takes PET, SPECT, CT and RTSTRUCT series");
                    }
                }
            }
            studyNames = made.stream().map(p -> root.relativize(p).toString()).toList();
            store.records()
                    .create(
                            ImportRecord.KIND,
                            new ImportRecord(
                                    UUID.randomUUID().toString(),
                                    listing.id(),
                                    listing.name(),
                                    Instant.now(),
                                    byStudy.values().stream()
                                            .flatMap(List::stream)
                                            .map(Series::seriesInstanceUid)
                                            .toList(),
                                    studyNames),
                            actor);
        } catch (IOException | RuntimeException e) {
            for (Path study : made) {
                deleteTree(study); // an import refused half-way leaves no partial study in the list
            }
            throw e;
        }
        studies.refresh();
        return studyNames;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** The Series Description of the folder's first file, or "" (the DICOMDIR need not record it). */
    private static String description(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            Optional<Path> first = files.filter(Files::isRegularFile).sorted().findFirst();
            if (first.isPresent()) {
                return DicomFile.read(first.get(), DicomFile.Extent.HEADER)
                        .dataset()
                        .string(Tag.SERIES_DESCRIPTION)
                        .orElse("");
            }
        } catch (IOException e) {
            // a file the DICOMDIR names but that does not parse: the listing shows no description
        }
        return "";
    }
}
