package org.netra.app.web.referral;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.interop.dicomweb.DicomWebClient;
import org.netra.interop.fhir.FhirImport;
import org.netra.interop.fhir.FhirJson;
import org.netra.interop.referral.FhirFiling;
import org.netra.interop.referral.ReferralPackage;
import org.netra.store.clinical.PatientChart;

/**
 * A patient's record leaving and entering netra from the web, through the CLI's code paths: the referral package
 * (netra's zip of records and FHIR) and a FHIR R4 Bundle downloaded from the patient's page, and a package or a
 * Bundle from another centre imported (its DICOM stored on the PACS when one is configured). Both export and import
 * need the right to edit patients: a package carries the whole record, an import files new records.
 */
public final class ReferralFeature implements WebFeature {
    /** What an import filed, for the page and the API. */
    public record Imported(String patientId, Map<String, Integer> records, int dicomInstances, List<String> notFiled) {}

    private final WebServices services;
    private final Optional<DicomWebClient> pacs;

    public ReferralFeature(WebServices services, Optional<java.net.URI> pacsUrl) {
        this.services = services;
        this.pacs = pacsUrl.map(u -> new DicomWebClient(DicomWebClient.Settings.of(u)));
    }

    @Override
    public void register(Routes routes) {
        Access editors = Access.requires(Permission.EDIT_PATIENT);
        routes.page(HandlerType.GET, "/patients/{id}/referral.zip", editors, this::packageDownload);
        routes.page(HandlerType.GET, "/patients/{id}/fhir.json", editors, this::bundleDownload);
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/referral",
                editors,
                "the patient's referral package (zip: records, FHIR R4 Bundle), as `netra referral export` writes it",
                this::packageDownload);
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/fhir",
                editors,
                "the patient's record as a FHIR R4 Bundle (JSON), as `netra export fhir` writes it",
                this::bundleDownload);
        routes.nav("Import referral", "/referrals/import", editors);
        routes.page(HandlerType.GET, "/referrals/import", editors, ctx -> routes.views()
                .render(ctx, "referral-import.jte", "Import a referral", ""));
        routes.page(HandlerType.POST, "/referrals/import", editors, ctx -> {
            var done = importUpload(ctx);
            ctx.redirect("/patients/" + done.patientId(), HttpStatus.SEE_OTHER);
        });
        routes.api(
                HandlerType.POST,
                "/api/referrals/import",
                editors,
                "import a referral: multipart field file, a netra package (.zip) or a FHIR R4 Bundle (.json)",
                ctx -> ctx.status(HttpStatus.CREATED).json(importUpload(ctx)));
    }

    private void packageDownload(Context ctx) throws IOException {
        String id = requirePatient(ctx);
        Path tmp = Files.createTempFile("netra-referral-", ".zip");
        try {
            ReferralPackage.write(
                    tmp, services.store(), id, List.of(), services.clock().getZone());
            ctx.contentType("application/zip")
                    .header("Content-Disposition", "attachment; filename=\"referral-" + id + ".zip\"")
                    .result(Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void bundleDownload(Context ctx) {
        String id = requirePatient(ctx);
        var bundle = ReferralPackage.fhirBundle(
                services.store(), id, List.of(), services.clock().getZone());
        ctx.contentType("application/fhir+json")
                .header("Content-Disposition", "attachment; filename=\"fhir-" + id + ".json\"")
                .result(FhirJson.encode(bundle).getBytes(StandardCharsets.UTF_8));
    }

    /** The patient of the path, or 404 (RecordNotFoundException) before anything is written. */
    private String requirePatient(Context ctx) {
        return PatientChart.load(services.store().records(), ctx.pathParam("id"))
                .patient()
                .value()
                .id();
    }

    private Imported importUpload(Context ctx) throws IOException {
        io.javalin.http.UploadedFile upload;
        try {
            upload = ctx.uploadedFile("file");
        } catch (IllegalStateException e) {
            throw new InvalidInputException(Map.of("file", "the file is larger than an upload may be"));
        }
        if (upload == null) {
            throw new InvalidInputException(
                    Map.of("file", "choose a referral package (.zip) or a FHIR R4 Bundle (.json)"));
        }
        String actor = RequestSecurity.user(ctx).orElseThrow().username();
        String name = upload.filename() == null ? "" : upload.filename().toLowerCase(Locale.ROOT);
        var zone = services.clock().getZone();
        try (InputStream in = upload.content()) {
            if (name.endsWith(".json")) {
                var record = new FhirImport(zone)
                        .fromBundle(FhirJson.parse(
                                new String(in.readAllBytes(), StandardCharsets.UTF_8), upload.filename()));
                var filed = FhirFiling.file(record, services.store(), actor);
                return new Imported(filed.patientId(), filed.records(), 0, filed.notFiled());
            }
            if (!name.endsWith(".zip")) {
                throw new InvalidInputException(Map.of(
                        "file", upload.filename() + " is neither a referral package (.zip) nor a FHIR Bundle (.json)"));
            }
            Path tmp = Files.createTempFile("netra-referral-in-", ".zip");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                var s = ReferralPackage.importInto(
                        tmp, services.store(), new ReferralPackage.DicomTarget(Optional.empty(), pacs), actor, zone);
                return new Imported(s.patientId(), s.records(), s.dicomInstances(), List.of());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IllegalArgumentException | org.netra.interop.fhir.FhirImportException e) {
            // a package or Bundle netra cannot read (FhirImportException is not an IllegalArgumentException), or one
            // that clashes with a patient it holds: named, nothing filed
            throw new InvalidInputException(Map.of("file", e.getMessage()));
        }
    }
}
