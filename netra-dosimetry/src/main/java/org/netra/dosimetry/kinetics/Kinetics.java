package org.netra.dosimetry.kinetics;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;

/**
 * The time-integrated activity of a region from its measured time points, by these rules:
 *
 * <ul>
 *   <li><b>1 point</b>: the single-time-point method of the settings (Hänscheid or Madsen).
 *   <li><b>2 points</b>: if the second is lower by more than physical decay alone would make it, the
 *       mono-exponential through both, integrated from injection. Otherwise (still rising, or clearing no
 *       faster than physical decay) trapezoids from injection to the last point and physical decay after it.
 *   <li><b>3 or more points, rising at the last one</b>: trapezoids and physical decay as above. The peak and
 *       the washout have not been seen, so an exponential fitted to the rise would extrapolate an unmeasured
 *       washout; physical decay from the last measured activity assumes no biological clearance, the largest
 *       TIA the data allow, which errs on the safe side for organs at risk (and overestimates a tumour's).
 *       The EANM Dosimetry Committee's 177Lu guidance (Sjögreen Gleisner et al., EJNMMI 2022;49:1778) and
 *       MIRD Pamphlet 16 (Siegel et al., J Nucl Med 1999;40:37S) discuss this tail assumption for curves
 *       measured too briefly.
 *   <li><b>3 or more points, falling at the end</b>: every candidate family is fitted by weighted least
 *       squares; among those with an AICc the lowest wins, unless a family with fewer parameters is within the
 *       preference window (ΔAICc ≤ 2), which then wins. With too few points for any AICc, the admissible family
 *       with the fewest parameters. If no family fits, the trapezoid fall-back.
 * </ul>
 */
public final class Kinetics {
    private Kinetics() {}

    public static TiaResult integrate(TimeActivityData data, KineticsSettings settings) {
        return integrate(data, settings, CurveFitter.Search.AGREEING_STARTS);
    }

