package org.netra.sim.twin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CourseForecast;
import org.netra.clinical.therapy.CourseForecaster;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.MeasuredDoseUncertainty;
import org.netra.dosimetry.population.ClearanceNlmeFit;
import org.netra.dosimetry.population.DepartmentPopulationModel;
import org.netra.dosimetry.population.DosePerActivityModel;
import org.netra.dosimetry.population.KidneyMarrowCorrelation;
import org.netra.dosimetry.population.MeasuredClearance;
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

/**
 * The course forecast checked on held-out twins (issue 19): a department's population model is fitted on training
 * twins' measured multi-time-point cycles, then each held-out twin is forecast from its own measured cycles and the
 * forecast is compared with the twin's true course. The twins' kinetics come from the sim's generating process
 * ({@link TwinSpec}, published population values), not from the model the forecast assumes, so model mismatch
 * (bi-exponential kidneys with uptake against a mono-exponential BED, 8 % between-cycle amplitude against a fitted
 * log-normal, body-size-dependent kidney masses) is part of what is checked.
 *
 * <p>Seeds: training twins from {@link #FIRST_TRAINING_SEED}, held-out twins from {@link #FIRST_HELD_OUT_SEED}; no
 * other netra check uses either range (the single-scan check uses 7001–7200, the cycle-0 check 8001–8100).
 */
public final class ForecastCalibrationOnTwins {
    private ForecastCalibrationOnTwins() {}

    /** The first seed of the training twins (up to 400 of them). */
    public static final long FIRST_TRAINING_SEED = 9001;

    /** The first seed of the held-out twins: never used for fitting. */
    public static final long FIRST_HELD_OUT_SEED = 9501;

    /** The standard activity per cycle, GBq. */
    public static final double GBQ_PER_CYCLE = 7.4;

    /** Twins {@code first} … {@code first + n − 1}, each with {@code cycles} standard cycles. */
    public static List<TwinCourse> cohort(long first, int n, int cycles) {
        if (first < FIRST_HELD_OUT_SEED && first + n > FIRST_HELD_OUT_SEED) {
            throw new IllegalArgumentException("training seeds " + first + "–" + (first + n - 1)
                    + " would run into the held-out seeds from " + FIRST_HELD_OUT_SEED);
        }
        List<TwinCourse> out = new ArrayList<>(n);
        for (long s = first; s < first + n; s++) {
            out.add(TwinCourse.of(s, cycles, GBQ_PER_CYCLE));
        }
        return out;
    }

    /**
     * What a department would have stored of some twins' cycles: the kidneys' scans (for the clearance fit) and each
     * cycle's dosimetry, measured with {@code how}; one random stream per twin, so a twin's measurement does not
     * depend on which other twins are measured.
     */
    public record MeasuredCohort(
            Map<TwinCourse, List<MeasuredClearance>> scans, Map<TwinCourse, List<CycleDosimetry>> dosimetry) {

        public static MeasuredCohort of(List<TwinCourse> twins, int cycles, TwinCourse.Measurement how, long seed) {
            Map<TwinCourse, List<MeasuredClearance>> scans = new LinkedHashMap<>();
            Map<TwinCourse, List<CycleDosimetry>> dosimetry = new LinkedHashMap<>();
            for (TwinCourse t : twins) {
                Random rng = new Random(seed * 1_000_003L + t.spec().seed());
                List<MeasuredClearance> s = new ArrayList<>();
                List<CycleDosimetry> d = new ArrayList<>();
                for (int c = 1; c <= cycles; c++) {
                    MeasuredClearance m = t.kidneyScans(c, how, rng);
                    s.add(m);
                    d.add(t.measured(c, m, how, rng));
                }
                scans.put(t, s);
                dosimetry.put(t, d);
            }
            return new MeasuredCohort(scans, dosimetry);
        }

        /** The kidneys' scans of every cycle, as the clearance fit reads them from the store. */
        public List<MeasuredClearance> kidneyCurves() {
            return scans.values().stream().flatMap(List::stream).toList();
        }

        /** Each twin's per-cycle Gy/GBq of one organ, keyed as the store keys patients. */
        public Map<String, List<Double>> gyPerGBq(boolean kidney) {
            Map<String, List<Double>> out = new LinkedHashMap<>();
            dosimetry.forEach((t, cycles) -> out.put(
                    "twin-" + t.spec().seed(),
                    cycles.stream()
                            .map(c -> kidney ? c.kidneyGyPerGBq() : c.marrowGyPerGBq())
                            .toList()));
            return out;
        }
    }

