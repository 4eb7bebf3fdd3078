package org.netra.dosimetry.cyclezero;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hipparchus.distribution.continuous.TDistribution;
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * Virtual cycle 0: the 177Lu-DOTATATE absorbed dose per GBq of a region predicted from its 68Ga-DOTATATE (or
 * -TOC) PET SUVmean before therapy, with a 90 % predictive interval, recalibrated from the department's own
 * patients as their cycle-1 doses are measured.
 *
 * <p>The model is a log-linear regression, ln(Gy/GBq) = α + β·ln(SUV/SUV_ref) + ε, ε ~ N(0, σ²): uptake on PET
 * and therapy dose are both proportional-scale quantities, and their spread is log-normal between patients.
 * It is fitted Bayesian with the normal–inverse-gamma conjugate prior: (α, β) | σ² ~ N(m₀, σ²V₀), σ² ~
 * IG(a₀, b₀). The posterior after n patients is again normal–inverse-gamma (V_n = (V₀⁻¹ + XᵀX)⁻¹, m_n =
 * V_n(V₀⁻¹m₀ + Xᵀy), a_n = a₀ + n/2, b_n = b₀ + ½(yᵀy + m₀ᵀV₀⁻¹m₀ − m_nᵀV_n⁻¹m_n)) and a new patient's ln dose
 * is Student-t with 2a_n degrees of freedom, centre xᵀm_n and scale² (b_n/a_n)(1 + xᵀV_n x). Why Bayesian: a
 * department with 5 patients gets the published prior nudged, not an unstable least-squares line; one with 100
 * gets its own line. The prior is worth about {@value #PRIOR_PATIENTS} patients on σ.
 *
 * @param region the region kind (kidney, tumour, spleen)
 * @param referenceSuv the SUVmean the intercept refers to (x = 0)
 * @param mean m (α, β)
 * @param scaleMatrix V, symmetric 2×2 as {V₀₀, V₀₁, V₁₁}
 * @param shape a of the inverse-gamma
 * @param rate b of the inverse-gamma
 * @param patients how many measured patients the fit holds (0 for the published default)
 * @param version the setting's version: 0 the published default, each recalibration one more
 * @param source where the prior comes from and what was added, in words
 */
public record PetDosePredictor(
        RegionKind region,
        double referenceSuv,
        double[] mean,
        double[] scaleMatrix,
        double shape,
        double rate,
        int patients,
        int version,
        String source) {

    /** The weight of the published prior on σ, in patients (a₀ = this / 2). */
    public static final int PRIOR_PATIENTS = 6;

    public PetDosePredictor {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(source, "source");
        if (mean == null || mean.length != 2 || scaleMatrix == null || scaleMatrix.length != 3) {
            throw new IllegalArgumentException("the predictor needs 2 coefficients and a 2×2 symmetric scale matrix");
        }
        mean = mean.clone();
        scaleMatrix = scaleMatrix.clone();
        if (!(referenceSuv > 0 && shape > 0 && rate > 0)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "reference SUV, shape and rate must be positive, got %g, %g, %g",
                    referenceSuv,
                    shape,
                    rate));
        }
        if (patients < 0 || version < 0) {
            throw new IllegalArgumentException("patients and version must be ≥ 0");
        }
    }

    /** One patient's PET SUVmean of the region and the dose per GBq measured for it in cycle 1. */
    public record MeasuredPair(double petSuvMean, double measuredGyPerGBq) {
        public MeasuredPair {
            if (!(petSuvMean > 0)) {
                throw new IllegalArgumentException("a PET SUVmean must be positive, got " + petSuvMean);
            }
            if (!(measuredGyPerGBq > 0)) {
                throw new IllegalArgumentException(
                        "a measured dose per GBq must be positive, got " + measuredGyPerGBq + " Gy/GBq");
            }
        }
    }

    /**
     * The published default for 177Lu-DOTATATE after 68Ga-DOTATATE PET (docs/DOMAIN.md §3, "Virtual cycle 0"):
     * typical dose per GBq at a typical SUVmean, the slope and its uncertainty, and the residual spread.
     */
    public static PetDosePredictor lu177Default(RegionKind region) {
        return switch (region) {
            // kidneys 0.4–0.6 Gy/GBq (Sandström 2013; 0.43 ± 0.13 Marin 2018) at renal SUVmean ≈ 10 (SUVmax
            // 12.7 ± 3.0, Poeppel 2011); the kidney PET–dose correlation is weak, so a shallow slope with a wide prior
            case KIDNEY -> of(region, 10, 0.5, 0.20, 0.5, 0.4, 0.25, "kidney 0.5 Gy/GBq at SUVmean 10");
            // NET lesions ≈ 3.4 Gy/GBq with a wide spread (Sandström 2013; Ilan 2015) at lesion SUVmean ≈ 12
            // (SUVmax 16 ± 11, Poeppel 2011); r ≈ 0.7 between 68Ga uptake and 177Lu dose (issue 19)
            case TUMOUR -> of(region, 12, 3.4, 0.40, 0.7, 0.3, 0.40, "NET lesion 3.4 Gy/GBq at SUVmean 12");
            // spleen 0.6–1.2 Gy/GBq (Sandström 2013) at SUVmean ≈ 20, the highest normal organ on PET
            case SPLEEN -> of(region, 20, 0.9, 0.25, 0.5, 0.4, 0.30, "spleen 0.9 Gy/GBq at SUVmean 20");
            case LIVER, MARROW_BLOOD, WHOLE_BODY ->
                throw new IllegalArgumentException("netra predicts the cycle-1 dose from PET for kidneys, tumours"
                        + " and spleen only, not " + region.label());
        };
    }

    private static PetDosePredictor of(
            RegionKind region,
            double refSuv,
            double gyPerGBq,
            double interceptLogSd,
            double slope,
            double slopeSd,
            double residualLogSd,
            String what) {
        double a = PRIOR_PATIENTS / 2.0;
        // E[σ²] = b/(a−1): the prior's residual SD is the stated one
        double b = (a - 1) * residualLogSd * residualLogSd;
        double s2 = residualLogSd * residualLogSd;
        return new PetDosePredictor(
                region,
                refSuv,
                new double[] {Math.log(gyPerGBq), slope},
                new double[] {interceptLogSd * interceptLogSd / s2, 0, slopeSd * slopeSd / s2},
                a,
                b,
                0,
                0,
                "published default: " + what
                        + String.format(
                                Locale.ROOT,
                                ", slope %.2f ± %.2f, residual SD of ln dose %.2f",
                                slope,
                                slopeSd,
                                residualLogSd));
    }

    /** A prediction: the median dose per GBq and its 90 % predictive interval, with the setting that made it. */
    public record Prediction(
            RegionKind region,
            double petSuvMean,
            AbsorbedDose medianPerGBq,
            AbsorbedDose lower90PerGBq,
            AbsorbedDose upper90PerGBq,
            int predictorVersion,
            int patients) {}

    /** The predicted 177Lu dose per GBq for a region with this PET SUVmean. */
    public Prediction predict(double petSuvMean) {
        if (!(petSuvMean > 0)) {
            throw new IllegalArgumentException(
                    "the " + region.label() + " PET SUVmean must be positive, got " + petSuvMean);
        }
        double x = Math.log(petSuvMean / referenceSuv);
        double centre = mean[0] + mean[1] * x;
        double quad = scaleMatrix[0] + 2 * x * scaleMatrix[1] + x * x * scaleMatrix[2];
        double scale = Math.sqrt(rate / shape * (1 + quad));
        double t95 = new TDistribution(2 * shape).inverseCumulativeProbability(0.95);
        return new Prediction(
                region,
                petSuvMean,
                AbsorbedDose.ofGy(Math.exp(centre)),
                AbsorbedDose.ofGy(Math.exp(centre - t95 * scale)),
                AbsorbedDose.ofGy(Math.exp(centre + t95 * scale)),
                version,
                patients);
    }

    /**
     * The predictor refitted from the published prior and all of the department's measured patients (not
     * chained on the previous version: a patient corrected in the record must not stay counted twice); the
     * version goes up by one.
     */
    public PetDosePredictor recalibrated(PetDosePredictor publishedPrior, List<MeasuredPair> all) {
        if (publishedPrior.region != region || publishedPrior.patients != 0) {
            throw new IllegalArgumentException("recalibrate from the published " + region.label() + " prior");
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("recalibrating the " + region.label()
                    + " predictor needs at least one patient with a PET SUV and a measured cycle-1 dose");
        }
        double[] p0 = invert(publishedPrior.scaleMatrix);
        double[] m0 = publishedPrior.mean;
        // precision and right-hand side accumulate XᵀX and Xᵀy on top of the prior's
        double s00 = p0[0];
        double s01 = p0[1];
        double s11 = p0[2];
        double r0 = p0[0] * m0[0] + p0[1] * m0[1];
        double r1 = p0[1] * m0[0] + p0[2] * m0[1];
        double yy = 0;
        for (MeasuredPair pair : all) {
            double x = Math.log(pair.petSuvMean() / publishedPrior.referenceSuv);
            double y = Math.log(pair.measuredGyPerGBq());
            s00 += 1;
            s01 += x;
            s11 += x * x;
            r0 += y;
            r1 += x * y;
            yy += y * y;
        }
        double[] vn = invert(new double[] {s00, s01, s11});
        double[] mn = {vn[0] * r0 + vn[1] * r1, vn[1] * r0 + vn[2] * r1};
        double priorQuad = m0[0] * (p0[0] * m0[0] + p0[1] * m0[1]) + m0[1] * (p0[1] * m0[0] + p0[2] * m0[1]);
        double postQuad = mn[0] * r0 + mn[1] * r1;
        double an = publishedPrior.shape + all.size() / 2.0;
        double bn = publishedPrior.rate + 0.5 * (yy + priorQuad - postQuad);
        return new PetDosePredictor(
                region,
                publishedPrior.referenceSuv,
                mn,
                vn,
                an,
                Math.max(bn, 1e-12),
                all.size(),
                version + 1,
                publishedPrior.source + "; recalibrated from " + all.size() + " of the department's patients");
    }

    /** The fitted slope β (how much of the PET's relative difference reaches the dose). */
    public double slope() {
        return mean[1];
    }

    /** The expected residual SD of ln dose, √(b/(a−1)) where a > 1. */
    public double residualLogSd() {
        return Math.sqrt(rate / Math.max(shape - 1, 1e-9));
    }

    private static double[] invert(double[] sym) {
        double det = sym[0] * sym[2] - sym[1] * sym[1];
        if (!(det > 0)) {
            throw new IllegalArgumentException("the predictor's scale matrix is not positive definite");
        }
        return new double[] {sym[2] / det, -sym[1] / det, sym[0] / det};
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scaleMatrix() {
        return scaleMatrix.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PetDosePredictor p
                && region == p.region
                && referenceSuv == p.referenceSuv
                && java.util.Arrays.equals(mean, p.mean)
                && java.util.Arrays.equals(scaleMatrix, p.scaleMatrix)
                && shape == p.shape
                && rate == p.rate
                && patients == p.patients
                && version == p.version
                && source.equals(p.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, referenceSuv, java.util.Arrays.hashCode(mean), patients, version);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s predictor v%d (%d patients): ln Gy/GBq = %.3f + %.3f ln(SUV/%.1f), residual SD %.2f",
                region.label(),
                version,
                patients,
                mean[0],
                mean[1],
                referenceSuv,
                residualLogSd());
    }
}