    /** @param search how far each family's multi-start fit goes (tests compare the default with every start) */
    static TiaResult integrate(TimeActivityData data, KineticsSettings settings, CurveFitter.Search search) {
        int n = data.size();
        if (n == 1) {
            return singlePoint(data.points().get(0), settings);
        }
        double[] t = data.hours();
        double[] y = data.megabecquerels();
        double physical = settings.physicalRatePerHour();
        if (n == 2) {
            double observedRatio = y[1] / y[0];
            double physicalRatio = Math.exp(-physical * (t[1] - t[0]));
            if (!(observedRatio < physicalRatio)) {
                return trapezoid(
                        data,
                        settings,
                        SelectionRule.TWO_POINTS_NOT_CLEARING,
                        String.format(
                                Locale.ROOT,
                                "A(t2)/A(t1) = %.4g, not below physical decay's %.4g: no biological clearance seen",
                                observedRatio,
                                physicalRatio),
                        List.of());
            }
            CandidateFit mono = fitOne(ModelKind.MONO_EXPONENTIAL, data, settings, search);
            if (mono instanceof CandidateFit.Fitted f) {
                return fromFit(
                        f,
                        data,
                        settings,
                        SelectionRule.TWO_POINTS_CLEARING,
                        String.format(
                                Locale.ROOT,
                                "A(t2)/A(t1) = %.4g, below physical decay's %.4g: T_eff %.4g h",
                                observedRatio,
                                physicalRatio,
                                Times.hours(f.model().effectiveHalfLife())),
                        List.of(mono));
            }
            return trapezoid(
                    data,
                    settings,
                    SelectionRule.NO_ACCEPTABLE_FIT,
                    ((CandidateFit.Failed) mono).reason(),
                    List.of(mono));
        }
        if (data.risingAtLastPoint()) {
            return trapezoid(
                    data,
                    settings,
                    SelectionRule.RISING_AT_LAST_POINT,
                    String.format(
                            Locale.ROOT,
                            "A rises from %.4g to %.4g MBq between the last two points",
                            y[n - 2],
                            y[n - 1]),
                    List.of());
        }
        List<CandidateFit> candidates = candidateFits(data, settings, search);
        List<CandidateFit.Fitted> fitted = candidates.stream()
                .filter(CandidateFit.Fitted.class::isInstance)
                .map(CandidateFit.Fitted.class::cast)
                .toList();
        if (fitted.isEmpty()) {
            return trapezoid(data, settings, SelectionRule.NO_ACCEPTABLE_FIT, "every candidate failed", candidates);
        }
        List<CandidateFit.Fitted> ranked = fitted.stream()
                .filter(f -> f.aicc().isPresent())
                .sorted(Comparator.comparingDouble(f -> f.aicc().getAsDouble()))
                .toList();
        if (ranked.isEmpty()) {
            CandidateFit.Fitted simplest = fitted.stream()
                    .min(Comparator.comparingInt(f -> f.kind().parameterCount()))
                    .orElseThrow();
            return fromFit(
                    simplest,
                    data,
                    settings,
                    SelectionRule.TOO_FEW_POINTS_FOR_AICC,
                    n + " points leave no AICc defined; " + simplest.kind().label() + " has the fewest parameters",
                    candidates);
        }
        CandidateFit.Fitted lowest = ranked.get(0);
        double best = lowest.aicc().getAsDouble();
        CandidateFit.Fitted chosen = ranked.stream()
                .filter(f -> f.aicc().getAsDouble() - best <= settings.aiccPreferenceWindow())
                .min(Comparator.comparingInt((CandidateFit.Fitted f) -> f.kind().parameterCount())
                        .thenComparingDouble(f -> f.aicc().getAsDouble()))
                .orElseThrow();
        if (chosen == lowest) {
            return fromFit(
                    chosen,
                    data,
                    settings,
                    SelectionRule.LOWEST_AICC,
                    String.format(
                            Locale.ROOT,
                            "%s: AICc %.3f, the lowest",
                            chosen.kind().label(),
                            best),
                    candidates);
        }
        return fromFit(
                chosen,
                data,
                settings,
                SelectionRule.FEWER_PARAMETERS_WITHIN_AICC_WINDOW,
                String.format(
                        Locale.ROOT,
                        "%s (%d parameters): AICc %.3f, within %.3g of the lowest (%s, %.3f)",
                        chosen.kind().label(),
                        chosen.kind().parameterCount(),
                        chosen.aicc().getAsDouble(),
                        settings.aiccPreferenceWindow(),
                        lowest.kind().label(),
                        best),
                candidates);
    }

    /**
     * Every candidate family's fit, in the settings' order. A family with as many parameters as the points allow
     * no AICc for (n − K − 1 ≤ 0) cannot be chosen once another has one, so it is fitted only when none has: with
     * six time points the tri-exponential (as many parameters as points) and the uptake bi-exponential (five)
     * were each a multi-start Levenberg–Marquardt run to machine precision per region and per correction, most
     * of what made the cycle's cost grow faster than its time points (docs/benchmarks.md, issue 22). The choice
     * is the same; such a family is listed as not fitted, with the reason.
     */
    static List<CandidateFit> candidateFits(
            TimeActivityData data, KineticsSettings settings, CurveFitter.Search search) {
        int n = data.size();
        int extra = settings.aiccCountsVariance() ? 1 : 0;
        List<ModelKind> kinds = settings.candidates();
        CandidateFit[] fits = new CandidateFit[kinds.size()];
        boolean anyRanked = false;
        for (int i = 0; i < fits.length; i++) {
            if (n - (kinds.get(i).parameterCount() + extra) - 1 > 0) {
                fits[i] = fitOne(kinds.get(i), data, settings, search);
                anyRanked |=
                        fits[i] instanceof CandidateFit.Fitted f && f.aicc().isPresent();
            }
        }
        for (int i = 0; i < fits.length; i++) {
            if (fits[i] == null) {
                ModelKind kind = kinds.get(i);
                fits[i] = anyRanked
                        ? new CandidateFit.Failed(
                                kind,
                                String.format(
                                        Locale.ROOT,
                                        "not fitted: %d points leave its AICc undefined (%d parameters) and a family"
                                                + " with fewer has one",
                                        n,
                                        kind.parameterCount() + extra))
                        : fitOne(kind, data, settings, search);
            }
        }
        return List.of(fits);
    }

