package org.netra.app.web.patient;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.dosimetry.CourseForecastPanel;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientChart;
import org.netra.store.record.Stored;

/** One patient's chart: timeline, eligibility, plan and stays, dosimetry summary, follow-up; and its API twin. */
public final class ChartFeature implements WebFeature {
    private final WebServices services;
    private final CyclePlanner planner;
    private final org.netra.app.web.therapy.CoursePlanning courses;
    private final CycleZeroEntry cycleZero;

    /** An API request body: the first cycle's date and time. */
    public record CourseRequest(String firstCycle) {}

    private final org.netra.app.viewer.Studies studies;

    public ChartFeature(WebServices services) {
        this(services, org.netra.app.viewer.Studies.none());
    }

    /** With the studies netra holds, on whose VOIs a virtual cycle 0's SUVmeans can be measured. */
    public ChartFeature(WebServices services, org.netra.app.viewer.Studies studies) {
        this.services = services;
        this.studies = studies;
        this.planner = new CyclePlanner(services.store(), services.clock());
        this.courses = new org.netra.app.web.therapy.CoursePlanning(services.store(), services.clock());
        this.cycleZero = new CycleZeroEntry(services.store().records(), studies);
    }

    /** The page: the chart, and the proposal for the next cycle when this user may approve it. */
    public record ChartPage(
            ChartView chart,
            CyclePlanner.Proposal proposal,
            boolean mayApprove,
            boolean mayPlan,
            String notice,
            List<CycleZeroPanel> cycleZero,
            String lastCourseId,
            java.util.Optional<CourseForecastPanel> forecast,
            List<org.netra.app.viewer.Studies.Study> studiesWithVois) {}

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.page(HandlerType.GET, "/patients/{id}", viewers, ctx -> {
            var user = RequestSecurity.user(ctx).orElseThrow();
            String id = ctx.pathParam("id");
            // one read of the chart for the page and the proposal, kept parsed by this node until it changes
            var read = services.store().stampedReads().chartAndRooms(id);
            var made = made(read, id);
            var courses = read.chart().courses();
            String lastCourseId =
                    courses.isEmpty() ? "" : courses.getLast().value().id();
            // the cycle-0 form, and with it the study picker, is shown only to a planner of a patient with a course
            boolean picksStudy = user.can(Permission.PLAN_CYCLE) && !lastCourseId.isEmpty();
            routes.views()
                    .render(
                            ctx,
                            "chart.jte",
                            made.view().name(),
                            new ChartPage(
                                    made.view(),
                                    planner.propose(read),
                                    user.can(Permission.APPROVE_CYCLE),
                                    user.can(Permission.PLAN_CYCLE),
                                    ctx.queryParam("planned") != null
                                            ? "The next cycle is planned and recorded."
                                            : ctx.queryParam("saved") != null
                                                    ? "Saved and recorded in the audit trail."
                                                    : "",
                                    made.cycleZero(),
                                    lastCourseId,
                                    made.forecast(),
                                    picksStudy
                                            ? studies.list().stream()
                                                    .filter(org.netra.app.viewer.Studies.Study::hasVois)
                                                    .toList()
                                            : List.of()));
        });
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}",
                viewers,
                "a patient's chart: timeline, eligibility, cycles, stays, decisions, labs, CTCAE, RECIST",
                ctx -> ctx.json(view(ctx.pathParam("id"))));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/next-cycle",
                viewers,
                "the proposal for the next cycle (dosimetry budget and toxicity rules)",
                ctx -> ctx.json(planner.propose(ctx.pathParam("id"))));
        Access approvers = Access.requires(Permission.APPROVE_CYCLE);
        Access planners = Access.requires(Permission.PLAN_CYCLE);
        routes.page(HandlerType.POST, "/patients/{id}/cycle-zero", planners, ctx -> {
            cycleZero.save(
                    ctx.pathParam("id"),
                    ctx.formParam("course"),
                    ctx.formParam("study"),
                    ctx.formParam("petDate"),
                    ctx.formParam("kidneySuv"),
                    ctx.formParam("spleenSuv"),
                    ctx.formParam("tumourSuvs"),
                    ctx.formParam("cycles"),
                    actor(ctx));
            ctx.redirect(
                    "/patients/" + ctx.pathParam("id") + "?saved=1#cycle-zero", io.javalin.http.HttpStatus.SEE_OTHER);
        });
        routes.page(HandlerType.POST, "/patients/{id}/course", planners, ctx -> {
            courses.plan(ctx.pathParam("id"), ctx.formParam("firstCycle"), actor(ctx));
            ctx.redirect("/patients/" + ctx.pathParam("id") + "?saved=1#plan", io.javalin.http.HttpStatus.SEE_OTHER);
        });
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/course",
                planners,
                "plan an eligible patient's PRRT course (label schedule) from its first cycle {firstCycle}; 201, 409"
                        + " when it has one or is not assessed eligible",
                ctx -> {
                    var body = org.netra.app.web.input.JsonBody.read(
                            ctx, CourseRequest.class, "{\"firstCycle\": \"2025-03-03T09:30\"}");
                    ctx.status(201)
                            .json(courses.plan(ctx.pathParam("id"), body.firstCycle(), actor(ctx))
                                    .value());
                });
        routes.page(HandlerType.POST, "/patients/{id}/plan-next", approvers, ctx -> {
            approve(ctx);
            ctx.redirect("/patients/" + ctx.pathParam("id") + "?planned=1#plan", io.javalin.http.HttpStatus.SEE_OTHER);
        });
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/plan-next",
                approvers,
                "approve the proposed next cycle: records the decision and books an isolation room (audit-trailed)",
                ctx -> ctx.json(approve(ctx)));
    }

    private CyclePlanner.Proposal approve(Context ctx) {
        try {
            return planner.approve(ctx.pathParam("id"), actor(ctx));
        } catch (IllegalStateException e) {
            throw org.netra.app.web.input.Refused.conflict("Nothing to plan: " + e.getMessage() + ".");
        }
    }

    private static String actor(Context ctx) {
        return RequestSecurity.user(ctx).orElseThrow().username();
    }

    ChartView view(String id) {
        return made(services.store().stampedReads().chartAndRooms(id), id).view();
    }

    /**
     * What a chart page derives from the kept records alone, for the day it was made on: the chart's view, the
     * virtual cycle 0 panels and the plan's course forecast (a Monte Carlo of thousands of draws, a few ms of CPU).
     */
    private record Made(
            PatientChart chart,
            LocalDate day,
            Stored<org.netra.store.clinical.PopulationModelSettings> model,
            ChartView view,
            List<CycleZeroPanel> cycleZero,
            Optional<CourseForecastPanel> forecast) {}

    /**
     * A kept chart is the same object until the patient's records change, and the kept population model the same
     * until it is saved again (StampedReads): so what is derived from them is made once per chart, model and day,
     * not on every read.
     */
    private final com.fasterxml.jackson.databind.util.LRUMap<String, Made> made =
            new com.fasterxml.jackson.databind.util.LRUMap<>(64, 2000);

    private Made made(org.netra.store.clinical.StampedReads.ChartAndRooms read, String id) {
        LocalDate today = LocalDate.now(services.clock());
        var chart = read.chart();
        var kept = made.get(id);
        if (kept != null
                && kept.chart() == chart
                && sameVersion(kept.model(), read.populationModel())
                && kept.day().equals(today)) {
            return kept;
        }
        var fresh = new Made(
                chart,
                today,
                read.populationModel(),
                freshView(chart, id, today, administered(id)),
                CycleZeroPanel.of(read.cycleZero(), chart),
                forecast(chart, read.populationModel()));
        made.put(id, fresh);
        return fresh;
    }

    // by version and time: the same stored version is the same model whichever read returned it
    private static boolean sameVersion(Stored<?> a, Stored<?> b) {
        return a.version() == b.version() && java.util.Objects.equals(a.updatedAt(), b.updatedAt());
    }

    private static Optional<CourseForecastPanel> forecast(
            PatientChart chart, Stored<org.netra.store.clinical.PopulationModelSettings> model) {
        return CourseForecastPanel.latestMeasured(chart)
                .flatMap(measured ->
                        CourseForecastPanel.after(chart, measured.courseId(), measured.cycle(), model.value()));
    }

    /**
     * The patient's recorded administrations, as {@link ChartView#administrationKey}s. Not part of the chart record,
     * but of the patient's change stamp: recording one makes a new chart, so a kept view never outlives it.
     */
    private java.util.Set<String> administered(String id) {
        return services.store().records().forPatient(ClinicalKinds.ADMINISTRATION, id).stream()
                .map(a -> ChartView.administrationKey(
                        a.value().courseId(), a.value().cycle()))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static ChartView freshView(
            PatientChart chart, String id, LocalDate today, java.util.Set<String> administered) {
        var status = PatientStatus.of(
                id,
                chart.courses().stream().map(Stored::value).toList(),
                chart.dosimetry().stream().map(Stored::value).toList(),
                chart.decisions().stream().map(Stored::value).toList(),
                chart.outcome().stream().map(Stored::value).toList(),
                chart.eligibility().stream().map(Stored::value).toList(),
                today);
        return ChartView.of(chart, status, today, administered);
    }

    static boolean exists(WebServices services, String id) {
        return services.store().records().find(ClinicalKinds.PATIENT, id).isPresent();
    }
}
