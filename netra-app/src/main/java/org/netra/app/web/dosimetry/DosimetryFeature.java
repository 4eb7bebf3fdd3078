package org.netra.app.web.dosimetry;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.Map;
import org.netra.app.report.DosimetryReportPdf;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.input.JsonBody;
import org.netra.app.web.input.Refused;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.interop.administration.AdministrationSrException;
import org.netra.interop.administration.CycleDoseRecords;
import org.netra.interop.fhir.AbsorbedDoseFhir;
import org.netra.interop.fhir.FhirJson;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientChart;

/**
 * A cycle's dosimetry: the page, the JSON API, the draft PDF report, and the report's signed versions (a
 * physicist approves and signs; a signed version never changes, a correction is an amended version).
 */
public final class DosimetryFeature implements WebFeature {
    private final WebServices services;
    private final ReportSigning signing;
    private final AbsorbedDoseImport doseImport;

    public DosimetryFeature(WebServices services) {
        this.services = services;
        this.signing = new ReportSigning(services.store(), services.clock().getZone());
        this.doseImport =
                new AbsorbedDoseImport(services.store(), services.clock().getZone());
    }

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        Access signers = Access.requires(Permission.APPROVE_DOSIMETRY);
        routes.page(HandlerType.GET, "/patients/{id}/dosimetry/{cycle}", viewers, ctx -> {
            var v = view(ctx);
            routes.views().render(ctx, "dosimetry.jte", "Dosimetry cycle " + v.cycle() + " · " + v.patientName(), v);
        });
        routes.page(HandlerType.GET, "/patients/{id}/dosimetry/{cycle}/report.pdf", viewers, ctx -> {
            var v = view(ctx);
            byte[] pdf = DosimetryReportPdf.render(signing.draft(v.patientId(), v, Instant.now(services.clock())));
            pdf(ctx, pdf, "dosimetry-" + v.patientId() + "-cycle-" + v.cycle() + "-draft.pdf");
        });
        routes.page(HandlerType.POST, "/patients/{id}/dosimetry/{cycle}/report/sign", signers, ctx -> {
            var v = view(ctx);
            sign(ctx, v, version(ctx.formParam("version")), ctx.formParam("reason"));
            ctx.redirect("/patients/" + v.patientId() + "/dosimetry/" + v.cycle(), HttpStatus.SEE_OTHER);
        });
        routes.page(HandlerType.GET, "/patients/{id}/dosimetry/{cycle}/report/signed/{version}", viewers, ctx -> {
            var v = view(ctx);
            int version = version(ctx.pathParam("version"));
            pdf(
                    ctx,
                    signedPdf(v, version),
                    "dosimetry-" + v.patientId() + "-cycle-" + v.cycle() + "-v" + version + ".pdf");
        });
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/dosimetry/{cycle}",
                viewers,
                "a cycle's doses ± SD, kidney BED per cycle against the limit, predicted further cycles, the report's"
                        + " state and signed versions",
                ctx -> ctx.json(view(ctx)));
        routes.page(HandlerType.GET, "/patients/{id}/dosimetry/{cycle}/doses.fhir.json", viewers, this::dosesFhir);
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/dosimetry/{cycle}/fhir",
                viewers,
                "a cycle's absorbed doses as a FHIR R4 Bundle (Radiation Dose Summary IG structure: the summary"
                        + " Observation, one Observation per region in Gy, the MedicationAdministration and Procedure)",
                this::dosesFhir);
        // filing a cycle's doses is the physicist's, as attaching a dosimetry job to a cycle is
        routes.page(HandlerType.POST, "/patients/{id}/dosimetry", signers, ctx -> {
            var filed = importDoses(ctx);
            ctx.redirect("/patients/" + filed.patientId() + "/dosimetry/" + filed.cycle(), HttpStatus.SEE_OTHER);
        });
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/dosimetry",
                signers,
                "file a cycle's absorbed doses received as a FHIR R4 Bundle (multipart field file, .json, as"
                        + " doses.fhir.json or `netra export doses-fhir` writes it) as that cycle's dosimetry"
                        + " (physicist); 201, 400 on file when it is not such a Bundle, names another patient, lacks"
                        + " the kidneys' effective half-life or the cycle has dosimetry already",
                ctx -> ctx.status(HttpStatus.CREATED).json(importDoses(ctx)));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/dosimetry/{cycle}/report/versions",
                viewers,
                "the signed versions of a cycle's dosimetry report (version, signer, role, time, amendment reason)",
                ctx -> {
                    var v = view(ctx);
                    ctx.json(v.reportVersions());
                });
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/dosimetry/{cycle}/report/sign",
                signers,
                "approve and sign a cycle's dosimetry report (physicist): JSON or form fields version (1, or the next"
                        + " amendment) and reason (required for an amendment); 409 if that version is signed already",
                ctx -> {
                    var v = view(ctx);
                    SignRequest body = ctx.isJson()
                            ? JsonBody.read(ctx, SignRequest.class, "{\"version\": 1, \"reason\": \"\"}")
                            : new SignRequest(version(ctx.formParam("version")), ctx.formParam("reason"));
                    if (body.version() == null) {
                        throw new InvalidInputException(
                                Map.of("version", "give the version to sign: " + v.nextReportVersion() + " is next"));
                    }
                    ctx.status(201).json(sign(ctx, v, body.version(), body.reason()));
                });
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/dosimetry/{cycle}/report/signed/{version}",
                viewers,
                "a signed version of a cycle's dosimetry report: the PDF exactly as signed",
                ctx -> {
                    var v = view(ctx);
                    int version = version(ctx.pathParam("version"));
                    pdf(
                            ctx,
                            signedPdf(v, version),
                            "dosimetry-" + v.patientId() + "-cycle-" + v.cycle() + "-v" + version + ".pdf");
                });
    }

    /** The cycle's absorbed doses as FHIR R4 JSON; 400 naming what is missing when the cycle has no dosimetry. */
    private void dosesFhir(Context ctx) {
        var v = view(ctx);
        String json;
        try {
            json = FhirJson.encode(new AbsorbedDoseFhir(services.clock().getZone())
                    .toBundle(CycleDoseRecords.summary(services.store(), v.patientId(), v.cycle())));
        } catch (AdministrationSrException e) {
            throw new InvalidInputException(Map.of("cycle", e.getMessage()));
        }
        ctx.contentType("application/fhir+json")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"doses-" + v.patientId().replaceAll("[^A-Za-z0-9._-]", "_") + "-cycle-"
                                + v.cycle() + ".fhir.json\"")
                .result(json);
    }

    /** The upload filed for the path's patient (404 before anything is read when there is no such patient). */
    private AbsorbedDoseImport.Filed importDoses(Context ctx) throws java.io.IOException {
        String patientId = services.store()
                .records()
                .get(ClinicalKinds.PATIENT, ctx.pathParam("id"))
                .value()
                .id();
        return doseImport.fileUpload(
                ctx, patientId, RequestSecurity.user(ctx).orElseThrow().username());
    }

    /** An API request to sign: the version and, for an amendment, why. */
    public record SignRequest(Integer version, String reason) {}

    private ReportSigning.SignedVersion sign(Context ctx, CycleDosimetryView v, int version, String reason) {
        Instant now = Instant.now(services.clock());
        var draft = signing.draft(v.patientId(), v, now);
        return signing.sign(
                draft, v.patientId(), version, reason, RequestSecurity.user(ctx).orElseThrow(), now);
    }

    private byte[] signedPdf(CycleDosimetryView v, int version) {
        return signing.signedPdf(v.patientId(), v.cycle(), version)
                .orElseThrow(() -> Refused.notFound("version " + version + " of the cycle " + v.cycle() + " report of "
                        + v.patientId() + " has not been signed"));
    }

    private static void pdf(Context ctx, byte[] pdf, String filename) {
        ctx.contentType("application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .result(pdf);
    }

    private static int version(String raw) {
        try {
            return Integer.parseInt(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    Map.of("version", "the report version must be a whole number (1, 2, …), got '" + raw + "'"));
        }
    }

    private CycleDosimetryView view(Context ctx) {
        int cycle;
        try {
            cycle = Integer.parseInt(ctx.pathParam("cycle"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("the cycle must be a number, got '" + ctx.pathParam("cycle") + "'");
        }
        var records = services.store().records();
        String patientId = ctx.pathParam("id");
        PatientChart chart = PatientChart.load(records, patientId);
        var view = CycleDosimetryView.of(chart, cycle, id -> records.find(ClinicalKinds.CYCLE_CURVES, id)
                        .map(c -> c.value()))
                .withReportVersions(signing.versions(patientId, cycle));
        var forecast = chart.dosimetry().stream()
                .map(org.netra.store.record.Stored::value)
                .filter(d -> d.dosimetry().cycle() == cycle)
                .reduce((a, b) -> b)
                .flatMap(d -> CourseForecastPanel.after(chart, d.courseId(), cycle, records));
        return view.withForecast(forecast);
    }
}
