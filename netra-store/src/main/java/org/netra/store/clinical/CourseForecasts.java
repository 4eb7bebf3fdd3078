package org.netra.store.clinical;

import java.util.List;
import java.util.Optional;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CourseForecast;
import org.netra.clinical.therapy.CourseForecaster;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.physics.quantity.Activity;
import org.netra.store.record.Stored;

/**
 * A stored course's forecast: its cycles with dosimetry so far, the activities its plan still holds, the department's
 * population model and risk level. Every surface (cycle page, plan, next-cycle decision, CLI) asks here, so they show
 * one forecast; the seed is fixed per course and cycle count, so the same page shows the same figures.
 */
public final class CourseForecasts {
    private CourseForecasts() {}

    /** The forecast after cycle {@code upToCycle}, or empty when the course has no dosimetry up to it. */
    public static Optional<CourseForecast> of(
            PatientChart chart,
            String courseId,
            int upToCycle,
            PopulationModelSettings settings,
            ContinuationConfig limits) {
        List<CycleDosimetry> given = chart.cycleDosimetry(courseId).stream()
                .filter(c -> c.cycle() <= upToCycle)
                .toList();
        if (given.isEmpty()) {
            return Optional.empty();
        }
        int last = NextCycle.cycleAfter(given) - 1;
        List<Activity> remaining = chart.courses().stream()
                .map(Stored::value)
                .filter(c -> c.id().equals(courseId))
                .findFirst()
                .map(c -> c.plan().cycles().stream()
                        .filter(p -> p.number() > last)
                        .map(PlannedCycle::activity)
                        .toList())
                .orElse(List.of());
        var forecaster = new CourseForecaster(settings.model(), limits, CourseForecaster.DEFAULT_DRAWS);
        return Optional.of(
                forecaster.forecast(given, remaining, settings.riskLevel(), (courseId + "#" + last).hashCode()));
    }
}