    /**
     * The department's model fitted to the training twins by the same fits {@code PopulationModelBook.refit} runs on
     * the store: the kidneys' clearance (NLME), the kidney and marrow Gy/GBq, and their correlation.
     */
    public static DepartmentPopulationModel fit(MeasuredCohort training, String when) {
        var clearance = ClearanceNlmeFit.fit(RegionKind.KIDNEY, training.kidneyCurves());
        var kidney = DosePerActivityModel.fit("kidney", training.gyPerGBq(true), "training twins " + when);
        var marrow = DosePerActivityModel.fit("marrow", training.gyPerGBq(false), "training twins " + when);
        var correlation = KidneyMarrowCorrelation.fit(
                kidney, marrow, training.gyPerGBq(true), training.gyPerGBq(false), "training twins " + when);
        return new DepartmentPopulationModel(List.of(clearance), kidney, marrow, correlation, when);
    }

    /** The same model with the kidney–marrow correlation left out (what an independent forecast assumes). */
    public static DepartmentPopulationModel independent(DepartmentPopulationModel model) {
        return new DepartmentPopulationModel(
                model.clearances(),
                model.kidneyDose(),
                model.marrowDose(),
                KidneyMarrowCorrelation.PUBLISHED,
                model.fittedOn());
    }

    /** How often the 90 % interval of the cumulative dose after the last planned cycle held the truth. */
    public record CoverageRow(int given, int planned, int patients, double kidneyBedCovered, double marrowCovered) {
        public String markdown() {
            return String.format(
                    Locale.ROOT,
                    "| cycle %d of %d | %d | %.1f %% | %.1f %% |",
                    given,
                    planned,
                    patients,
                    100 * kidneyBedCovered,
                    100 * marrowCovered);
        }
    }

    /** After {@code given} measured cycles, forecast to the end of a {@code planned}-cycle plan; compare with truth. */
    public static CoverageRow coverage(
            CourseForecaster forecaster, MeasuredCohort heldOut, int given, int planned, double riskLevel) {
        int kidneyIn = 0;
        int marrowIn = 0;
        int n = 0;
        for (var e : heldOut.dosimetry().entrySet()) {
            TwinCourse t = e.getKey();
            CourseForecast f = forecaster.forecast(
                    e.getValue().subList(0, given),
                    standard(planned - given),
                    riskLevel,
                    t.spec().seed());
            kidneyIn += f.kidneyAtPlanEnd().covers(AbsorbedDose.ofGy(t.cumulativeKidneyBedGy(planned))) ? 1 : 0;
            marrowIn += f.marrowAtPlanEnd().covers(AbsorbedDose.ofGy(t.cumulativeMarrowGy(planned))) ? 1 : 0;
            n++;
        }
        return new CoverageRow(given, planned, n, kidneyIn / (double) n, marrowIn / (double) n);
    }

    /** One bin of a reliability table: stated probabilities in [from, to), how many, their mean and the frequency. */
    public record ReliabilityBin(double from, double to, int patients, double meanStated, double observed) {
        /** The binomial SE of the observed frequency if the stated probability were right. */
        public double standardError() {
            return Math.sqrt(meanStated * (1 - meanStated) / patients);
        }

        public String markdown() {
            return String.format(
                    Locale.ROOT,
                    "| %.2f–%.2f | %d | %.3f | %.3f |",
                    from,
                    Math.min(1, to),
                    patients,
                    meanStated,
                    observed);
        }
    }

