package org.netra.app.web.dosimetry;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.app.dosimetry.CameraSettings;
import org.netra.app.dosimetry.MonteCarloChoices;
import org.netra.app.report.DosimetryReport;
import org.netra.app.report.DosimetryReportPdf;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.dosimetry.cycle.DoseMethod;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

/** Upload a zip of DICOM time points and an RTSTRUCT, run the cycle's dosimetry in the background, watch it. */
public final class JobFeature implements WebFeature {
    private final DosimetryJobs jobs;
    private final UploadUnpacker unpacker;
    private final java.time.ZoneId zone;

    /** @param zone the department's zone, in which the list gives start times */
    public JobFeature(DosimetryJobs jobs, UploadUnpacker unpacker, java.time.ZoneId zone) {
        this.jobs = jobs;
        this.unpacker = unpacker;
        this.zone = zone;
    }

    /** The list page of {@code ctx}'s query (page, patient, state), with {@code error} from a refused upload. */
    private JobListing listing(io.javalin.http.Context ctx, String error) {
        int page;
        String raw = ctx.queryParam("page");
        try {
            page = raw == null || raw.isBlank() ? 1 : Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new io.javalin.http.BadRequestResponse("page must be a whole number, got '" + raw + "'");
        }
        try {
            return JobListing.of(jobs.list(), ctx.queryParam("patient"), ctx.queryParam("state"), page, zone, error);
        } catch (IllegalArgumentException e) {
            throw new io.javalin.http.BadRequestResponse(e.getMessage());
        }
    }

    /**
     * A job's page: the job, and the chart of its images' patient (to attach it to; empty when netra holds
     * none): the patient with the DICOM Patient ID as netra id or as hospital MRN.
     */
    public record JobView(DosimetryJobs.Job job, String chartId) {
        public boolean patientKnown() {
            return !chartId.isEmpty();
        }

        /** The job's Monte Carlo run beside the kernel (empty for the other methods). */
        public Optional<org.netra.store.clinical.MonteCarloCheck> monteCarlo() {
            return job.result()
                    .flatMap(DosimetryJobs.Result::json)
                    .flatMap(org.netra.app.dosimetry.CycleJson::monteCarloOf)
                    .map(MonteCarloRows::of);
        }
    }

