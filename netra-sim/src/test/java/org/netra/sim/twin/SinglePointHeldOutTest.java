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
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.Times;

/**
 * Single-time-point TIA on a held-out twin cohort (issue 19): twins 7001–7200, seeds used nowhere else (the
 * priors are published figures, the cycle-0 recalibration uses 8001 on). Each twin's kidneys and its tumours ≥
 * 5 mL are "measured" once at the prior's recommended time: the true activity times a log-normal error equal
 * to what netra's pipeline achieves on twins (kidneys 2 %, tumours ≥ 5 mL 3 %: docs/benchmarks.md, MAE 0.8–0.9 %
 * and 0.5–2.1 %, worst 1.9 % and 5.9 %), and again with the 10 % often assumed for clinical SPECT. The TIA of the
 * population method, Hänscheid and Madsen on the same measurement is compared with the truth (the twin's
 * bi-exponential curve with uptake, integrated analytically). The table is docs/dosimetry.md's.
 */
class SinglePointHeldOutTest {
    static final long FIRST_SEED = 7001;
    static final int TWINS = 200;
    static List<TwinCurves> cohort;

    @BeforeAll
    static void drawCohort() {
        cohort = new ArrayList<>();
        for (long s = FIRST_SEED; s < FIRST_SEED + TWINS; s++) {
            cohort.add(TwinCurves.of(s));
        }
    }

    /** Fractions within ±10 %: population, Hänscheid, Madsen; and the population interval's coverage; n. */
    record Row(double population, double haenscheid, double madsen, double coverage, int n) {
        String format(String region, double error, double hours) {
            return String.format(
                    Locale.ROOT,
                    "| %s | %.0f %% | %.1f h | %d | %.1f %% | %.1f %% | %.1f %% | %.1f %% |",
                    region,
                    error * 100,
                    hours,
                    n,
                    population * 100,
                    haenscheid * 100,
                    madsen * 100,
                    coverage * 100);
        }
    }

    static Row evaluate(EffectiveHalfLifePrior prior, List<Exponentials> curves, double error, long seed) {
        return evaluate(prior, Times.hours(prior.recommendedScanTime()), curves, error, seed);
    }

    static Row evaluate(EffectiveHalfLifePrior prior, double t, List<Exponentials> curves, double error, long seed) {
        var method = new SinglePointMethod.Population(new EffectiveHalfLifePrior(
                prior.region(), prior.typicalEffectiveHalfLife(), prior.betweenPatientLogSd(), error, prior.source()));
        var madsen = new SinglePointMethod.Madsen(prior.typicalEffectiveHalfLife());
        var haenscheid = new SinglePointMethod.Haenscheid();
        Random r = new Random(seed);
        int pop = 0;
        int hae = 0;
        int mad = 0;
        int covered = 0;
        for (Exponentials c : curves) {
            double truth = c.integralMBqHours(0, Double.POSITIVE_INFINITY);
            double measured = c.valueMBq(t) * Math.exp(Math.log1p(error) * r.nextGaussian());
            var est = method.estimate(t, measured);
            pop += within10(est.median().inMBqHours(), truth);
            hae += within10(haenscheid.tiaMBqHours(t, measured), truth);
            mad += within10(madsen.tiaMBqHours(t, measured), truth);
            covered += est.lower90().inMBqHours() <= truth
                            && truth <= est.upper90().inMBqHours()
                    ? 1
                    : 0;
        }
        int n = curves.size();
        return new Row((double) pop / n, (double) hae / n, (double) mad / n, (double) covered / n, n);
    }

    private static int within10(double estimate, double truth) {
        return Math.abs(estimate / truth - 1) <= 0.10 ? 1 : 0;
    }

    static List<Exponentials> kidneys() {
        return cohort.stream().map(TwinCurves::kidneys).toList();
    }

    static List<Exponentials> tumoursOf5MlOrMore() {
        return cohort.stream()
                .flatMap(c -> c.tumours().stream())
                .filter(l -> l.volumeMl() >= 5)
                .map(TwinCurves.Lesion::curve)
                .toList();
    }

    @Test
    void kidneysAndTumoursFromOneScanAtTheRecommendedTime() {
        var kidney = EffectiveHalfLifePrior.lu177Dotatate(RegionKind.KIDNEY);
        var tumour = EffectiveHalfLifePrior.lu177Dotatate(RegionKind.TUMOUR);
        long allTumours = cohort.stream().mapToLong(c -> c.tumours().size()).sum();
        List<Exponentials> big = tumoursOf5MlOrMore();
        Row k2 = evaluate(kidney, kidneys(), 0.02, 1);
        Row k10 = evaluate(kidney, kidneys(), 0.10, 1);
        Row t3 = evaluate(tumour, big, 0.03, 2);
        Row t10 = evaluate(tumour, big, 0.10, 2);
        double kt = Times.hours(kidney.recommendedScanTime());
        double tt = Times.hours(tumour.recommendedScanTime());
        System.out.println(
                "| region | measurement error | scan | n | population | Hänscheid | Madsen | 90 % interval covers |");
        System.out.println(k2.format("kidneys", 0.02, kt));
        System.out.println(k10.format("kidneys", 0.10, kt));
        System.out.println(t3.format("tumours ≥ 5 mL", 0.03, tt));
        System.out.println(t10.format("tumours ≥ 5 mL", 0.10, tt));
        // for scale: one scan at 24 h, the time many departments can offer, where the methods part ways
        Row k24 = evaluate(kidney, 24, kidneys(), 0.02, 3);
        Row t24 = evaluate(tumour, 24, big, 0.03, 4);
        System.out.println(k24.format("kidneys", 0.02, 24));
        System.out.println(t24.format("tumours ≥ 5 mL", 0.03, 24));
        System.out.printf(
                Locale.ROOT,
                "tumours >= 5 mL: %d of %d (%.1f %%)%n",
                big.size(),
                allTumours,
                100.0 * big.size() / allTumours);

        // issue 19's target, met at netra's own measurement error: ≥ 90 % within ±10 % at the recommended time
        assertThat(k2.population()).isGreaterThanOrEqualTo(0.95);
        assertThat(t3.population()).isGreaterThanOrEqualTo(0.90);
        // and not at 10 %: there the measurement alone puts a third of the patients outside ±10 %
        assertThat(k10.population()).isBetween(0.55, 0.80);
        // the population interval stays calibrated-ish at the pipeline's error (85–97 %)
        assertThat(k2.coverage()).isBetween(0.85, 0.97);
        assertThat(t3.coverage()).isBetween(0.80, 0.97);
        // at 24 h the population method beats Hänscheid, whose 2t/ln 2 is only right near T_eff … 2 T_eff
        assertThat(k24.population()).isGreaterThan(k24.haenscheid());
        assertThat((double) big.size() / allTumours).isBetween(0.6, 0.95);
    }

    /**
     * The table can fail: a prior whose typical kidney half-life is half the truth (25 h) puts its recommended
     * scan at 35 h and misses the ±10 % in most twins.
     */
    @Test
    void aWrongTypicalHalfLifeFailsTheTarget() {
        var kidney = EffectiveHalfLifePrior.lu177Dotatate(RegionKind.KIDNEY);
        var wrong = new EffectiveHalfLifePrior(
                RegionKind.KIDNEY, Times.ofHours(25), kidney.betweenPatientLogSd(), 0.02, "deliberately wrong");
        Row broken = evaluate(wrong, kidneys(), 0.02, 1);
        assertThat(broken.population()).isLessThan(0.5);
        assertThat(broken.madsen()).isLessThan(0.5);
    }
}
