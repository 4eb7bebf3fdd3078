package org.netra.clinical.therapy;

import java.util.List;
import java.util.SplittableRandom;
import org.netra.dosimetry.population.DosePerActivityModel;
import org.netra.dosimetry.population.KidneyMarrowCorrelation;

/**
 * A patient's (ln kidney Gy/GBq, ln marrow Gy/GBq) for the course forecast: the bivariate normal posterior of the
 * patient's two levels given the cycles measured so far, and the bivariate normal of one future cycle's deviation from
 * them. With prior mean μ₀, between-patient covariance B and between-cycle covariance C (correlations from
 * {@link KidneyMarrowCorrelation}), n measured cycles x_j give the posterior precision B⁻¹ + nC⁻¹ and mean
 * (B⁻¹ + nC⁻¹)⁻¹(B⁻¹μ₀ + C⁻¹Σx_j), the conjugate normal update. Draws go through the lower Cholesky factors, kidney
 * first, so with no correlation they are the two independent normal–normal draws of
 * {@link DosePerActivityModel#patientLevel}, number for number.
 *
 * <p>With a known measurement error ({@link MeasuredDoseUncertainty}) the fitted between-cycle SD is split into the
 * measurement's share and the true cycle-to-cycle spread: future cycles draw only the latter (a forecast is of the
 * true dose), and the given cycles' true doses are drawn given each draw's levels (they are correlated with them).
 */
final class JointDoseLevels {
    /** The smallest SD used where a model says 0: keeps B invertible (a near-fixed level). */
    private static final double FLOOR_SD = 1e-6;

    private final double meanKidney;
    private final double meanMarrow;
    private final double[] levelFactor;
    private final double[] cycleFactor;
    private final double kidneyBiological;
    private final double marrowBiological;
    private final MeasuredDoseUncertainty measurement;

    private JointDoseLevels(
            double meanKidney,
            double meanMarrow,
            double[] levelFactor,
            double[] cycleFactor,
            double kidneyBiological,
            double marrowBiological,
            MeasuredDoseUncertainty measurement) {
        this.meanKidney = meanKidney;
        this.meanMarrow = meanMarrow;
        this.levelFactor = levelFactor;
        this.cycleFactor = cycleFactor;
        this.kidneyBiological = kidneyBiological;
        this.marrowBiological = marrowBiological;
        this.measurement = measurement;
    }

    static JointDoseLevels posterior(
            DosePerActivityModel kidney,
            DosePerActivityModel marrow,
            KidneyMarrowCorrelation correlation,
            List<Double> kidneyMeasured,
            List<Double> marrowMeasured,
            MeasuredDoseUncertainty measurement) {
        double tk = Math.max(kidney.betweenPatientLogSd(), FLOOR_SD);
        double tm = Math.max(marrow.betweenPatientLogSd(), FLOOR_SD);
        double ck = kidney.betweenCycleLogSd();
        double cm = marrow.betweenCycleLogSd();
        double[] b = {tk * tk, correlation.betweenPatients() * tk * tm, tm * tm};
        double[] c = {ck * ck, correlation.betweenCycles() * ck * cm, cm * cm};
        double[] bInv = inverse(b);
        double[] cInv = inverse(c);
        int n = kidneyMeasured.size();
        if (marrowMeasured.size() != n) {
            throw new IllegalArgumentException(
                    "kidney and marrow need one dose per activity each per measured cycle, got " + n + " and "
                            + marrowMeasured.size());
        }
        double sumK = 0;
        double sumM = 0;
        for (int j = 0; j < n; j++) {
            sumK += logPositive(kidney, kidneyMeasured.get(j));
            sumM += logPositive(marrow, marrowMeasured.get(j));
        }
        double[] precision = {bInv[0] + n * cInv[0], bInv[1] + n * cInv[1], bInv[2] + n * cInv[2]};
        double[] cov = inverse(precision);
        double mk0 = Math.log(kidney.typicalGyPerGBq());
        double mm0 = Math.log(marrow.typicalGyPerGBq());
        double rk = bInv[0] * mk0 + bInv[1] * mm0 + cInv[0] * sumK + cInv[1] * sumM;
        double rm = bInv[1] * mk0 + bInv[2] * mm0 + cInv[1] * sumK + cInv[2] * sumM;
        // A future cycle's true deviation: the between-cycle term without the measurement's share of it.
        double bk = biological(ck, measurement.kidneyLogSd());
        double bm = biological(cm, measurement.marrowLogSd());
        double[] truth = {bk * bk, correlation.betweenCycles() * bk * bm, bm * bm};
        return new JointDoseLevels(
                cov[0] * rk + cov[1] * rm,
                cov[1] * rk + cov[2] * rm,
                cholesky(cov),
                cholesky(truth),
                bk,
                bm,
                measurement);
    }

    /**
     * The between-cycle SD left once the measurement's is taken out of it (τ_c² = τ_bio² + σ²). A measurement said to
     * be noisier than the whole between-cycle spread leaves a quarter of it: the data cannot tell, and none would
     * make every future cycle the patient's level exactly.
     */
    private static double biological(double betweenCycle, double measurement) {
        double left = betweenCycle * betweenCycle - measurement * measurement;
        return Math.sqrt(Math.max(left, betweenCycle * betweenCycle / 16));
    }

