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

    @Test
    void familiesThatCannotHaveAnAiccAreNotFittedOnceAnotherHasOneAndTheChoiceIsTheSame() {
        double[] hours = {4, 24, 48, 96, 168, 240}; // six scans: K = parameters + 1 leaves bi-, uptake bi- and
        // tri-exponential without an AICc, mono-exponential and uptake-washout with one
        TimeActivityData six = data(hours, 300, 0.3, 60, 0.012);
        TiaResult all = Kinetics.integrate(six, SETTINGS);
        TiaResult defined = Kinetics.integrate(
                six, SETTINGS.withCandidates(List.of(ModelKind.MONO_EXPONENTIAL, ModelKind.UPTAKE_WASHOUT)));
        assertThat(all.rule()).isEqualTo(defined.rule());
        assertThat(all.why()).isEqualTo(defined.why());
        assertThat(all.timeIntegratedActivity().inMBqHours())
                .isEqualTo(defined.timeIntegratedActivity().inMBqHours());
        assertThat(all.candidates()).hasSize(ModelKind.values().length);
        for (CandidateFit c : all.candidates()) {
            boolean definable = hours.length - (c.kind().parameterCount() + 1) - 1 > 0;
            if (definable) { // fitted (it may still fail to fit)
                assertThat(notFitted(c)).as(c.kind().label()).isFalse();
            } else {
                assertThat(c).isInstanceOfSatisfying(CandidateFit.Failed.class, f -> assertThat(f.reason())
                        .startsWith("not fitted: 6 points leave its AICc undefined"));
            }
        }
        // with four points none has an AICc: every family is fitted, as before
        TiaResult four = Kinetics.integrate(data(new double[] {4, 24, 96, 168}, 300, 0.3, 60, 0.012), SETTINGS);
        assertThat(four.rule()).isEqualTo(SelectionRule.TOO_FEW_POINTS_FOR_AICC);
        assertThat(four.candidates()).noneMatch(AiccSelectionTest::notFitted);
    }

    private static boolean notFitted(CandidateFit c) {
        return c instanceof CandidateFit.Failed f && f.reason().startsWith("not fitted");
    }
}
