package org.netra.app.web.care;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.OptionalInt;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomParseException;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.sr.StructuredReportException;
import org.netra.interop.administration.AdministrationSr;
import org.netra.interop.administration.AdministrationSrException;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr;
import org.netra.store.Store;

/**
 * A cycle's administration as a Radiopharmaceutical Radiation Dose SR: downloaded by anyone who may see the
 * patient, and taken in from a hot lab's or an injector's SR by the radiopharmacist or the nurse (field
 * {@code rrdsr}), which files the dispensing and the administration time in one audited transaction.
 */
final class AdministrationReports {
    /** An RRDSR is a few kilobytes; anything near this is not one. */
    static final int MAX_BYTES = 1 << 20;

    private final Store store;
    private final Clock clock;

    AdministrationReports(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The SR as a DICOM Part 10 file; 400 naming what is missing when the cycle's records are not complete. */
    void download(TherapyCycle c, Context ctx) {
        byte[] part10;
        try {
            part10 = DicomWriter.toBytes(
                    AdministrationSr.export(
                            store, c.patientId(), c.number(), clock.getZone(), LocalDateTime.now(clock)),
                    DicomWriter.SequenceLengths.DEFINED);
        } catch (AdministrationSrException e) {
            throw new InvalidInputException(Map.of("rrdsr", e.getMessage()));
        }
        ctx.contentType("application/dicom")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"rrdsr-" + c.patientId().replaceAll("[^A-Za-z0-9._-]", "_") + "-cycle-"
                                + c.number() + ".dcm\"")
                .result(part10);
    }

    /** Files the SR in {@code in} as this cycle's dispensing and administration. */
    AdministrationSr.Filed file(TherapyCycle c, InputStream in, String name, String actor) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException(Map.of(
                    "rrdsr", name + " is larger than " + (MAX_BYTES >> 10) + " KiB; an RRDSR is a few kilobytes"));
        }
        try {
            var sr = RadiopharmaceuticalDoseSr.read(
                    DicomFile.parse(bytes, name, DicomFile.Extent.ALL).dataset());
            String about = AdministrationSr.patientOf(store, sr);
            if (!about.equals(c.patientId())) {
                throw new InvalidInputException(Map.of(
                        "rrdsr",
                        name + " is about patient " + about + " (Patient ID "
                                + sr.subject().patientId() + "), not " + c.patientId()
                                + "; import it on that patient's cycle"));
            }
            return AdministrationSr.file(store, sr, OptionalInt.of(c.number()), clock.getZone(), actor);
        } catch (DicomParseException e) {
            throw new InvalidInputException(
                    Map.of("rrdsr", name + " is not a DICOM file netra can read: " + e.getMessage()));
        } catch (StructuredReportException | AdministrationSrException e) {
            throw new InvalidInputException(Map.of("rrdsr", e.getMessage()));
        }
    }

    /** The multipart form's file, or a 400 naming the field. */
    void fileUpload(TherapyCycle c, Context ctx, String actor) throws IOException {
        io.javalin.http.UploadedFile upload;
        try {
            upload = ctx.uploadedFile("rrdsr");
        } catch (IllegalStateException e) {
            throw new InvalidInputException(Map.of("rrdsr", "the file is too large for an RRDSR"));
        }
        if (upload == null) {
            throw new InvalidInputException(
                    Map.of("rrdsr", "choose the RRDSR file (.dcm) the hot lab or injector sent"));
        }
        try (InputStream in = upload.content()) {
            file(c, in, upload.filename(), actor);
        }
    }
}