    /** The bin edges of the reliability tables. */
    public static final double[] RELIABILITY_EDGES = {0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0001};

    /**
     * Reliability of the stated P(cumulative kidney BED &gt; the limit after {@code planned} cycles), forecast after
     * {@code given} measured cycles, against whether the twin's true course crossed it.
     */
    public static List<ReliabilityBin> reliability(
            CourseForecaster forecaster, MeasuredCohort heldOut, int given, int planned, double bedLimitGy) {
        int bins = RELIABILITY_EDGES.length - 1;
        double[] statedSum = new double[bins];
        int[] observed = new int[bins];
        int[] count = new int[bins];
        for (var e : heldOut.dosimetry().entrySet()) {
            TwinCourse t = e.getKey();
            CourseForecast f = forecaster.forecast(
                    e.getValue().subList(0, given),
                    standard(planned - given),
                    0.05,
                    t.spec().seed());
            double stated = f.kidneyOverLimitByPlanEnd();
            int b = 0;
            while (stated >= RELIABILITY_EDGES[b + 1]) {
                b++;
            }
            statedSum[b] += stated;
            count[b]++;
            observed[b] += t.cumulativeKidneyBedGy(planned) > bedLimitGy ? 1 : 0;
        }
        List<ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new ReliabilityBin(
                        RELIABILITY_EDGES[b],
                        RELIABILITY_EDGES[b + 1],
                        count[b],
                        statedSum[b] / count[b],
                        observed[b] / (double) count[b]));
            }
        }
        return out;
    }

    /**
     * P(either limit crossed by the end of the plan) before the first cycle: stated by the forecast with the fitted
     * correlation, stated with independent draws, and observed by brute force over the twins' true courses.
     */
    public record JointExceedance(
            int patients,
            int planned,
            double kidneyStated,
            double marrowStated,
            double jointStated,
            double independentStated,
            double kidneyObserved,
            double marrowObserved,
            double eitherObserved) {
        /** The binomial SE of the observed P(either). */
        public double standardError() {
            return Math.sqrt(eitherObserved * (1 - eitherObserved) / patients);
        }
    }

    /**
     * Compares the two forecasts' P(either) before cycle 1 with the frequency among {@code twins}' true courses; the
     * forecasts are told the training cycles' measurement error, so that they forecast true doses.
     */
    public static JointExceedance beforeFirstCycle(
            DepartmentPopulationModel model,
            ContinuationConfig limits,
            MeasuredDoseUncertainty measurement,
            List<TwinCourse> twins,
            int planned,
            int draws) {
        List<Activity> plan = standard(planned);
        CourseForecast joint = new CourseForecaster(model, limits, draws, measurement).beforeFirstCycle(plan, 0.05, 19);
        CourseForecast indep =
                new CourseForecaster(independent(model), limits, draws, measurement).beforeFirstCycle(plan, 0.05, 19);
        int kidney = 0;
        int marrow = 0;
        int either = 0;
        for (TwinCourse t : twins) {
            boolean k =
                    t.cumulativeKidneyBedGy(planned) > limits.kidneyBedLimit().inGy();
            boolean m = t.cumulativeMarrowGy(planned) > limits.marrowLimit().inGy();
            kidney += k ? 1 : 0;
            marrow += m ? 1 : 0;
            either += k || m ? 1 : 0;
        }
        double n = twins.size();
        return new JointExceedance(
                twins.size(),
                planned,
                joint.kidneyOverLimitByPlanEnd(),
                joint.marrowOverLimitByPlanEnd(),
                joint.eitherOverLimitByPlanEnd(),
                indep.eitherOverLimitByPlanEnd(),
                kidney / n,
                marrow / n,
                either / n);
    }

    private static List<Activity> standard(int n) {
        return Collections.nCopies(n, Activity.ofGBq(GBQ_PER_CYCLE));
    }
}