    /**
     * Draws each given cycle's true dose, per draw, given that draw's patient levels and what was measured: with
     * t_j = L + b_j (b ~ N(0, τ_bio²)) and x_j = t_j + e_j (e ~ N(0, σ²)), t_j | L, x_j is normal with precision
     * 1/τ_bio² + 1/σ² and mean (L/τ_bio² + x_j/σ²)/precision. The past cumulative kidney BED (each cycle's BED
     * recomputed from its drawn dose with its own dose-rate factor) and marrow dose go into the two arrays. Its own
     * random stream, so the future draws are the same with and without it.
     */
    void drawPastTruth(
            List<CycleDosimetry> cycles,
            KidneyRadiobiology radiobiology,
            double[] kidneyLevel,
            double[] marrowLevel,
            long seed,
            double[] pastBed,
            double[] pastMarrow) {
        int n = cycles.size();
        double[] kx = new double[n];
        double[] mx = new double[n];
        double[] gbq = new double[n];
        double[] g = new double[n];
        for (int j = 0; j < n; j++) {
            CycleDosimetry c = cycles.get(j);
            kx[j] = Math.log(c.kidneyGyPerGBq());
            mx[j] = Math.log(c.marrowGyPerGBq());
            gbq[j] = c.administered().inGBq();
            double dose = c.kidneyDose().inGy();
            // the cycle's own dose-rate factor, from its BED: BED = D(1 + gD)
            g[j] = (c.kidneyBed(radiobiology).inGy() / dose - 1) / dose;
        }
        Conditional kidney = Conditional.of(kidneyBiological, measurement.kidneyLogSd());
        Conditional marrow = Conditional.of(marrowBiological, measurement.marrowLogSd());
        SplittableRandom rng = new SplittableRandom(seed ^ 0x3C6EF372FE94F82AL);
        for (int s = 0; s < pastBed.length; s++) {
            double bed = 0;
            double mar = 0;
            for (int j = 0; j < n; j++) {
                double d = gbq[j] * Math.exp(kidney.draw(kidneyLevel[s], kx[j], rng));
                bed += d * (1 + g[j] * d);
                mar += gbq[j] * Math.exp(marrow.draw(marrowLevel[s], mx[j], rng));
            }
            pastBed[s] = bed;
            pastMarrow[s] = mar;
        }
    }

    /** t | L, x for one organ: the weight of the level and the SD of the normal–normal combination (0, 0: exact x). */
    private record Conditional(double levelWeight, double sd) {
        static Conditional of(double biological, double measurement) {
            if (measurement == 0) {
                return new Conditional(0, 0);
            }
            double b2 = biological * biological;
            double m2 = measurement * measurement;
            return new Conditional(m2 / (m2 + b2), Math.sqrt(1 / (1 / b2 + 1 / m2)));
        }

        double draw(double level, double measured, SplittableRandom rng) {
            return levelWeight * level + (1 - levelWeight) * measured + sd * rng.nextGaussian();
        }
    }

    /** The posterior mean of the patient's ln levels, {kidney, marrow}. */
    double[] mean() {
        return new double[] {meanKidney, meanMarrow};
    }

    /** Draws the patient's two ln levels into {@code out}. */
    void drawLevel(SplittableRandom rng, double[] out) {
        correlated(rng, levelFactor, out);
        out[0] += meanKidney;
        out[1] += meanMarrow;
    }

    /** Draws one future cycle's two ln deviations from the levels into {@code out}. */
    void drawCycle(SplittableRandom rng, double[] out) {
        correlated(rng, cycleFactor, out);
    }

    private static void correlated(SplittableRandom rng, double[] factor, double[] out) {
        double z1 = rng.nextGaussian();
        double z2 = rng.nextGaussian();
        out[0] = factor[0] * z1;
        out[1] = factor[1] * z1 + factor[2] * z2;
    }

    private static double logPositive(DosePerActivityModel model, double gyPerGBq) {
        if (!(gyPerGBq > 0)) {
            throw new IllegalArgumentException(
                    model.organ() + ": a measured dose per activity must be positive, got " + gyPerGBq);
        }
        return Math.log(gyPerGBq);
    }

    /** The inverse of the symmetric 2×2 matrix {a, c, b} = [[a, c], [c, b]], in the same packing. */
    private static double[] inverse(double[] m) {
        double det = m[0] * m[2] - m[1] * m[1];
        return new double[] {m[2] / det, -m[1] / det, m[0] / det};
    }

    /** The lower Cholesky factor {l11, l21, l22} of [[a, c], [c, b]]. */
    private static double[] cholesky(double[] m) {
        double l11 = Math.sqrt(m[0]);
        double l21 = m[1] / l11;
        return new double[] {l11, l21, Math.sqrt(Math.max(0, m[2] - l21 * l21))};
    }
}