    @Override
    public void register(Routes routes) {
        Access runners = Access.requires(Permission.RUN_DOSIMETRY);
        routes.nav("Dosimetry jobs", "/dosimetry/jobs", runners);
        routes.page(HandlerType.GET, "/dosimetry/jobs", runners, ctx -> routes.views()
                .render(ctx, "jobs.jte", "Dosimetry jobs", listing(ctx, "")));
        routes.page(HandlerType.POST, "/dosimetry/jobs", runners, ctx -> {
            try {
                var upload = unpack(ctx);
                ctx.redirect("/dosimetry/uploads/" + upload.id(), HttpStatus.SEE_OTHER);
            } catch (CycleInputException e) {
                ctx.status(e instanceof UploadRefusedException ? 413 : 400);
                routes.views().render(ctx, "jobs.jte", "Dosimetry jobs", listing(ctx, e.getMessage()));
            }
        });
        // the upload's time points and VOIs, all ticked: the physicist leaves out what the cycle must not use
        routes.page(HandlerType.GET, "/dosimetry/uploads/{id}", runners, ctx -> routes.views()
                .render(ctx, "upload.jte", "Choose time points and VOIs", new UploadPage(upload(ctx), "")));
        routes.page(HandlerType.POST, "/dosimetry/uploads/{id}/start", runners, ctx -> {
            var upload = upload(ctx);
            try {
                var job = jobs.start(
                        upload.id(),
                        upload.owner(),
                        ctx.formParams("timepoint"),
                        ctx.formParams("voi"),
                        ctx.formParams("role"),
                        DosimetryJobs.SingleScanRequest.parse(
                                ctx.formParam("stp"), ctx.formParam("patientId"), ctx.formParam("cycle")));
                ctx.redirect("/dosimetry/jobs/" + job.id(), HttpStatus.SEE_OTHER);
            } catch (CycleInputException e) {
                ctx.status(400);
                routes.views()
                        .render(
                                ctx,
                                "upload.jte",
                                "Choose time points and VOIs",
                                new UploadPage(upload, e.getMessage()));
            }
        });
        routes.page(HandlerType.GET, "/dosimetry/jobs/{id}", runners, ctx -> routes.views()
                .render(ctx, "job.jte", "Dosimetry job", view(job(ctx))));
        routes.page(HandlerType.GET, "/dosimetry/jobs/{id}/progress", runners, ctx -> {
            var job = job(ctx);
            // htmx stops polling on 286 once the job has finished
            boolean finished = job.state() == DosimetryJobs.State.DONE || job.state() == DosimetryJobs.State.FAILED;
            ctx.status(finished ? 286 : 200);
            routes.views().render(ctx, "job-progress.jte", "Dosimetry job", view(job));
        });
        Access approvers = Access.requires(Permission.APPROVE_DOSIMETRY);
        routes.page(HandlerType.POST, "/dosimetry/jobs/{id}/attach", approvers, ctx -> {
            var job = job(ctx);
            try {
                var rec = attach(ctx, job);
                ctx.redirect(
                        "/patients/" + rec.patientId() + "/dosimetry/"
                                + rec.dosimetry().cycle(),
                        HttpStatus.SEE_OTHER);
            } catch (CycleInputException e) {
                ctx.status(400);
                routes.views().render(ctx, "job.jte", "Dosimetry job", view(job.withError(e.getMessage())));
            }
        });
        routes.api(
                HandlerType.POST,
                "/api/dosimetry/jobs/{id}/attach",
                approvers,
                "attach a finished job to a cycle of its patient's course (physicist): form or JSON field cycle",
                ctx -> {
                    try {
                        ctx.json(attach(ctx, job(ctx)));
                    } catch (CycleInputException e) {
                        throw new BadRequestResponse(e.getMessage());
                    }
                });
        routes.page(HandlerType.GET, "/dosimetry/jobs/{id}/report.pdf", runners, ctx -> {
            var job = job(ctx);
            var result = job.result().orElseThrow(() -> new NotFoundResponse("job " + job.id() + " has no result yet"));
            ctx.contentType("application/pdf")
                    .result(DosimetryReportPdf.render(
                            report(job, result).withChecklist(ReportChecklistValues.ofJob(job, result), zone)));
        });
        routes.api(
                HandlerType.POST,
                "/api/dosimetry/jobs",
                runners,
                "start a dosimetry job: multipart field zip (time-point folders, their CTs + RTSTRUCT; or a patient CD"
                        + " with its DICOMDIR, series folders media/S<n>_<modality>), method"
                        + " voxel-kernel|local-deposition|organ-s|monte-carlo, recovery gtm (default)|none, optional psfFwhmMm over"
                        + " the series' and the department's, with monte-carlo optional mcTargetUncertainty (%,"
                        + " 0.01–10, default 2, per kidney and tumour), mcTimeLimit (90, 90s, 5m; default 5m), mcSeed,"
                        + " mcThreads (a bad one is a 400 naming its field), optional timepoints and vois"
                        + " (comma-separated folder and ROI names; default all); with one time point, stp"
                        + " population (default)|hanscheid|madsen and optional patientId with cycle (the patient's earlier"
                        + " cycles narrow the population prior)",
                ctx -> {
                    try {
                        var upload = unpack(ctx);
                        ctx.status(202)
                                .json(jobs.start(
                                        upload.id(),
                                        upload.owner(),
                                        chosen(
                                                ctx.formParam("timepoints"),
                                                upload.series().stream()
                                                        .map(DosimetryJobs.Series::folder)
                                                        .toList()),
                                        chosen(ctx.formParam("vois"), upload.rois()),
                                        List.of(),
                                        DosimetryJobs.SingleScanRequest.parse(
                                                ctx.formParam("stp"),
                                                ctx.formParam("patientId"),
                                                ctx.formParam("cycle"))));
                    } catch (UploadRefusedException e) {
                        throw new io.javalin.http.ContentTooLargeResponse(e.getMessage());
                    } catch (MonteCarloChoices.InvalidChoiceException e) {
                        throw new org.netra.app.web.input.InvalidInputException(Map.of(e.option(), e.reason()));
                    } catch (CycleInputException e) {
                        throw new BadRequestResponse(e.getMessage());
                    }
                });
        routes.api(
                HandlerType.GET,
                "/api/dosimetry/jobs",
                runners,
                "dosimetry jobs, newest first",
                ctx -> ctx.json(jobs.list()));
        routes.api(
                HandlerType.GET,
                "/api/dosimetry/jobs/{id}",
                runners,
                "a dosimetry job's state, progress and, when done, doses ± SD per VOI",
                ctx -> ctx.json(job(ctx)));
        routes.api(
                HandlerType.GET,
                "/api/dosimetry/jobs/{id}/result",
                runners,
                "a finished job's cycle report, exactly as `netra dosimetry --json` prints it for the same inputs",
                ctx -> {
                    var job = job(ctx);
                    String json = job.result()
                            .orElseThrow(() -> new NotFoundResponse("job " + job.id() + " has no result yet"))
                            .json()
                            .orElseThrow(() ->
                                    new NotFoundResponse("job " + job.id() + " was stored before reports were kept"));
                    ctx.contentType("application/json").result(json);
                });
    }

