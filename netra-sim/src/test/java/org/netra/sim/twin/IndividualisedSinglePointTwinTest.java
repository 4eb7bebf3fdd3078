package org.netra.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.kinetics.Exponentials;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.population.EffectiveHalfLifePrior;
import org.netra.dosimetry.population.MeasuredClearance;
import org.netra.dosimetry.population.PatientClearancePosterior;
import org.netra.dosimetry.population.RegionKind;
import org.netra.dosimetry.population.StpEstimate;
import org.netra.physics.quantity.Times;

/**
 * A single scan of cycle 3 individualised on the patient's own cycles 1–2 (issue 19), on held-out twins 7201–7400
 * (seeds used nowhere else). Each twin has three cycles; its kidneys' late clearance changes from cycle to cycle by
 * 8 % ({@link TwinSpec#withClearanceVaryingBetweenCycles}), its uptake by 8 % as drawn. Cycles 1 and 2 are measured
 * at 4, 24, 96 and 168 h, cycle 3 once (24 h, and the kidney prior's recommended 69 h), every activity with a
 * log-normal error (2 %, netra's pipeline on twins; 10 %, clinical SPECT). The truth is cycle 3's own curve
 * integrated analytically. Table in docs/dosimetry.md.
 */
class IndividualisedSinglePointTwinTest {
    static final long FIRST_SEED = 7201;
    static final int TWINS = 200;
    static final double[] EARLIER_SCANS = {4, 24, 96, 168};
    static List<List<Exponentials>> kidneysPerCycle;

    @BeforeAll
    static void drawCohort() {
        kidneysPerCycle = new ArrayList<>();
        for (long s = FIRST_SEED; s < FIRST_SEED + TWINS; s++) {
            var spec = TwinSpec.draw(s, 3, 7400).withClearanceVaryingBetweenCycles(0.08, s);
            kidneysPerCycle.add(TwinCurves.everyCycle(spec).stream()
                    .map(TwinCurves::kidneys)
                    .toList());
        }
    }

    /** Within ±10 % of the truth, interval coverage and mean width (upper/lower) of one method over the cohort. */
    record Row(double within10, double coverage, double width, int n) {
        String cells() {
            return String.format(Locale.ROOT, "%.1f %% | %.1f %% | %.2f", within10 * 100, coverage * 100, width);
        }
    }

    record Comparison(Row prior, Row individualised) {}

    static Comparison evaluate(double scanHours, double error, double assumedBetweenCycleSd, long seed) {
        var published = EffectiveHalfLifePrior.lu177Dotatate(RegionKind.KIDNEY);
        var prior = new EffectiveHalfLifePrior(
                RegionKind.KIDNEY,
                published.typicalEffectiveHalfLife(),
                published.betweenPatientLogSd(),
                error,
                published.source());
        Random r = new Random(seed);
        List<StpEstimate[]> estimates = new ArrayList<>();
        List<Double> truths = new ArrayList<>();
        for (List<Exponentials> cycles : kidneysPerCycle) {
            List<MeasuredClearance> earlier = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                double[] a = new double[EARLIER_SCANS.length];
                for (int k = 0; k < a.length; k++) {
                    a[k] = cycles.get(c).valueMBq(EARLIER_SCANS[k]) * Math.exp(Math.log1p(error) * r.nextGaussian());
                }
                earlier.add(new MeasuredClearance("twin kidneys", c + 1, EARLIER_SCANS, a));
            }
            Exponentials third = cycles.get(2);
            double measured = third.valueMBq(scanHours) * Math.exp(Math.log1p(error) * r.nextGaussian());
            var own = PatientClearancePosterior.of(prior, assumedBetweenCycleSd, earlier)
                    .orElseThrow();
            estimates.add(new StpEstimate[] {
                new SinglePointMethod.Population(prior).estimate(scanHours, measured),
                new SinglePointMethod.Population(own.nextCycle()).estimate(scanHours, measured)
            });
            truths.add(third.integralMBqHours(0, Double.POSITIVE_INFINITY));
        }
        return new Comparison(row(estimates, truths, 0), row(estimates, truths, 1));
    }

    private static Row row(List<StpEstimate[]> estimates, List<Double> truths, int which) {
        int within = 0;
        int covered = 0;
        double width = 0;
        for (int i = 0; i < truths.size(); i++) {
            StpEstimate e = estimates.get(i)[which];
            double truth = truths.get(i);
            within += Math.abs(e.median().inMBqHours() / truth - 1) <= 0.10 ? 1 : 0;
            covered += e.lower90().inMBqHours() <= truth && truth <= e.upper90().inMBqHours() ? 1 : 0;
            width += e.upper90().inMBqHours() / e.lower90().inMBqHours();
        }
        int n = truths.size();
        return new Row((double) within / n, (double) covered / n, width / n, n);
    }

    @Test
    void theKidneysOwnCyclesNarrowTheIntervalAndKeepItsCoverage() {
        double recommended = Times.hours(
                EffectiveHalfLifePrior.lu177Dotatate(RegionKind.KIDNEY).recommendedScanTime());
        System.out.println(
                "| scan of cycle 3 | error | n | population prior: within ±10 % | covers | width (upper/lower)"
                        + " | individualised on cycles 1–2: within ±10 % | covers | width |");
        for (double error : new double[] {0.02, 0.10}) {
            for (double t : new double[] {24, recommended}) {
                Comparison c = evaluate(t, error, EffectiveHalfLifePrior.BETWEEN_CYCLE_LOG_SD, 19);
                System.out.printf(
                        Locale.ROOT,
                        "| %.1f h | %.0f %% | %d | %s | %s |%n",
                        t,
                        error * 100,
                        c.prior().n(),
                        c.prior().cells(),
                        c.individualised().cells());
                // narrower, and still calibrated: the 90 % interval holds the truth in 85–97 % of the twins
                assertThat(c.individualised().width()).isLessThan(c.prior().width());
                assertThat(c.individualised().coverage()).isBetween(0.85, 0.97);
                assertThat(c.individualised().within10())
                        .isGreaterThanOrEqualTo(c.prior().within10());
            }
        }
    }

    /**
     * The coverage check can fail: a posterior that forgets the between-cycle variability (ω_c 0.01 where the twins'
     * clearance changes by 8 % and their uptake phase too) is too sure of itself.
     */
    @Test
    void forgettingTheBetweenCycleVariabilityLosesTheCoverage() {
        Comparison c = evaluate(24, 0.02, 0.01, 19);
        assertThat(c.individualised().coverage()).isLessThan(0.85);
    }
}
