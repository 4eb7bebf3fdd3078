package org.netra.dosimetry.kinetics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/**
 * The model choice by AICc decides whenever AICc is defined: with enough points the winner is the candidate with
 * the lowest AICc, or a candidate with fewer parameters within ΔAICc ≤ 2 of it, and never a candidate whose AICc
 * is undefined; with the standard four points no family has an AICc (the variance counted, n ≤ K + 1) and the
 * rule says so.
 */
class AiccSelectionTest {
    static final KineticsSettings SETTINGS =
            KineticsSettings.of(NuclideCatalog.icrp107().get("Lu-177"));

    static TimeActivityData data(double[] hours, double fastMBq, double fastRate, double slowMBq, double slowRate) {
        List<TimePoint> points = new ArrayList<>();
        for (int i = 0; i < hours.length; i++) {
            double a = fastMBq * Math.exp(-fastRate * hours[i]) + slowMBq * Math.exp(-slowRate * hours[i]);
            // a fixed ±3 % pattern, so that no model fits exactly
            a *= 1 + 0.03 * ((i % 3) - 1);
            points.add(TimePoint.of(Times.ofHours(hours[i]), Activity.ofMBq(a)));
        }
        return new TimeActivityData(points);
    }

    @Test
    void withEightPointsTheLowestAiccDecides() {
        double[] hours = {1, 2, 4, 8, 24, 48, 96, 168};
        TiaResult r = Kinetics.integrate(data(hours, 300, 0.4, 60, 0.012), SETTINGS);
        List<CandidateFit.Fitted> ranked = r.candidates().stream()
                .filter(CandidateFit.Fitted.class::isInstance)
                .map(CandidateFit.Fitted.class::cast)
                .filter(f -> f.aicc().isPresent())
                .toList();
        assertThat(ranked.size()).as("candidates with an AICc").isGreaterThanOrEqualTo(2);
        double lowest =
                ranked.stream().mapToDouble(f -> f.aicc().getAsDouble()).min().orElseThrow();
        CandidateFit.Fitted chosen = ranked.stream()
                .filter(f -> ((TiaMethod.Fit) r.method()).model().kind() == f.kind())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the chosen model has no AICc: " + r.why()));
        assertThat(r.rule()).isIn(SelectionRule.LOWEST_AICC, SelectionRule.FEWER_PARAMETERS_WITHIN_AICC_WINDOW);
        assertThat(chosen.aicc().getAsDouble() - lowest).isLessThanOrEqualTo(SETTINGS.aiccPreferenceWindow());
        for (CandidateFit.Fitted f : ranked) {
            if (f.aicc().getAsDouble() - lowest <= SETTINGS.aiccPreferenceWindow()) {
                assertThat(chosen.kind().parameterCount())
                        .isLessThanOrEqualTo(f.kind().parameterCount());
            }
        }
        // a fast and a slow phase: the mono-exponential is far from the lowest AICc and does not win
        assertThat(chosen.kind()).isNotEqualTo(ModelKind.MONO_EXPONENTIAL);
    }

    @Test
    void withFourPointsNoAiccIsDefinedAndTheRuleSaysSo() {
        double[] hours = {4, 24, 96, 168};
        TiaResult r = Kinetics.integrate(data(hours, 30, 0.2, 60, 0.012), SETTINGS);
        assertThat(r.rule()).isEqualTo(SelectionRule.TOO_FEW_POINTS_FOR_AICC);
        assertThat(r.why()).contains("4 points leave no AICc defined");
        assertThat(((TiaMethod.Fit) r.method()).model().kind()).isEqualTo(ModelKind.MONO_EXPONENTIAL);
    }
}
