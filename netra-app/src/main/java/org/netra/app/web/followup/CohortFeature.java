package org.netra.app.web.followup;

import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
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
    private final WebServices services;

    public CohortFeature(WebServices services) {
        this.services = services;
    }

    /**
     * One curve: its summary, its steps, the 95 % log-log confidence band (lower and upper steps), the
     * censoring marks on the curve, and the numbers at risk at {@link CohortPage#atRiskMonths}; times in months.
     */
    public record CurveView(
            String name,
            int subjects,
            int events,
            String median,
            List<double[]> steps,
            List<double[]> lower,
            List<double[]> upper,
            List<double[]> censored,
            List<Integer> atRisk) {}

    /** The cohort: curves, the months the numbers at risk are counted at, and the chart's JSON. */
    public record CohortPage(int patients, List<CurveView> curves, List<Integer> atRiskMonths, String chart) {}

    static final double DAYS_PER_MONTH = 365.25 / 12;
    static final int AT_RISK_EVERY_MONTHS = 6;
    static final String[] COLOURS = {"#1d5c7a", "#c2571a"};
    static final String[] BANDS = {"rgba(29, 92, 122, 0.15)", "rgba(194, 87, 26, 0.15)"};

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
                "Kaplan–Meier progression-free and overall survival of the cohort (months, 95 % log-log CI band,"
                        + " censoring times, numbers at risk every 6 months)",
                ctx -> ctx.json(page()));
    }

    CohortPage page() {
        List<OutcomeRecord> outcomes = services.store().records().list(ClinicalKinds.OUTCOME).stream()
                .map(Stored::value)
                .toList();
        if (outcomes.isEmpty()) {
            return new CohortPage(0, List.of(), List.of(), "");
        }
        List<SurvivalObservation> pfs =
                outcomes.stream().map(o -> o.progressionFree("PFS")).toList();
        List<SurvivalObservation> os =
                outcomes.stream().map(o -> o.overall("OS")).toList();
        double lastMonth =
                os.stream().mapToDouble(SurvivalObservation::time).max().orElse(0) / DAYS_PER_MONTH;
        List<Integer> months = new ArrayList<>();
        for (int m = 0; m <= lastMonth; m += AT_RISK_EVERY_MONTHS) {
            months.add(m);
        }
        List<CurveView> curves =
                List.of(curve("progression-free survival", pfs, months), curve("overall survival", os, months));
        StringBuilder chart = new StringBuilder(
                "{\"xLabel\":\"months from the start of PRRT\",\"yLabel\":\"survival\",\"datasets\":[");
        for (int i = 0; i < curves.size(); i++) {
            var c = curves.get(i);
            String colour = COLOURS[i % COLOURS.length];
            chart.append(i == 0 ? "" : ",");
            dataset(chart, c.name() + " 95 % CI lower", colour, c.lower(), ",\"thin\":true,\"legend\":false");
            chart.append(',');
            dataset(
                    chart,
                    c.name() + " 95 % CI",
                    colour,
                    c.upper(),
                    ",\"fillColor\":\"" + BANDS[i % BANDS.length] + "\",\"legend\":false");
            chart.append(',');
            dataset(chart, c.name(), colour, c.steps(), "");
            chart.append(',');
            chart.append("{\"label\":\"")
                    .append(c.name())
                    .append(" censored\",\"color\":\"")
                    .append(colour)
                    .append("\",\"marks\":true,\"radius\":5,\"legend\":false,\"points\":");
            points(chart, c.censored());
            chart.append('}');
        }
        chart.append("]}");
        return new CohortPage(outcomes.size(), curves, months, chart.toString());
    }

    private static void dataset(StringBuilder out, String label, String colour, List<double[]> steps, String extra) {
        out.append("{\"label\":\"")
                .append(label)
                .append("\",\"color\":\"")
                .append(colour)
                .append("\",\"stepped\":true")
                .append(extra)
                .append(",\"points\":");
        points(out, steps);
        out.append('}');
    }

    private static void points(StringBuilder out, List<double[]> xy) {
        out.append('[');
        for (int j = 0; j < xy.size(); j++) {
            out.append(j == 0 ? "" : ",")
                    .append(String.format(Locale.ROOT, "{\"x\":%.2f,\"y\":%.4f}", xy.get(j)[0], xy.get(j)[1]));
        }
        out.append(']');
    }

    /** A confidence limit, or the curve itself where the limit is undefined (NaN at S = 1 for log-log). */
    private static double bound(java.util.Optional<Double> limit, double survival) {
        return limit.filter(Double::isFinite).orElse(survival);
    }

    private static CurveView curve(String name, List<SurvivalObservation> data, List<Integer> months) {
        var km = KaplanMeier.fit(data, CONFIDENCE, ConfidenceType.LOG_LOG);
        List<double[]> steps = new ArrayList<>();
        List<double[]> lower = new ArrayList<>();
        List<double[]> upper = new ArrayList<>();
        List<double[]> censored = new ArrayList<>();
        steps.add(new double[] {0, 1});
        lower.add(new double[] {0, 1});
        upper.add(new double[] {0, 1});
        for (var row : km.rows()) {
            double t = row.time() / DAYS_PER_MONTH;
            steps.add(new double[] {t, row.survival()});
            // where the band is undefined (S = 1 before the first event, or S = 0) it closes on the curve
            lower.add(new double[] {t, bound(row.lower(), row.survival())});
            upper.add(new double[] {t, bound(row.upper(), row.survival())});
            if (row.censored() > 0) {
                censored.add(new double[] {t, row.survival()});
            }
        }
        String median = km.median()
                .map(m -> String.format(Locale.ROOT, "%.1f months", m / DAYS_PER_MONTH))
                .orElse("not reached");
        List<Integer> atRisk =
                months.stream().map(m -> km.atRisk(m * DAYS_PER_MONTH)).toList();
        return new CurveView(name, km.subjects(), km.events(), median, steps, lower, upper, censored, atRisk);
    }
}
