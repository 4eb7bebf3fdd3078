package org.netra.interop.referral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.netra.clinical.patient.IdentityCheck;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomParseException;
import org.netra.imaging.dicom.Tag;
import org.netra.interop.dicomweb.DicomWebClient;
import org.netra.interop.dicomweb.Matches;
import org.netra.interop.fhir.FhirExport;
import org.netra.interop.fhir.FhirImport;
import org.netra.interop.fhir.FhirJson;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.record.RecordKind;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * Everything a receiving centre needs about one patient, in one zip:
 *
 * <ul>
 *   <li>{@code fhir/bundle.json}: the record as a FHIR R4 Bundle, for any system;
 *   <li>{@code netra/records.jsonl}: every netra record of the patient as stored (one per line), so that
 *       a receiving netra loses nothing FHIR cannot say (dosimetry details, decisions, safety, tasks);
 *   <li>{@code dicom/*.dcm}: the DICOM instances (images, RT Dose, RTSTRUCT, reports) as Part 10 files;
 *   <li>{@code manifest.json}: what is inside, with a SHA-256 per entry, checked on import.
 * </ul>
 */
public final class ReferralPackage {
    public static final String FORMAT = "netra-referral/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferralPackage() {}

    /** What a package holds, as its manifest says. */
    public record Summary(String patientId, Map<String, Integer> records, int dicomInstances, int fhirEntries) {}

    /**
     * Writes the package of {@code patientId} from {@code store}, with the given DICOM instances (Part 10
     * bytes). Fails, writing nothing, if the patient is unknown or an instance belongs to another
     * patient.
     */
    public static Summary write(Path zip, Store store, String patientId, List<byte[]> dicom, ZoneId zone)
            throws IOException {
        Records records = store.records();
        PatientChart chart = PatientChart.load(records, patientId);
        List<Attributes> headers = new ArrayList<>();
        for (int i = 0; i < dicom.size(); i++) {
            Attributes h = header(dicom.get(i), "DICOM instance " + (i + 1));
            String dicomPatient = h.string(Tag.PATIENT_ID).orElse("");
            headers.add(h);
            if (dicomPatient.isEmpty()) {
                throw new ReferralException(
                        "DICOM instance " + h.string(Tag.SOP_INSTANCE_UID).orElse("#" + (i + 1))
                                + " has no Patient ID; a referral cannot tell whose it is");
            }
            requireSamePatient(chart.patient().value(), h, "DICOM instance " + (i + 1));
        }
        var bundle = new FhirExport(zone).toBundle(ChartFhir.of(chart, headers));
        byte[] fhir = FhirJson.encode(bundle).getBytes(StandardCharsets.UTF_8);

        var lines = new StringBuilder();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RecordKind<?> kind : ClinicalKinds.ALL) {
            if (!travels(kind)) {
                continue;
            }
            for (Stored<?> s : records.forPatient(kind, patientId)) {
                ObjectNode line = JSON.createObjectNode();
                line.put("kind", kind.name());
                line.set("record", JSON.readTree(store.documents().write(s.value())));
                lines.append(JSON.writeValueAsString(line)).append('\n');
                counts.merge(kind.name(), 1, Integer::sum);
            }
        }

        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("fhir/bundle.json", fhir);
        entries.put("netra/records.jsonl", lines.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < dicom.size(); i++) {
            String sop = headers.get(i).string(Tag.SOP_INSTANCE_UID).orElse("instance-" + (i + 1));
            entries.put("dicom/" + sop + ".dcm", dicom.get(i));
        }

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("patientId", patientId);
        manifest.put("created", Instant.now().toString());
        manifest.put("fhirEntries", bundle.getEntry().size());
        manifest.put("dicomInstances", dicom.size());
        manifest.set("records", JSON.valueToTree(counts));
        ArrayNode list = manifest.putArray("entries");
        entries.forEach((name, bytes) ->
                list.addObject().put("path", name).put("bytes", bytes.length).put("sha256", sha256(bytes)));

        Path tmp = Files.createTempFile(zip.toAbsolutePath().getParent(), ".referral", ".zip");
        try (OutputStream file = Files.newOutputStream(tmp);
                ZipOutputStream out = new ZipOutputStream(file)) {
            put(out, "manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            for (var e : entries.entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
        return new Summary(patientId, counts, dicom.size(), bundle.getEntry().size());
    }

    /** The FHIR Bundle of a patient's chart, with the given DICOM instances as its ImagingStudy entries. */
    public static Bundle fhirBundle(Store store, String patientId, List<byte[]> dicom, ZoneId zone) {
        List<Attributes> headers = new ArrayList<>();
        for (int i = 0; i < dicom.size(); i++) {
            headers.add(header(dicom.get(i), "DICOM instance " + (i + 1)));
        }
        return new FhirExport(zone).toBundle(ChartFhir.of(PatientChart.load(store.records(), patientId), headers));
    }

    /** A package read back and checked against its manifest. */
    public record Contents(Summary summary, String fhirJson, List<JsonNode> records, Map<String, byte[]> dicom) {}

    /**
     * How much a package may unpack to. A zip's own sizes can lie, so these are counted while inflating:
     * a zip bomb or a package that does not fit in memory is refused, not half-read.
     */
    record Limits(int maxEntryBytes, long maxTotalBytes, int maxEntries) {
        /** A single entry is one byte array; the whole package is held in memory until checked. */
        static final Limits DEFAULT = new Limits(Integer.MAX_VALUE - 16, 4L << 30, 100_000);
    }

    public static Contents read(Path zip) throws IOException {
        return read(zip, Limits.DEFAULT);
    }

    static Contents read(Path zip, Limits limits) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (InputStream file = Files.newInputStream(zip);
                ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.contains("..") || name.startsWith("/") || name.contains("\\") || name.contains(":")) {
                    throw new ReferralException(zip + ": refusing entry with an unsafe path '" + name + "'");
                }
                if (entries.size() == limits.maxEntries()) {
                    throw new ReferralException(
                            zip + " has more than " + limits.maxEntries() + " entries; not a netra referral package");
                }
                long room = Math.min(limits.maxEntryBytes(), limits.maxTotalBytes() - total);
                byte[] bytes = in.readNBytes((int) Math.min(room + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > room) {
                    throw new ReferralException(zip + ": entry '" + name + "' unpacks to more than "
                            + (room == limits.maxEntryBytes()
                                    ? "the " + limits.maxEntryBytes() + "-byte entry limit"
                                    : "the " + limits.maxTotalBytes() + "-byte package limit")
                            + " (a zip bomb?); refusing the package");
                }
                total += bytes.length;
                if (entries.put(name, bytes) != null) {
                    throw new ReferralException(zip + ": entry '" + name + "' occurs twice; refusing the package");
                }
            }
        } catch (ZipException | java.io.EOFException | IllegalArgumentException e) {
            // ZipInputStream throws IllegalArgumentException for entry names that are not valid UTF-8
            throw new ReferralException(zip + " is not a readable zip: " + e.getMessage(), e);
        }
        byte[] manifestBytes = entries.remove("manifest.json");
        if (manifestBytes == null) {
            throw new ReferralException(zip + " has no manifest.json; it is not a netra referral package");
        }
        JsonNode manifest = json(manifestBytes, zip, "manifest.json");
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new ReferralException(
                    zip + " is format '" + manifest.path("format").asText() + "', expected " + FORMAT);
        }
        for (JsonNode e : manifest.path("entries")) {
            String path = e.path("path").asText();
            byte[] bytes = entries.get(path);
            if (bytes == null) {
                throw new ReferralException(
                        zip + ": " + path + " is in the manifest but not in the zip (incomplete copy?)");
            }
            if (!sha256(bytes).equals(e.path("sha256").asText())) {
                throw new ReferralException(
                        zip + ": " + path + " does not match its SHA-256 in the manifest (damaged)");
            }
        }
        if (manifest.path("entries").size() != entries.size()) {
            throw new ReferralException(zip + " holds entries its manifest does not list");
        }
        byte[] fhir = entries.get("fhir/bundle.json");
        if (fhir == null) {
            throw new ReferralException(zip + " has no fhir/bundle.json; it is not a netra referral package");
        }
        List<JsonNode> records = new ArrayList<>();
        String jsonl = new String(entries.getOrDefault("netra/records.jsonl", new byte[0]), StandardCharsets.UTF_8);
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                records.add(json(line.getBytes(StandardCharsets.UTF_8), zip, "netra/records.jsonl"));
            }
        }
        Map<String, byte[]> dicom = new TreeMap<>();
        entries.forEach((k, v) -> {
            if (k.startsWith("dicom/")) {
                dicom.put(k, v);
            }
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        manifest.path("records")
                .properties()
                .forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return new Contents(
                new Summary(
                        manifest.path("patientId").asText(),
                        counts,
                        dicom.size(),
                        manifest.path("fhirEntries").asInt()),
                new String(fhir, StandardCharsets.UTF_8),
                records,
                dicom);
    }

    /** Where the DICOM of an imported package goes: a folder, a PACS, both, or nowhere. */
    public record DicomTarget(Optional<Path> folder, Optional<DicomWebClient> pacs) {}

    /**
     * Takes a package into {@code store} (every record created, audit-trailed under {@code actor}) and
     * its DICOM to {@code target}. Refuses, before writing anything, a patient the store already has.
     */
    public static Summary importInto(Path zip, Store store, DicomTarget target, String actor, ZoneId zone)
            throws IOException {
        Contents c = read(zip);
        Records records = store.records();
        String pid = c.summary().patientId();
        if (records.find(ClinicalKinds.PATIENT, pid).isPresent()) {
            throw new ReferralException("patient " + pid + " already exists in " + store.config()
                    + "; a referral creates a patient, it does not merge into one");
        }
        Map<String, RecordKind<?>> kinds = new LinkedHashMap<>();
        ClinicalKinds.ALL.forEach(k -> kinds.put(k.name(), k));
        List<Runnable> creations = new ArrayList<>();
        PatientRecord chartPatient = null;
        for (JsonNode line : c.records()) {
            RecordKind<?> kind = kinds.get(line.path("kind").asText());
            if (kind == null) {
                throw new ReferralException(zip + " holds a record of kind '"
                        + line.path("kind").asText() + "' this netra does not know (a newer version wrote it?)");
            }
            if (!travels(kind)) {
                continue; // packages written before netra left them out still carry the sender's stays
            }
            Object value = store.documents().read(JSON.writeValueAsString(line.get("record")), kind.type());
            if (value instanceof PatientRecord p) {
                chartPatient = p;
            }
            creations.add(() -> create(records, kind, value, actor));
        }
        if (chartPatient != null) {
            for (var e : c.dicom().entrySet()) {
                requireSamePatient(chartPatient, header(e.getValue(), e.getKey()), zip + " " + e.getKey());
            }
        }
        if (creations.isEmpty()) {
            // a package from another system: only its FHIR Bundle says who the patient is
            FhirFiling.file(
                    new FhirImport(zone).fromBundle(FhirJson.parse(c.fhirJson(), zip + " fhir/bundle.json")),
                    store,
                    actor);
        } else {
            creations.forEach(Runnable::run);
        }

        if (target.folder().isPresent()) {
            for (var e : c.dicom().entrySet()) {
                Attributes h = header(e.getValue(), e.getKey());
                Path dir = target.folder()
                        .get()
                        .resolve(h.string(Tag.STUDY_INSTANCE_UID).orElse("study"))
                        .resolve(h.string(Tag.SERIES_INSTANCE_UID).orElse("series"));
                Files.createDirectories(dir);
                Files.write(dir.resolve(Path.of(e.getKey()).getFileName()), e.getValue());
            }
        }
        if (target.pacs().isPresent()) {
            List<Matches.StoredInstance> stored =
                    target.pacs().get().store(new ArrayList<>(c.dicom().values()));
            List<Matches.StoredInstance> failed =
                    stored.stream().filter(Matches.StoredInstance::failed).toList();
            if (!failed.isEmpty()) {
                throw new ReferralException("the PACS refused " + failed.size() + " of " + stored.size()
                        + " instances, e.g. " + failed.getFirst().sopInstanceUid() + " ("
                        + failed.getFirst().failureReason() + "); the records were imported");
            }
        }
        return c.summary();
    }

    /**
     * Whether records of this kind go to another centre: isolation-room stays are the sender's rooms and
     * calendar, meaningless (and clashing) at the receiver, so they stay home.
     */
    static boolean travels(RecordKind<?> kind) {
        return !kind.name().equals(ClinicalKinds.ROOM_BOOKING.name());
    }

    /** Refuses a DICOM instance of another patient than the chart's (ID, and name and birth date if present). */
    static void requireSamePatient(PatientRecord chart, Attributes h, String what) {
        var dicom = new IdentityCheck.DicomIdentity(
                h.string(Tag.PATIENT_ID).orElse(""), h.string(Tag.PATIENT_NAME), h.string(Tag.PATIENT_BIRTH_DATE));
        try {
            IdentityCheck.require(
                    chart.patient(),
                    chart.name(),
                    chart.identifiers(),
                    dicom,
                    what + " (" + h.string(Tag.SOP_INSTANCE_UID).orElse("no SOP Instance UID") + ")");
        } catch (IdentityCheck.MismatchException e) {
            throw new ReferralException(e.getMessage() + "; a referral carries one patient's images only");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void create(Records records, RecordKind<T> kind, Object value, String actor) {
        records.create(kind, (T) value, actor);
    }

    /** Reads every DICOM file below the given files or folders. */
    public static List<byte[]> dicomFiles(List<Path> paths) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path f : dicomPaths(paths)) {
            out.add(Files.readAllBytes(f));
        }
        return out;
    }

    /** The DICOM Part 10 files (by their "DICM" prefix) below the given files or folders, in path order. */
    public static List<Path> dicomPaths(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            List<Path> files;
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
            } else if (Files.isRegularFile(p)) {
                files = List.of(p);
            } else {
                throw new ReferralException(p + " does not exist");
            }
            for (Path f : files) {
                byte[] head = new byte[132];
                int n;
                try (InputStream in = Files.newInputStream(f)) {
                    n = in.readNBytes(head, 0, head.length);
                }
                if (n == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static JsonNode json(byte[] bytes, Path zip, String entry) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ReferralException(
                    zip + ": " + entry + " is not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
    }

    private static Attributes header(byte[] part10, String source) {
        try {
            return DicomFile.parse(part10, source, DicomFile.Extent.HEADER).dataset();
        } catch (DicomParseException e) {
            throw new ReferralException(source + " is not a readable DICOM file: " + e.getMessage(), e);
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
