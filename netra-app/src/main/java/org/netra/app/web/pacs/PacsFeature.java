package org.netra.app.web.pacs;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.dosimetry.DosimetryJobs;
import org.netra.app.web.dosimetry.JobFeature;
import org.netra.app.web.dosimetry.UploadRefusedException;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.PatientRecord;

/**
 * A patient's studies on the department's PACS, and the series a physicist picks pulled into a dosimetry upload:
 * the page lists studies and series (modality, description, date, instances) and sends the picked ones to the
 * choice of time points and VOIs every upload goes through.
 */
public final class PacsFeature implements WebFeature {
    /** What the page shows: the patient, the PACS and its studies, or why they could not be listed. */
    public record PacsPage(
            String patientId,
            String patientName,
            String pacsPatientId,
            String pacsUrl,
            List<PacsRetrieval.StudyOnPacs> studies,
            String error) {}

    /** The API's answer to a pull: the upload waiting for its time points and VOIs, and where to choose them. */
    public record PulledUpload(
            String upload, String name, List<DosimetryJobs.Series> series, List<String> vois, String choose) {}

    /** The API's body for a pull. */
    record PullRequest(List<String> series) {}

    private final WebServices services;
    private final PacsRetrieval pacs;

    public PacsFeature(WebServices services, PacsRetrieval pacs) {
        this.services = services;
        this.pacs = pacs;
    }

    @Override
    public void register(Routes routes) {
        Access runners = Access.requires(Permission.RUN_DOSIMETRY);
        routes.page(HandlerType.GET, "/patients/{id}/pacs", runners, ctx -> render(routes, ctx, page(ctx, "")));
        routes.page(HandlerType.POST, "/patients/{id}/pacs/pull", runners, ctx -> {
            try {
                var upload = pull(ctx, ctx.formParams("series"));
                ctx.redirect("/dosimetry/uploads/" + upload.id(), HttpStatus.SEE_OTHER);
            } catch (CycleInputException e) {
                ctx.status(e instanceof UploadRefusedException ? 413 : 400);
                render(routes, ctx, page(ctx, e.getMessage()));
            }
        });
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/pacs/studies",
                runners,
                "the patient's studies on the PACS (QIDO-RS by the MRN), each with its series",
                ctx -> {
                    var patient = patient(ctx);
                    ctx.json(Map.of(
                            "pacsPatientId", PacsRetrieval.pacsPatientId(patient),
                            "studies", pacs.studiesOf(patient)));
                });
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/pacs/pull",
                runners,
                "retrieve picked series (WADO-RS) into a dosimetry upload; body {\"series\": [\"study/series\", …]}",
                ctx -> {
                    var request = org.netra.app.web.input.JsonBody.read(
                            ctx, PullRequest.class, "{\"series\": [\"1.2.3/1.2.3.4\"]}");
                    var u = pull(ctx, request.series() == null ? List.of() : request.series());
                    ctx.status(HttpStatus.CREATED)
                            .json(new PulledUpload(
                                    u.id(), u.name(), u.series(), u.rois(), "/dosimetry/uploads/" + u.id()));
                });
    }

    private DosimetryJobs.Upload pull(Context ctx, List<String> picked) throws IOException {
        var refs = picked.stream().map(PacsRetrieval.SeriesRef::parse).toList();
        String owner = RequestSecurity.user(ctx).orElseThrow().username();
        return pacs.pull(owner, patient(ctx), refs, JobFeature.options(ctx));
    }

    private PacsPage page(Context ctx, String error) {
        var patient = patient(ctx);
        String url = pacs.url().map(Object::toString).orElse("");
        List<PacsRetrieval.StudyOnPacs> studies = List.of();
        String problem = error;
        try {
            studies = pacs.studiesOf(patient);
        } catch (CycleInputException e) {
            problem = problem.isEmpty() ? e.getMessage() : problem;
        }
        return new PacsPage(patient.id(), patient.name(), PacsRetrieval.pacsPatientId(patient), url, studies, problem);
    }

    private PatientRecord patient(Context ctx) {
        return PatientChart.load(services.store().records(), ctx.pathParam("id"))
                .patient()
                .value();
    }

    private static void render(Routes routes, Context ctx, PacsPage page) {
        routes.views().render(ctx, "pacs.jte", "PACS · " + page.patientName(), page);
    }
}
