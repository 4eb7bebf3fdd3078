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

    public ChartFeature(WebServices services) {
        this.services = services;
        this.planner = new CyclePlanner(services.store(), services.clock());
        this.courses = new org.netra.app.web.therapy.CoursePlanning(services.store(), services.clock());
        this.cycleZero = new CycleZeroEntry(services.store().records());
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
            java.util.Optional<CourseForecastPanel> forecast) {}

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.page(HandlerType.GET, "/patients/{id}", viewers, ctx -> {
            var user = RequestSecurity.user(ctx).orElseThrow();
            String id = ctx.pathParam("id");
            // one read of the chart for the page and the proposal, kept parsed by this node until it changes
            var read = services.store().stampedReads().chartAndRooms(id);
            var view = view(read.chart(), id);
            routes.views()
                    .render(
                            ctx,
                            "chart.jte",
                            view.name(),
                            new ChartPage(
                                    view,
                                    planner.propose(read),
                                    user.can(Permission.APPROVE_CYCLE),
                                    user.can(Permission.PLAN_CYCLE),
                                    ctx.queryParam("planned") != null
                                            ? "The next cycle is planned and recorded."
                                            : ctx.queryParam("saved") != null
                                                    ? "Saved and recorded in the audit trail."
                                                    : "",
                                    CycleZeroPanel.of(services.store().records(), id),
                                    read.chart().courses().isEmpty()
                                            ? ""
                                            : read.chart()
                                                    .courses()
                                                    .getLast()
                                                    .value()
                                                    .id(),
                                    // from the same kept chart read; the population model is read only when a
                                    // cycle of the latest course has dosimetry
                                    forecast(read.chart(), id)));
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
        return view(services.store().stampedReads().chart(id), id);
    }

    /** The view last made of each patient's chart, for the day it was made on. */
    private record MadeView(PatientChart chart, LocalDate day, ChartView view) {}

    /**
     * A chart's view is a function of the chart and the day alone, and a kept chart is the same object until it
     * changes (StampedReads): so the view of the same chart on the same day is made once, not on every read.
     */
    private final com.fasterxml.jackson.databind.util.LRUMap<String, MadeView> views =
            new com.fasterxml.jackson.databind.util.LRUMap<>(64, 2000);

    private ChartView view(PatientChart chart, String id) {
        LocalDate today = LocalDate.now(services.clock());
        var made = views.get(id);
        if (made != null && made.chart() == chart && made.day().equals(today)) {
            return made.view();
        }
        var view = freshView(chart, id, today, administered(id));
        views.put(id, new MadeView(chart, today, view));
        return view;
    }

    /** The plan's forecast last made of each patient's chart, with the population model version it used. */
    private record MadeForecast(PatientChart chart, int modelVersion, Optional<CourseForecastPanel> panel) {}

    /**
     * The forecast is a Monte Carlo of thousands of draws (a few ms of CPU): made again only when the kept chart or
     * the department's population model changed, not on every view of the chart.
     */
    private final com.fasterxml.jackson.databind.util.LRUMap<String, MadeForecast> forecasts =
            new com.fasterxml.jackson.databind.util.LRUMap<>(64, 2000);

    private Optional<CourseForecastPanel> forecast(PatientChart chart, String id) {
        var measured = CourseForecastPanel.latestMeasured(chart);
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        var model = new org.netra.store.clinical.PopulationModelBook(
                        services.store().records())
                .current();
        var made = forecasts.get(id);
        if (made != null && made.chart() == chart && made.modelVersion() == model.version()) {
            return made.panel();
        }
        var panel = CourseForecastPanel.after(
                chart, measured.get().courseId(), measured.get().cycle(), model.value());
        forecasts.put(id, new MadeForecast(chart, model.version(), panel));
        return panel;
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
