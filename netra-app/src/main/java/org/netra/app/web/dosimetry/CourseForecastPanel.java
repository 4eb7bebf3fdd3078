package org.netra.app.web.dosimetry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CourseForecast;
import org.netra.store.clinical.CourseForecasts;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.PopulationModelBook;
import org.netra.store.record.Records;

/**
 * The course forecast as the cycle's dosimetry page shows it: two fan charts, the bands as a table, the exceedance
 * probabilities and the largest next activity under the department's risk level, with what they rest on.
 *
 * @param kidneyChart the kidney BED fan chart (SVG)
 * @param marrowChart the marrow dose fan chart (SVG)
 * @param rows the bands by cycle, as text
 * @param summary the probabilities and the next activity, one sentence each
 * @param assumptions the forecast's assumptions in words
 * @param afterCycle the last measured cycle the forecast starts from
 */
public record CourseForecastPanel(
        int afterCycle,
        String kidneyChart,
        String marrowChart,
        List<Row> rows,
        List<String> summary,
        String assumptions) {

    /** One cycle of the table. */
    public record Row(int cycle, String activity, boolean measured, String kidneyBed, String marrow) {}

    /**
     * The panel of the forecast after cycle {@code cycle} of course {@code courseId}, with the department's population
     * model and risk level in force; empty when the course has no dosimetry up to that cycle. The cycle's dosimetry
     * page and the patient's plan both ask here, so they show one forecast rendered one way.
     */
    public static Optional<CourseForecastPanel> after(PatientChart chart, String courseId, int cycle, Records records) {
        return after(
                chart,
                courseId,
                cycle,
                new PopulationModelBook(records).current().value());
    }

    /** As above, with the population model already read. */
    public static Optional<CourseForecastPanel> after(
            PatientChart chart, String courseId, int cycle, org.netra.store.clinical.PopulationModelSettings model) {
        var limits = ContinuationConfig.DEFAULTS;
        return CourseForecasts.of(chart, courseId, cycle, model, limits)
                .map(f -> of(f, limits.standardActivity().inGBq()));
    }

    /** The latest course's id and its latest cycle with dosimetry: what the plan forecasts from. */
    public record LatestMeasured(String courseId, int cycle) {}

    /** {@link LatestMeasured} of the chart, or empty when its latest course has no dosimetry yet. */
    public static Optional<LatestMeasured> latestMeasured(PatientChart chart) {
        if (chart.courses().isEmpty()) {
            return Optional.empty();
        }
        String courseId = chart.courses().getLast().value().id();
        return chart.cycleDosimetry(courseId).stream()
                .mapToInt(org.netra.clinical.therapy.CycleDosimetry::cycle)
                .max()
                .stream()
                .mapToObj(c -> new LatestMeasured(courseId, c))
                .findFirst();
    }

    /**
     * The forecast after the latest cycle with dosimetry of the patient's latest course, or empty when that course has
     * none yet: what the plan shows.
     */
    public static Optional<CourseForecastPanel> latest(PatientChart chart, Records records) {
        // no dosimetry yet: nothing to forecast from, and no population-model read
        return latestMeasured(chart).flatMap(m -> after(chart, m.courseId(), m.cycle(), records));
    }

    static CourseForecastPanel of(CourseForecast f, double standardGBq) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < f.kidneyBed().size(); i++) {
            var k = f.kidneyBed().get(i);
            var m = f.marrowDose().get(i);
            rows.add(new Row(
                    k.cycle(),
                    String.format(Locale.ROOT, "%.2f GBq", k.activity().inGBq()),
                    k.measured(),
                    k.measured()
                            ? String.format(
                                    Locale.ROOT, "%.1f (measured)", k.p50().inGy())
                            : String.format(
                                    Locale.ROOT,
                                    "%.1f (90 %%: %.1f–%.1f)",
                                    k.p50().inGy(),
                                    k.p05().inGy(),
                                    k.p95().inGy()),
                    m.measured()
                            ? String.format(
                                    Locale.ROOT, "%.2f (measured)", m.p50().inGy())
                            : String.format(
                                    Locale.ROOT,
                                    "%.2f (90 %%: %.2f–%.2f)",
                                    m.p50().inGy(),
                                    m.p05().inGy(),
                                    m.p95().inGy())));
        }
        List<String> summary = new java.util.ArrayList<>();
        if (f.kidneyBed().size() > 1) {
            summary.add(String.format(
                    Locale.ROOT,
                    "By the end of the plan (cycle %d): P(kidney BED > %.0f Gy) = %.1f %%, P(marrow > %.1f Gy) = %.1f %%.",
                    f.kidneyAtPlanEnd().cycle(),
                    f.kidneyBedLimit().inGy(),
                    100 * f.kidneyOverLimitByPlanEnd(),
                    f.marrowLimit().inGy(),
                    100 * f.marrowOverLimitByPlanEnd()));
        } else {
            summary.add("No further cycle is planned; the next activity below is for a cycle beyond the plan.");
        }
        double next = f.largestNextActivity().inGBq();
        summary.add(
                next >= org.netra.clinical.therapy.CourseForecaster.SEARCH_CEILING_GBQ
                        ? String.format(
                                Locale.ROOT,
                                "Largest next activity with a risk of crossing a limit ≤ %.0f %%: above %.1f GBq (the"
                                        + " standard %.1f GBq is well within).",
                                100 * f.riskLevel(),
                                next,
                                standardGBq)
                        : String.format(
                                Locale.ROOT,
                                "Largest next activity with a risk of crossing a limit ≤ %.0f %%: %.2f GBq (bounded by"
                                        + " the %s)%s.",
                                100 * f.riskLevel(),
                                next,
                                f.nextActivityLimitedBy(),
                                next < standardGBq
                                        ? String.format(Locale.ROOT, " — less than the standard %.1f GBq", standardGBq)
                                        : ""));
        return new CourseForecastPanel(
                f.kidneyBed().get(0).cycle(),
                ForecastFanChart.svg(
                        "fan-kidney",
                        "Predicted cumulative kidney BED (Gy) by cycle: median, 50 % and 90 % bands, limit dashed",
                        f.kidneyBed(),
                        f.kidneyBedLimit().inGy(),
                        "kidney BED (Gy)"),
                ForecastFanChart.svg(
                        "fan-marrow",
                        "Predicted cumulative marrow dose (Gy) by cycle: median, 50 % and 90 % bands, limit dashed",
                        f.marrowDose(),
                        f.marrowLimit().inGy(),
                        "marrow dose (Gy)"),
                rows,
                summary,
                f.assumptions());
    }
}
