package org.netra.app.web.pacs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.dosimetry.DosimetryJobs;
import org.netra.app.web.dosimetry.UploadRefusedException;
import org.netra.app.web.dosimetry.UploadUnpacker;
import org.netra.clinical.patient.IdentityCheck;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.interop.dicomweb.DicomWebClient;
import org.netra.interop.dicomweb.DicomWebException;
import org.netra.interop.dicomweb.Matches;
import org.netra.store.clinical.PatientRecord;

/**
 * The department's PACS seen from the web: a patient's studies and series found by QIDO-RS, and the series a
 * physicist picks retrieved by WADO-RS into a new upload folder that goes through the same listing and choice of
 * time points and VOIs as a zip uploaded ({@link DosimetryJobs#receive}). Each retrieved instance passes the
 * identity check against the chart before it is kept, so a series of another patient is refused at once.
 */
public final class PacsRetrieval {
    /** One study of the patient on the PACS with its series. */
    public record StudyOnPacs(Matches.Study study, List<Matches.Series> series) {
        /** The Study Date as people write it (2018-11-15); as the PACS sent it when it is not a DICOM date. */
        public String date() {
            String d = study.studyDate();
            return d.matches("\\d{8}") ? d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6) : d;
        }
    }

    /** A series picked on the page or in the API: {@code studyUid/seriesUid}. */
    public record SeriesRef(String studyInstanceUid, String seriesInstanceUid) {
        private static final String UID = "[0-9.]{1,64}";

        /** Parses "study/series", refusing anything but two UIDs (the form value is also a request path). */
        public static SeriesRef parse(String value) {
            String[] parts = value == null ? new String[0] : value.strip().split("/", -1);
            if (parts.length != 2 || !parts[0].matches(UID) || !parts[1].matches(UID)) {
                throw new CycleInputException("series: each must be 'StudyInstanceUID/SeriesInstanceUID' (two DICOM"
                        + " UIDs of digits and dots), got '" + value + "'");
            }
            return new SeriesRef(parts[0], parts[1]);
        }

        public String value() {
            return studyInstanceUid + "/" + seriesInstanceUid;
        }
    }

    private final Optional<DicomWebClient> pacs;
    private final DosimetryJobs jobs;
    private final UploadUnpacker unpacker;

    public PacsRetrieval(Optional<URI> pacsUrl, DosimetryJobs jobs, UploadUnpacker unpacker) {
        this.pacs = pacsUrl.map(u -> new DicomWebClient(DicomWebClient.Settings.of(u)));
        this.jobs = jobs;
        this.unpacker = unpacker;
    }

    public Optional<URI> url() {
        return pacs.map(c -> c.settings().base());
    }

    /** The Patient ID the PACS knows the patient by: the chart's MRN when recorded, else netra's id. */
    public static String pacsPatientId(PatientRecord patient) {
        return patient.mrn().map(i -> i.value()).orElse(patient.id());
    }

    /** The patient's studies on the PACS, newest first, each with its series. */
    public List<StudyOnPacs> studiesOf(PatientRecord patient) {
        DicomWebClient client = client();
        String id = pacsPatientId(patient);
        try {
            List<StudyOnPacs> out = new ArrayList<>();
            for (Matches.Study s : client.searchStudies(Map.of("PatientID", id))) {
                out.add(new StudyOnPacs(s, client.searchSeries(Optional.of(s.studyInstanceUid()), Map.of())));
            }
            out.sort((a, b) -> b.study().studyDate().compareTo(a.study().studyDate()));
            return out;
        } catch (DicomWebException e) {
            throw unreachable(client, e);
        }
    }

    /**
     * Retrieves the picked series (time points, their CTs, the RTSTRUCT or SEG) into a new upload of {@code owner},
     * one folder per series, and lists it for the choice of time points and VOIs.
     */
    public DosimetryJobs.Upload pull(String owner, PatientRecord patient, List<SeriesRef> picked, CycleOptions options)
            throws IOException {
        if (picked.isEmpty()) {
            throw new CycleInputException("series: pick the SPECT time points, their CTs and the RTSTRUCT or SEG");
        }
        DicomWebClient client = client();
        String name = "PACS " + pacsPatientId(patient) + " (" + picked.size() + " series)";
        return jobs.receive(
                owner,
                name,
                options,
                (id, o) -> unpacker.receive(o, id, (dir, room) -> {
                    long written = 0;
                    for (SeriesRef ref : picked) {
                        written += retrieve(client, patient, ref, dir, room - written);
                    }
                }));
    }

    private long retrieve(DicomWebClient client, PatientRecord patient, SeriesRef ref, Path dir, long room)
            throws IOException {
        List<byte[]> instances;
        try {
            instances = client.retrieveSeries(ref.studyInstanceUid(), ref.seriesInstanceUid());
        } catch (DicomWebException e) {
            throw unreachable(client, e);
        }
        if (instances.isEmpty()) {
            throw new CycleInputException("series " + ref.seriesInstanceUid() + " has no instances on "
                    + client.settings().base() + ": pick another series");
        }
        long bytes = 0;
        Path folder = null;
        for (byte[] i : instances) {
            Attributes h = DicomFile.parse(i, "series " + ref.seriesInstanceUid(), DicomFile.Extent.HEADER)
                    .dataset();
            if (folder == null) {
                requireSamePatient(patient, h, ref);
                folder = unique(dir.resolve(folderName(h)));
                Files.createDirectories(folder);
            }
            bytes += i.length;
            if (bytes > room) {
                throw new UploadRefusedException("the picked series pass the room left in your job folders ("
                        + (room >> 20) + " MiB): pick fewer series or wait until older jobs expire");
            }
            String sop =
                    h.string(Tag.SOP_INSTANCE_UID).orElse("instance-" + bytes).replaceAll("[^0-9.]", "_");
            Files.write(folder.resolve(sop + ".dcm"), i);
        }
        return bytes;
    }

    /** The existing identity check, on the first instance's Patient ID, name and birth date. */
    private static void requireSamePatient(PatientRecord patient, Attributes h, SeriesRef ref) {
        try {
            IdentityCheck.require(
                    patient.patient(),
                    patient.name(),
                    patient.identifiers(),
                    new IdentityCheck.DicomIdentity(
                            h.string(Tag.PATIENT_ID).orElse(""),
                            h.string(Tag.PATIENT_NAME),
                            h.string(Tag.PATIENT_BIRTH_DATE)),
                    "series " + ref.seriesInstanceUid());
        } catch (IdentityCheck.MismatchException e) {
            throw new CycleInputException(e.getMessage());
        }
    }

    /** "NM_3", "CT_2", "RTSTRUCT_1": the modality and series number, the page's label for the time point. */
    private static String folderName(Attributes h) {
        String modality = h.string(Tag.MODALITY).orElse("OT").toUpperCase(Locale.ROOT);
        String number = h.string(Tag.SERIES_NUMBER).orElse("").strip();
        return (modality + "_" + (number.isEmpty() ? "x" : number)).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Path unique(Path folder) {
        Path p = folder;
        for (int i = 2; Files.exists(p); i++) {
            p = folder.resolveSibling(folder.getFileName() + "_" + i);
        }
        return p;
    }

    DicomWebClient client() {
        return pacs.orElseThrow(() -> new CycleInputException(
                "no PACS is configured: set pacs.url (NETRA_PACS_URL) to the PACS's DICOMweb root, e.g."
                        + " http://pacs:8042/dicom-web"));
    }

    static CycleInputException unreachable(DicomWebClient client, DicomWebException e) {
        return new CycleInputException("the PACS at " + client.settings().base() + " did not answer as DICOMweb ("
                + e.getMessage() + "): check pacs.url and that the PACS is running");
    }
}
