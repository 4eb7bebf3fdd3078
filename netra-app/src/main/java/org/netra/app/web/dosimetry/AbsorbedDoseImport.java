package org.netra.app.web.dosimetry;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import org.netra.app.web.input.InvalidInputException;
import org.netra.interop.administration.AdministrationSrException;
import org.netra.interop.administration.CycleDoseRecords;
import org.netra.interop.fhir.AbsorbedDoseFhir;
import org.netra.interop.fhir.FhirImportException;
import org.netra.interop.fhir.FhirJson;
import org.netra.store.Store;

/**
 * A cycle's absorbed doses received as a FHIR R4 Bundle (as netra's download or {@code netra export doses-fhir}
 * writes it), filed from the patient's page as that cycle's dosimetry through the code path of {@code netra import
 * doses-fhir}: {@link AbsorbedDoseFhir#fromBundle} then {@link CycleDoseRecords#file}, one audited transaction.
 * Every refusal is a 400 on the form's field {@code file} with the library's message; nothing is filed then.
 */
final class AbsorbedDoseImport {
    /** The form's file field. */
    static final String FIELD = "file";
    /**
     * A dose Bundle is a few kilobytes per region; a megabyte is hundreds of regions, so anything larger is not one.
     */
    static final int MAX_BYTES = 1 << 20;

    /** What was filed, for the API and the redirect. */
    record Filed(String patientId, int cycle, String dosimetryId, int regions) {}

    private final Store store;
    private final ZoneId zone;

    AbsorbedDoseImport(Store store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** The multipart upload's Bundle filed for {@code patientId}, who must be the patient it names. */
    Filed fileUpload(Context ctx, String patientId, String actor) throws IOException {
        UploadedFile upload;
        try {
            upload = ctx.uploadedFile(FIELD);
        } catch (IllegalStateException e) {
            throw refused("the file is larger than an upload may be; a dose Bundle is a few kilobytes");
        }
        if (upload == null) {
            throw refused("choose the absorbed-dose FHIR Bundle (.json) the other department sent");
        }
        String name = upload.filename() == null || upload.filename().isBlank() ? "the upload" : upload.filename();
        try (InputStream in = upload.content()) {
            return file(in.readNBytes(MAX_BYTES + 1), name, patientId, actor);
        }
    }

    Filed file(byte[] bytes, String source, String patientId, String actor) {
        if (bytes.length > MAX_BYTES) {
            throw refused(source + " is larger than " + (MAX_BYTES >> 10)
                    + " KiB; a dose Bundle is a few kilobytes per region");
        }
        try {
            var summary = new AbsorbedDoseFhir(zone).fromBundle(FhirJson.parse(utf8(bytes, source), source), source);
            String about = CycleDoseRecords.patientOf(store, summary, source);
            if (!about.equals(patientId)) {
                throw refused(source + " holds the doses of patient " + about + " (Patient ID " + summary.patientId()
                        + "), not " + patientId + "; import it from that patient's page");
            }
            var filed = CycleDoseRecords.file(store, summary, source, actor);
            return new Filed(
                    filed.patientId(),
                    summary.cycle(),
                    filed.id(),
                    summary.regions().size());
        } catch (FhirImportException | AdministrationSrException e) {
            throw refused(e.getMessage());
        }
    }

    /** The text, or a refusal: a binary file named .json is not a Bundle, and HAPI would only say so vaguely. */
    private static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused(source + " is not JSON text (not UTF-8); choose the .json Bundle itself, not a zip or PDF");
        }
    }

    private static InvalidInputException refused(String message) {
        return new InvalidInputException(Map.of(FIELD, message));
    }
}
