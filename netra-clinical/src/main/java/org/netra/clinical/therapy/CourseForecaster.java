package org.netra.clinical.therapy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.netra.dosimetry.population.DepartmentPopulationModel;
import org.netra.dosimetry.population.DosePerActivityModel;
import org.netra.dosimetry.population.EffectiveHalfLifePrior;
import org.netra.dosimetry.population.KidneyMarrowCorrelation;
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/**
 * Predicts the rest of a course by Monte Carlo over the posterior of the patient's own kinetics.
 *
 * <p>For each draw: the patient's level of ln(kidney Gy/GBq) and of ln(marrow Gy/GBq) is drawn from its normal
 * posterior given the cycles measured so far ({@link DosePerActivityModel#patientLevel}, the population model in
 * force as the prior); each future cycle adds its own between-cycle term; the kidney's effective half-life of each
 * future cycle is drawn from the prior narrowed by the patient's measured half-lives, and gives that cycle's BED by
 * the LQ model of {@link KidneyRadiobiology}. The cumulative values start from what was measured. Kidney and marrow
 * are drawn jointly, with the department's {@link KidneyMarrowCorrelation} in force (none by default: independence
 * overstates the risk of crossing either limit): their levels from the bivariate normal posterior given both organs'
 * measured cycles, each future cycle's two between-cycle terms from a bivariate normal. With no correlation this is
 * draw for draw the independent forecast. One seed gives the same draws for every candidate activity, so the
 * exceedance probability is monotonic in it and the largest activity under the risk level is found by bisection.
 */
public final class CourseForecaster {
    /** The default number of Monte Carlo draws: the SE of a 5 % probability is then 0.35 %. */
    public static final int DEFAULT_DRAWS = 4000;

    /** The largest next activity searched: twice the standard cycle. */
    public static final double SEARCH_CEILING_GBQ = 14.8;

    /** The department's default accepted probability of crossing a limit with the next cycle. */
    public static final double DEFAULT_RISK_LEVEL = 0.05;

    private final DepartmentPopulationModel population;
    private final ContinuationConfig limits;
    private final int draws;
    private final MeasuredDoseUncertainty pastUncertainty;

    /** A forecaster that takes the measured cycles' doses as exact ({@link MeasuredDoseUncertainty#NONE}). */
    public CourseForecaster(DepartmentPopulationModel population, ContinuationConfig limits, int draws) {
        this(population, limits, draws, MeasuredDoseUncertainty.NONE);
    }

    /**
     * @param pastUncertainty the measurement error of a given cycle's kidney and marrow dose: the cumulative doses
     *     then start from draws around what was measured, not from the measured values themselves
     */
    public CourseForecaster(
            DepartmentPopulationModel population,
            ContinuationConfig limits,
            int draws,
            MeasuredDoseUncertainty pastUncertainty) {
        this.population = population;
        this.limits = limits;
        this.pastUncertainty = Objects.requireNonNull(pastUncertainty, "pastUncertainty");
        if (draws < 100) {
            throw new IllegalArgumentException("a course forecast needs at least 100 draws, got " + draws);
        }
        this.draws = draws;
    }