    /** The page choosing an upload's time points and VOIs. */
    public record UploadPage(DosimetryJobs.Upload upload, String error) {}

    private DosimetryJobs.Upload upload(Context ctx) {
        String user = RequestSecurity.user(ctx).orElseThrow().username();
        return jobs.upload(ctx.pathParam("id"), user)
                .orElseThrow(() -> new NotFoundResponse("There is no upload " + ctx.pathParam("id")
                        + " of yours waiting to start (started already, or expired): upload the zip again."));
    }

    /** A comma-separated selection, or everything when absent. */
    private static List<String> chosen(String csv, List<String> all) {
        if (csv == null || csv.isBlank()) {
            return all;
        }
        return java.util.Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .toList();
    }

    private DosimetryJobs.Upload unpack(Context ctx) throws IOException {
        return unpacker.fromForm(
                ctx,
                "choose a zip file with one folder per time point and an RTSTRUCT",
                (name, zip) ->
                        jobs.unpack(RequestSecurity.user(ctx).orElseThrow().username(), name, zip, options(ctx)));
    }

    /**
     * The dose method, partial-volume correction and camera resolution chosen on an upload's form (a zip, or series
     * picked on the PACS), over the department's defaults; a resolution that is not a number is refused naming it.
     */
    public static CycleOptions options(Context ctx) {
        String methodName = ctx.formParam("method");
        DoseMethod method = DoseMethod.parse(
                methodName == null || methodName.isBlank() ? "voxel-kernel" : methodName,
                org.netra.dosimetry.organ.ReferencePhantom.ADULT_MALE);
        if (method instanceof DoseMethod.MonteCarlo) {
            // the form's Monte Carlo fields, blank for the defaults; ignored with the other methods
            var names = MonteCarloChoices.Names.FORM;
            method = new DoseMethod.MonteCarlo(new MonteCarloChoices(
                            ctx.formParam(names.seed()),
                            ctx.formParam(names.targetPercent()),
                            ctx.formParam(names.timeLimit()),
                            ctx.formParam(names.threads()))
                    .settings(names));
        }
        Optional<Double> given = Optional.empty();
        String fwhm = ctx.formParam("psfFwhmMm");
        if (fwhm != null && !fwhm.isBlank()) {
            try {
                given = Optional.of(Double.parseDouble(fwhm.strip()));
            } catch (NumberFormatException e) {
                throw new CycleInputException(
                        "the camera's resolution (PSF FWHM) must be a number of mm, e.g. 10, got '" + fwhm + "'");
            }
        }
        String recovery = ctx.formParam("recovery");
        return CycleOptions.DEFAULTS
                .withMethod(method)
                .withRecovery(recovery == null || recovery.isBlank() ? "gtm" : recovery, given, Optional.empty())
                .withDepartmentPsf(CameraSettings.departmentPsfFwhmMm());
    }

