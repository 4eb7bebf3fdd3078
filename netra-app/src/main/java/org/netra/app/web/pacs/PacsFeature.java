package org.netra.app.web.pacs;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.netra.app.report.DosimetryReportPdf;
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
import org.netra.store.record.Stored;

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
    private final PacsPush push;
    private final DosimetryJobs jobs;

    public PacsFeature(WebServices services, PacsRetrieval pacs, PacsPush push, DosimetryJobs jobs) {
        this.services = services;
        this.pacs = pacs;
        this.push = push;
        this.jobs = jobs;
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
        routes.page(HandlerType.POST, "/dosimetry/jobs/{id}/push", runners, ctx -> {
            routes.views().render(ctx, "pacs-pushed.jte", "Sent to the PACS", push(ctx));
        });
        routes.page(HandlerType.POST, "/patients/{id}/dosimetry/{cycle}/push", runners, ctx -> {
            routes.views().render(ctx, "pacs-pushed.jte", "Sent to the PACS", pushCycle(ctx));
        });
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/dosimetry/{cycle}/push",
                runners,
                "store a cycle's RT Dose and RTSTRUCT (from the job attached to it) and its latest signed report (else"
                        + " the job's report, marked unsigned) on the PACS (STOW-RS); audited",
                ctx -> ctx.status(HttpStatus.CREATED).json(pushCycle(ctx)));
        routes.api(
                HandlerType.POST,
                "/api/dosimetry/jobs/{id}/push",
                runners,
                "store a finished job's RT Dose, RTSTRUCT and report (Encapsulated PDF) on the PACS (STOW-RS); audited",
                ctx -> ctx.status(HttpStatus.CREATED).json(push(ctx)));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/pacs/studies",
                runners,
                "the patient's studies on the PACS (QIDO-RS by the MRN), each with its series",
                ctx -> {
                    var patient = patient(ctx);
                    try {
                        ctx.json(Map.of(
                                "pacsPatientId", PacsRetrieval.pacsPatientId(patient),
                                "studies", pacs.studiesOf(patient)));
                    } catch (CycleInputException e) {
                        throw new BadRequestResponse(e.getMessage());
                    }
                });
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/pacs/pull",
                runners,
                "retrieve picked series (WADO-RS) into a dosimetry upload; body {\"series\": [\"study/series\", …]}",
                ctx -> {
                    var request = org.netra.app.web.input.JsonBody.read(
                            ctx, PullRequest.class, "{\"series\": [\"1.2.3/1.2.3.4\"]}");
                    DosimetryJobs.Upload u;
                    try {
                        u = pull(ctx, request.series() == null ? List.of() : request.series());
                    } catch (CycleInputException e) {
                        throw new BadRequestResponse(e.getMessage());
                    }
                    ctx.status(HttpStatus.CREATED)
                            .json(new PulledUpload(
                                    u.id(), u.name(), u.series(), u.rois(), "/dosimetry/uploads/" + u.id()));
                });
    }

    /** A refusal (no PACS, PACS unreachable, wrong patient, bad series, expired results) is a 400 naming why. */
    private PacsPush.PushRecord push(Context ctx) throws IOException {
        try {
            return pushJob(ctx);
        } catch (CycleInputException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private PacsPush.PushRecord pushJob(Context ctx) throws IOException {
        var job = jobs.get(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("There is no dosimetry job " + ctx.pathParam("id") + "."));
        return pushWithReport(ctx, job);
    }

    /** The push from a cycle's dosimetry page: the job attached to the cycle, with the cycle's signed report. */
    private PacsPush.PushRecord pushCycle(Context ctx) throws IOException {
        String pid = ctx.pathParam("id");
        int cycle;
        try {
            cycle = Integer.parseInt(ctx.pathParam("cycle"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("the cycle must be a number, got '" + ctx.pathParam("cycle") + "'");
        }
        var records = services.store().records();
        var dosimetry = PatientChart.load(records, pid).dosimetry().stream()
                .map(Stored::value)
                .filter(d -> d.dosimetry().cycle() == cycle)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new NotFoundResponse("cycle " + cycle + " of " + pid + " has no dosimetry"));
        var job = records.list(DosimetryJobs.FinishedJob.KIND).stream()
                .map(Stored::value)
                .filter(j -> j.attachedTo().equals(dosimetry.id()))
                .max(java.util.Comparator.comparing(DosimetryJobs.FinishedJob::finished))
                .flatMap(j -> jobs.get(j.id()))
                .orElseThrow(() -> new BadRequestResponse("cycle " + cycle + "'s dosimetry of " + pid
                        + " did not come from a dosimetry job netra holds (it was imported or entered), so there is"
                        + " no dose map or study to send; push from the job that computed it"));
        try {
            return pushWithReport(ctx, job);
        } catch (CycleInputException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    /**
     * The job's exports with the report: the latest signed version of the cycle the job is attached to, else the
     * job's own report, said to be unsigned.
     */
    private PacsPush.PushRecord pushWithReport(Context ctx, DosimetryJobs.Job job) throws IOException {
        var result = job.result()
                .orElseThrow(() -> new CycleInputException("job " + job.id() + " has not finished; push it when done"));
        PacsPush.ReportToSend report = signedReportOf(job)
                .orElseGet(() -> new PacsPush.ReportToSend.Unsigned(
                        DosimetryReportPdf.render(JobFeature.report(job, result)),
                        job.attachedTo().isEmpty()
                                ? "the job is not attached to a cycle; its own report went, which no physicist has signed"
                                : "no physicist has signed the cycle's report yet; the job's own report went"));
        return push.push(job, report, RequestSecurity.user(ctx).orElseThrow().username());
    }

    private java.util.Optional<PacsPush.ReportToSend> signedReportOf(DosimetryJobs.Job job) {
        if (job.attachedTo().isEmpty()) {
            return java.util.Optional.empty();
        }
        var store = services.store();
        return store.records()
                .find(org.netra.store.clinical.ClinicalKinds.DOSIMETRY, job.attachedTo())
                .map(Stored::value)
                .flatMap(d -> store
                        .signedReports()
                        .versions(d.patientId(), d.dosimetry().cycle())
                        .stream()
                        .reduce((a, b) -> b)
                        .flatMap(latest -> store.signedReports()
                                .pdf(d.patientId(), d.dosimetry().cycle(), latest.version())
                                .map(pdf -> new PacsPush.ReportToSend.Signed(
                                        pdf, latest.version(), latest.signer().name()))));
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