    /**
     * The forecast after the given cycles.
     *
     * @param given the cycles with dosimetry so far (at least one)
     * @param remainingPlanned the activities planned for the cycles still to come, in order (may be empty)
     * @param riskLevel the accepted probability of crossing a limit with the next cycle, in (0, 0.5]
     * @param seed the random seed (a forecast is reproducible)
     */
    public CourseForecast forecast(
            List<CycleDosimetry> given, List<Activity> remainingPlanned, double riskLevel, long seed) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("a course forecast needs the dosimetry of at least one given cycle");
        }
        return run(given, remainingPlanned, riskLevel, seed);
    }

    /**
     * The course as the population model alone predicts it, before any cycle has been measured: the prior predictive
     * of the planned cycles (no measured band; {@code largestNextActivity} is then the first cycle's). What a
     * department can say before cycle 1 about how far a plan may go, and what a twin cohort checks directly.
     *
     * @param planned the activities of the planned cycles, in order (at least one)
     */
    public CourseForecast beforeFirstCycle(List<Activity> planned, double riskLevel, long seed) {
        if (planned.isEmpty()) {
            throw new IllegalArgumentException("a forecast before the first cycle needs at least one planned cycle");
        }
        return run(List.of(), planned, riskLevel, seed);
    }

    private CourseForecast run(
            List<CycleDosimetry> given, List<Activity> remainingPlanned, double riskLevel, long seed) {
        if (!(riskLevel > 0 && riskLevel <= 0.5)) {
            throw new IllegalArgumentException("the risk level must be in (0, 0.5], got " + riskLevel);
        }
        List<CycleDosimetry> cycles = given.stream()
                .sorted(Comparator.comparingInt(CycleDosimetry::cycle))
                .toList();
        KidneyRadiobiology radiobiology = limits.kidney();
        double pastBed = cycles.stream()
                .mapToDouble(c -> c.kidneyBed(radiobiology).inGy())
                .sum();
        double pastMarrow =
                cycles.stream().mapToDouble(c -> c.marrowDose().inGy()).sum();
        DosePerActivityModel kidney = population.kidneyDoseInForce();
        DosePerActivityModel marrow = population.marrowDoseInForce();
        KidneyMarrowCorrelation correlation = population.kidneyMarrowInForce();
        JointDoseLevels levels = JointDoseLevels.posterior(
                kidney,
                marrow,
                correlation,
                cycles.stream().map(CycleDosimetry::kidneyGyPerGBq).toList(),
                cycles.stream().map(CycleDosimetry::marrowGyPerGBq).toList(),
                pastUncertainty);
        EffectiveHalfLifePrior halfLife = population
                .priorFor(RegionKind.KIDNEY)
                .individualised(
                        cycles.stream()
                                .map(CycleDosimetry::kidneyEffectiveHalfLife)
                                .toList(),
                        kidneyBetweenCycleLogSd());
        Draws d = new Draws(draws, remainingPlanned.size() + 1, levels, halfLife, seed);
        double[] pastBedDraws = new double[draws];
        double[] pastMarrowDraws = new double[draws];
        Arrays.fill(pastBedDraws, pastBed);
        Arrays.fill(pastMarrowDraws, pastMarrow);
        if (!cycles.isEmpty() && !pastUncertainty.isNone()) {
            levels.drawPastTruth(
                    cycles, radiobiology, d.kidneyLevel, d.marrowLevel, seed, pastBedDraws, pastMarrowDraws);
        }

        int first = cycles.isEmpty() ? 0 : cycles.get(cycles.size() - 1).cycle();
        List<CourseForecast.DoseBand> kidneyBands = new ArrayList<>();
        List<CourseForecast.DoseBand> marrowBands = new ArrayList<>();
        if (!cycles.isEmpty()) {
            Activity lastGiven = cycles.get(cycles.size() - 1).administered();
            kidneyBands.add(measured(first, lastGiven, pastBed));
            marrowBands.add(measured(first, lastGiven, pastMarrow));
        }
        double[] bed = pastBedDraws.clone();
        double[] mar = pastMarrowDraws.clone();
        for (int j = 0; j < remainingPlanned.size(); j++) {
            double gbq = remainingPlanned.get(j).inGBq();
            for (int s = 0; s < draws; s++) {
                double dose = gbq * d.kidneyGyPerGBq[j][s];
                bed[s] += dose * (1 + d.kidneyG[j][s] * dose);
                mar[s] += gbq * d.marrowGyPerGBq[j][s];
            }
            kidneyBands.add(band(first + j + 1, remainingPlanned.get(j), bed));
            marrowBands.add(band(first + j + 1, remainingPlanned.get(j), mar));
        }
        double bedLimit = limits.kidneyBedLimit().inGy();
        double marrowLimit = limits.marrowLimit().inGy();
        double pKidney = fractionAbove(bed, bedLimit);
        double pMarrow = fractionAbove(mar, marrowLimit);
        int eitherOver = 0;
        for (int s = 0; s < draws; s++) {
            eitherOver += bed[s] > bedLimit || mar[s] > marrowLimit ? 1 : 0;
        }

        // the next cycle: the largest activity whose probability of crossing either limit stays ≤ the level
        int next = remainingPlanned.size(); // the draws' extra column is the candidate next cycle
        double lo = 0;
        double hi = SEARCH_CEILING_GBQ;
        String limitedBy = "none";
        if (risk(d, next, hi, pastBedDraws, pastMarrowDraws, bedLimit, marrowLimit) > riskLevel) {
            for (int it = 0; it < 40; it++) {
                double mid = 0.5 * (lo + hi);
                if (risk(d, next, mid, pastBedDraws, pastMarrowDraws, bedLimit, marrowLimit) > riskLevel) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            double kidneyRisk = fractionAbove(nextBed(d, next, hi, pastBedDraws), bedLimit);
            double marrowRisk = fractionAbove(nextMarrow(d, next, hi, pastMarrowDraws), marrowLimit);
            limitedBy = kidneyRisk >= marrowRisk ? "kidney" : "marrow";
        } else {
            lo = hi;
        }
        String assumptions = String.format(
                Locale.ROOT,
                "Monte Carlo, %d draws; patient's own level from %d measured cycle(s) on the population prior — %s;"
                        + " %s; %s; kidney BED by LQ (α/β %.1f Gy, T_rep %.1f h); kidney and marrow"
                        + " drawn jointly, %s; %s",
                draws,
                cycles.size(),
                kidney.describe(),
                marrow.describe(),
                halfLife.source(),
                radiobiology.alphaBeta().inGy(),
                Times.hours(radiobiology.repairHalfTime()),
                correlation.describe(),
                pastUncertainty.describe());
        return new CourseForecast(
                cycles.size(),
                kidneyBands,
                marrowBands,
                limits.kidneyBedLimit(),
                limits.marrowLimit(),
                pKidney,
                pMarrow,
                eitherOver / (double) draws,
                riskLevel,
                Activity.ofGBq(lo),
                limitedBy,
                draws,
                assumptions);
    }

    /** The kidney's between-cycle SD of ln λ: the department's fitted ω_c where in force, else the default 0.10. */
    private double kidneyBetweenCycleLogSd() {
        return population.clearances().stream()
                .filter(c -> c.region() == RegionKind.KIDNEY && c.enoughToReplaceDefault() && c.betweenCycleEstimated())
                .map(c -> c.betweenCycleLogSd())
                .findFirst()
                .orElse(EffectiveHalfLifePrior.BETWEEN_CYCLE_LOG_SD);
    }

    private static double risk(
            Draws d,
            int column,
            double gbq,
            double[] pastBed,
            double[] pastMarrow,
            double bedLimit,
            double marrowLimit) {
        int over = 0;
        for (int s = 0; s < d.n; s++) {
            double dose = gbq * d.kidneyGyPerGBq[column][s];
            boolean kidney = pastBed[s] + dose * (1 + d.kidneyG[column][s] * dose) > bedLimit;
            boolean marrow = pastMarrow[s] + gbq * d.marrowGyPerGBq[column][s] > marrowLimit;
            if (kidney || marrow) {
                over++;
            }
        }
        return over / (double) d.n;
    }

    private static double[] nextBed(Draws d, int column, double gbq, double[] pastBed) {
        double[] out = new double[d.n];
        for (int s = 0; s < d.n; s++) {
            double dose = gbq * d.kidneyGyPerGBq[column][s];
            out[s] = pastBed[s] + dose * (1 + d.kidneyG[column][s] * dose);
        }
        return out;
    }

    private static double[] nextMarrow(Draws d, int column, double gbq, double[] pastMarrow) {
        double[] out = new double[d.n];
        for (int s = 0; s < d.n; s++) {
            out[s] = pastMarrow[s] + gbq * d.marrowGyPerGBq[column][s];
        }
        return out;
    }

    private static double fractionAbove(double[] values, double limit) {
        int over = 0;
        for (double v : values) {
            if (v > limit) {
                over++;
            }
        }
        return over / (double) values.length;
    }

    private static CourseForecast.DoseBand measured(int cycle, Activity activity, double gy) {
        AbsorbedDose d = AbsorbedDose.ofGy(gy);
        return new CourseForecast.DoseBand(cycle, activity, true, d, d, d, d, d);
    }

    private static CourseForecast.DoseBand band(int cycle, Activity activity, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new CourseForecast.DoseBand(
                cycle,
                activity,
                false,
                AbsorbedDose.ofGy(quantile(sorted, 0.05)),
                AbsorbedDose.ofGy(quantile(sorted, 0.25)),
                AbsorbedDose.ofGy(quantile(sorted, 0.50)),
                AbsorbedDose.ofGy(quantile(sorted, 0.75)),
                AbsorbedDose.ofGy(quantile(sorted, 0.95)));
    }

    private static double quantile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The per-draw, per-future-cycle kidney Gy/GBq, kidney LQ factor g and marrow Gy/GBq. */
    private final class Draws {
        final int n;
        final double[][] kidneyGyPerGBq;
        final double[][] kidneyG;
        final double[][] marrowGyPerGBq;
        final double[] kidneyLevel;
        final double[] marrowLevel;

        Draws(int n, int futureCycles, JointDoseLevels levels, EffectiveHalfLifePrior halfLife, long seed) {
            this.n = n;
            SplittableRandom rng = new SplittableRandom(seed);
            kidneyGyPerGBq = new double[futureCycles][n];
            kidneyG = new double[futureCycles][n];
            marrowGyPerGBq = new double[futureCycles][n];
            kidneyLevel = new double[n];
            marrowLevel = new double[n];
            double logRate = Math.log(halfLife.typicalRatePerHour());
            KidneyRadiobiology radiobiology = limits.kidney();
            double[] level = new double[2];
            double[] cycle = new double[2];
            for (int s = 0; s < n; s++) {
                levels.drawLevel(rng, level);
                kidneyLevel[s] = level[0];
                marrowLevel[s] = level[1];
                for (int j = 0; j < futureCycles; j++) {
                    levels.drawCycle(rng, cycle);
                    kidneyGyPerGBq[j][s] = Math.exp(level[0] + cycle[0]);
                    marrowGyPerGBq[j][s] = Math.exp(level[1] + cycle[1]);
                    double rate = Math.exp(logRate + halfLife.betweenPatientLogSd() * rng.nextGaussian());
                    kidneyG[j][s] = radiobiology.g(Duration.ofNanos(Math.round(Math.log(2) / rate * 3.6e12)));
                }
            }
        }
    }
}