    /** The request's cycle, from the form or a JSON body {"cycle": n}. */
    private org.netra.store.clinical.DosimetryRecord attach(Context ctx, DosimetryJobs.Job job) {
        var result = job.result()
                .orElseThrow(
                        () -> new CycleInputException("job " + job.id() + " has not finished; attach it when done"));
        String raw = ctx.formParam("cycle");
        if (raw == null && ctx.isJson()) {
            Integer n = org.netra.app.web.input.JsonBody.read(ctx, CycleRequest.class, "{\"cycle\": 2}")
                    .cycle();
            raw = n == null ? null : n.toString();
        }
        int cycle;
        try {
            cycle = Integer.parseInt(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new CycleInputException("give the cycle (1–8) to attach job " + job.id() + " to, got '" + raw + "'");
        }
        String actor = RequestSecurity.user(ctx).orElseThrow().username();
        String chart = jobs.chartOf(result.patientId()).orElse(result.patientId());
        return jobs.attach(job.id(), new DosimetryJobs.Target(chart, cycle), actor)
                .value();
    }

    /** An API request body: the cycle to attach to. */
    public record CycleRequest(Integer cycle) {}

    private JobView view(DosimetryJobs.Job job) {
        return new JobView(
                job, job.result().flatMap(r -> jobs.chartOf(r.patientId())).orElse(""));
    }

    private DosimetryJobs.Job job(Context ctx) {
        return jobs.get(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("There is no dosimetry job " + ctx.pathParam("id") + "."));
    }

    /** The report of a job: measured time–activity points and the integrated curve per VOI, doses ± SD; no BED history outside a course. */
    public static DosimetryReport report(DosimetryJobs.Job job, DosimetryJobs.Result r) {
        List<DosimetryReport.Curve> curves = new ArrayList<>();
        List<DosimetryReport.DoseRow> rows = new ArrayList<>();
        for (var v : r.vois()) {
            List<DosimetryReport.Sample> points = new ArrayList<>();
            for (int i = 0; i < r.hours().length; i++) {
                points.add(new DosimetryReport.Sample(r.hours()[i], v.activity().get(i)));
            }
            List<DosimetryReport.Sample> fitted = new ArrayList<>();
            v.curve().ifPresent(curve -> {
                for (int i = 0; i < curve.hours().length; i++) {
                    fitted.add(new DosimetryReport.Sample(curve.hours()[i], Activity.ofMBq(curve.mBq()[i])));
                }
            });
            curves.add(new DosimetryReport.Curve(v.name(), v.model(), points, fitted));
            rows.add(new DosimetryReport.DoseRow(
                    v.name(), v.mass(), Optional.of(v.tia()), v.dose(), Optional.of(v.doseSd())));
        }
        DosimetryReport report = new DosimetryReport(
                new DosimetryReport.ReportPatient(r.patientId(), job.upload(), null),
                1,
                r.injection().toLocalDate(),
                r.injected(),
                "uploaded " + job.upload() + "; " + job.method() + " (netra-dosimetry cycle pipeline)",
                curves,
                rows,
                List.of(),
                AbsorbedDose.ofGy(27),
                new DosimetryReport.Decision("no decision: a dosimetry job outside a course", List.of(), job.owner()),
                Instant.now());
        return new JobView(job, "")
                .monteCarlo()
                .map(mc -> report.withMonteCarlo(MonteCarloRows.report(mc)))
                .orElse(report);
    }
}