    /** Fits one model family to the data with the settings' weighting, without choosing. */
    public static CandidateFit fitOne(ModelKind kind, TimeActivityData data, KineticsSettings settings) {
        return fitOne(kind, data, settings, CurveFitter.Search.AGREEING_STARTS);
    }

    static CandidateFit fitOne(
            ModelKind kind, TimeActivityData data, KineticsSettings settings, CurveFitter.Search search) {
        double[] y = data.megabecquerels();
        double[] sigma = sigmas(data, settings.weighting(), y);
        return CurveFitter.fit(
                kind,
                data.hours(),
                y,
                sigma,
                settings.weighting() == Weighting.STANDARD_DEVIATIONS,
                settings.physicalRatePerHour(),
                settings.aiccCountsVariance(),
                search);
    }

    private static double[] sigmas(TimeActivityData data, Weighting weighting, double[] y) {
        double max = 0;
        for (double v : y) {
            max = Math.max(max, v);
        }
        if (!(max > 0)) {
            throw new KineticsException("every time point has zero activity: there is nothing to fit");
        }
        double floor = 1e-6 * max; // a point at zero activity must not get an infinite relative weight
        double[] s = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            s[i] = switch (weighting) {
                case STANDARD_DEVIATIONS -> {
                    if (!data.allHaveStandardDeviations()) {
                        throw new KineticsException("Weighting.STANDARD_DEVIATIONS needs a standard deviation on every"
                                + " time point; add them or choose RELATIVE weighting");
                    }
                    yield data.standardDeviationsMBq()[i];
                }
                case RELATIVE -> Math.max(y[i], floor);
                case POISSON -> Math.sqrt(Math.max(y[i], floor));
                case UNIFORM -> 1;
            };
        }
        return s;
    }

    private static TiaResult fromFit(
            CandidateFit.Fitted f,
            TimeActivityData data,
            KineticsSettings settings,
            SelectionRule rule,
            String why,
            List<CandidateFit> candidates) {
        double[] p = f.model().parameters();
        ModelKind kind = f.kind();
        double tia;
        double[] gradient;
        Duration halfLife;
        if (settings.tail() == Tail.MODEL) {
            tia = kind.integral(0, Double.POSITIVE_INFINITY, p);
            gradient = kind.integralGradient(0, Double.POSITIVE_INFINITY, p);
            halfLife = f.model().effectiveHalfLife();
        } else {
            double last = data.hours()[data.size() - 1];
            double physical = settings.physicalRatePerHour();
            tia = kind.integral(0, last, p) + kind.value(last, p) / physical;
            gradient = kind.integralGradient(0, last, p);
            double[] dv = kind.valueGradient(last, p);
            for (int j = 0; j < gradient.length; j++) {
                gradient[j] += dv[j] / physical;
            }
            halfLife = settings.physicalHalfLife();
        }
        Optional<TimeIntegratedActivity> sd =
                f.covariance().map(c -> TimeIntegratedActivity.ofMBqHours(Math.sqrt(c.propagate(gradient))));
        return new TiaResult(
                new TiaMethod.Fit(f.model(), settings.tail()),
                rule,
                rule.explanation() + " — " + why,
                TimeIntegratedActivity.ofMBqHours(tia),
                sd,
                halfLife,
                candidates);
    }

    /** Trapezoids from (0, 0) through the points, then A_last/λ_phys; linear in the activities, so SDs add in quadrature. */
    static TiaResult trapezoid(
            TimeActivityData data,
            KineticsSettings settings,
            SelectionRule rule,
            String why,
            List<CandidateFit> candidates) {
        double[] t = data.hours();
        double[] y = data.megabecquerels();
        int n = t.length;
        double[] weights = trapezoidWeights(t, settings.physicalRatePerHour());
        double tia = 0;
        for (int i = 0; i < n; i++) {
            tia += weights[i] * y[i];
        }
        Optional<TimeIntegratedActivity> sd = Optional.empty();
        if (data.allHaveStandardDeviations()) {
            double[] s = data.standardDeviationsMBq();
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += weights[i] * weights[i] * s[i] * s[i];
            }
            sd = Optional.of(TimeIntegratedActivity.ofMBqHours(Math.sqrt(var)));
        }
        return new TiaResult(
                new TiaMethod.TrapezoidWithPhysicalTail(),
                rule,
                rule.explanation() + " — " + why,
                TimeIntegratedActivity.ofMBqHours(tia),
                sd,
                settings.physicalHalfLife(),
                candidates);
    }

    /**
     * The weights wᵢ with Ã = Σ wᵢ·Aᵢ for trapezoids from (0, 0) through the points at {@code hours}, then
     * physical decay (rate per hour) from the last: the fall-back of the rules, region or voxel.
     */
    public static double[] trapezoidWeights(double[] hours, double physicalRatePerHour) {
        int n = hours.length;
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double before = i == 0 ? hours[0] : hours[i] - hours[i - 1];
            double after = i == n - 1 ? 0 : hours[i + 1] - hours[i];
            weights[i] = (before + after) / 2;
        }
        weights[n - 1] += 1 / physicalRatePerHour;
        return weights;
    }

    private static TiaResult singlePoint(TimePoint point, KineticsSettings settings) {
        SinglePointMethod method = settings.singlePoint();
        double hours = Times.hours(point.afterInjection());
        double mbq = point.activity().inMBq();
        double tia = method.tiaMBqHours(hours, mbq);
        // linear in the activity: its SD scales the same way
        Optional<TimeIntegratedActivity> sd = point.standardDeviation()
                .map(s -> TimeIntegratedActivity.ofMBqHours(method.tiaMBqHours(hours, s.inMBq())));
        Duration halfLife =
                switch (method) {
                    // Hänscheid's formula is exact for a mono-exponential whose T_eff equals the measurement time
                    case SinglePointMethod.Haenscheid h -> point.afterInjection();
                    case SinglePointMethod.Madsen m -> m.populationEffectiveHalfLife();
                    case SinglePointMethod.Population p -> p.prior().typicalEffectiveHalfLife();
                };
        TiaMethod.SinglePoint used = new TiaMethod.SinglePoint(method);
        String why = SelectionRule.SINGLE_TIME_POINT.explanation() + " — " + used.describe();
        if (method instanceof SinglePointMethod.Population p) {
            var est = p.estimate(hours, mbq);
            // the credible interval already holds the measurement's error; as an SD, its half-width / 1.645
            sd = Optional.of(TimeIntegratedActivity.ofMBqHours(
                    (est.upper90().inMBqHours() - est.lower90().inMBqHours()) / (2 * 1.6448536269514722)));
            why += String.format(
                    java.util.Locale.ROOT,
                    "; 90 %% credible interval %.4g–%.4g MBq·h for the activity as measured (before any correction); %s",
                    est.lower90().inMBqHours(),
                    est.upper90().inMBqHours(),
                    est.assumptions());
        }
        return new TiaResult(
                used,
                SelectionRule.SINGLE_TIME_POINT,
                why,
                TimeIntegratedActivity.ofMBqHours(tia),
                sd,
                halfLife,
                List.of());
    }
}
