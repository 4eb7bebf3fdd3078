package org.netra.app.web.followup;

import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netra.app.web.Routes;
import org.netra.app.web.WebApp;
import org.netra.app.web.WebFeature;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.clinical.followup.ConfidenceType;
import org.netra.clinical.followup.KaplanMeier;
import org.netra.clinical.followup.SurvivalObservation;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.OutcomeRecord;
import org.netra.store.record.Stored;

/** The cohort's Kaplan–Meier curves (progression-free and overall survival) from the outcome records. */
public final class CohortFeature implements WebFeature {
    static final double CONFIDENCE = 0.95;
    private final WebApp.Services services;

    public CohortFeature(WebApp.Services services) {
        this.services = services;
    }

    /** One curve's summary and its step points in months. */
    public record CurveView(String name, int subjects, int events, String median, List<double[]> steps) {}

    public record CohortPage(int patients, List<CurveView> curves, String chart) {}

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.nav("Cohort", "/cohort", viewers);
        routes.page(
                HandlerType.GET, "/cohort", viewers, ctx -> routes.views().render(ctx, "cohort.jte", "Cohort", page()));
        routes.api(
                HandlerType.GET,
                "/api/cohort/survival",
                viewers,
                "Kaplan–Meier progression-free and overall survival of the cohort (months, 95 % log-log CI)",
                ctx -> ctx.json(page()));
    }

    CohortPage page() {
        List<OutcomeRecord> outcomes = services.store().records().list(ClinicalKinds.OUTCOME).stream()
                .map(Stored::value)
                .toList();
        if (outcomes.isEmpty()) {
            return new CohortPage(0, List.of(), "");
        }
        List<CurveView> curves = new ArrayList<>();
        curves.add(curve(
                "progression-free survival",
                outcomes.stream().map(o -> o.progressionFree("PFS")).toList()));
        curves.add(curve(
                "overall survival", outcomes.stream().map(o -> o.overall("OS")).toList()));
        StringBuilder chart = new StringBuilder(
                "{\"xLabel\":\"months from the start of PRRT\",\"yLabel\":\"survival\",\"datasets\":[");
        for (int i = 0; i < curves.size(); i++) {
            var c = curves.get(i);
            chart.append(i == 0 ? "" : ",")
                    .append("{\"label\":\"")
                    .append(c.name())
                    .append("\",\"stepped\":true,\"points\":[");
            for (int j = 0; j < c.steps().size(); j++) {
                chart.append(j == 0 ? "" : ",")
                        .append(String.format(
                                Locale.ROOT,
                                "{\"x\":%.2f,\"y\":%.4f}",
                                c.steps().get(j)[0],
                                c.steps().get(j)[1]));
            }
            chart.append("]}");
        }
        chart.append("]}");
        return new CohortPage(outcomes.size(), curves, chart.toString());
    }

    private static CurveView curve(String name, List<SurvivalObservation> data) {
        var km = KaplanMeier.fit(data, CONFIDENCE, ConfidenceType.LOG_LOG);
        double daysPerMonth = 365.25 / 12;
        List<double[]> steps = new ArrayList<>();
        steps.add(new double[] {0, 1});
        for (var row : km.rows()) {
            steps.add(new double[] {row.time() / daysPerMonth, row.survival()});
        }
        String median = km.median()
                .map(m -> String.format(Locale.ROOT, "%.1f months", m / daysPerMonth))
                .orElse("not reached");
        return new CurveView(name, km.subjects(), km.events(), median, steps);
    }
}
