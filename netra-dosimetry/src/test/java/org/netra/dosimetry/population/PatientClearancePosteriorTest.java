package org.netra.dosimetry.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.Times;

/**
 * The patient's posterior from earlier cycles: against the normal–normal conjugate formula where the cycles are
 * measured precisely, and against a brute-force two-dimensional integration of the exact model where they are not.
 */
class PatientClearancePosteriorTest {
    static final double[] SCANS = {4, 24, 48, 96};

    /** A noiseless mono-exponential cycle with effective half-life {@code teffH}. */
    static MeasuredClearance cycle(int n, double teffH, double[] errors) {
        double lambda = Math.log(2) / teffH;
        double[] a = new double[SCANS.length];
        for (int k = 0; k < SCANS.length; k++) {
            a[k] = 1000 * Math.exp(-lambda * SCANS[k] + errors[k]);
        }
        return new MeasuredClearance("P-1 kidneys", n, SCANS, a);
    }

    static EffectiveHalfLifePrior prior(double residual) {
        return new EffectiveHalfLifePrior(RegionKind.KIDNEY, Times.ofHours(50), 0.20, residual, "test prior");
    }

    @Test
    void preciseCyclesGiveTheConjugateNormalPosterior() {
        double omega = 0.20;
        double omegaC = 0.10;
        var cycles = List.of(cycle(1, 40, new double[4]), cycle(2, 44, new double[4]));
        // σ tiny: each cycle's ln λ is known, so u | data is normal with precision 1/ω² + n/ω_c²
        var post = PatientClearancePosterior.of(prior(1e-5), omegaC, cycles).orElseThrow();
        double mu = Math.log(Math.log(2) / 50);
        double precision = 1 / (omega * omega) + 2 / (omegaC * omegaC);
        double mean =
                (mu / (omega * omega) + (Math.log(Math.log(2) / 40) + Math.log(Math.log(2) / 44)) / (omegaC * omegaC))
                        / precision;
        assertThat(post.patientLogRate()).isCloseTo(mean, within(1e-6));
        assertThat(post.patientLogRateSd()).isCloseTo(1 / Math.sqrt(precision), within(1e-6));
        // the next cycle keeps the between-cycle variability
        assertThat(post.nextCycle().betweenPatientLogSd())
                .isCloseTo(Math.sqrt(1 / precision + omegaC * omegaC), within(1e-6));
        assertThat(Times.hours(post.nextCycle().typicalEffectiveHalfLife()))
                .isCloseTo(Math.log(2) / Math.exp(mean), within(1e-4));
        assertThat(post.cycles()).containsExactly(1, 2);
        assertThat(post.cyclesLabel()).isEqualTo("cycles 1–2");
        // and it is what the older closed form (EffectiveHalfLifePrior.individualised) gives for known half-lives
        var closed = prior(1e-5).individualised(List.of(Times.ofHours(40), Times.ofHours(44)), omegaC);
        assertThat(post.nextCycle().betweenPatientLogSd()).isCloseTo(closed.betweenPatientLogSd(), within(1e-6));
    }

    /**
     * With a 5 % residual each cycle's rate is uncertain; the posterior mean and SD of u equal a brute-force midpoint
     * integration of p(u) Π_j ∫ p(θ_j | u) L_j(e^θ_j) dθ_j on a fine grid, L_j the exact amplitude-integrated
     * likelihood of the log-linear fit (written out here, independently of the code's cycle sums).
     */
    @Test
    void noisyCyclesMatchABruteForceIntegration() {
        double omega = 0.20;
        double omegaC = 0.10;
        double sigma = Math.log1p(0.05);
        var cycles = List.of(
                cycle(1, 38, new double[] {0.03, -0.04, 0.05, -0.02}),
                cycle(3, 47, new double[] {-0.01, 0.05, -0.06, 0.04}));
        var post = PatientClearancePosterior.of(prior(0.05), omegaC, cycles).orElseThrow();
        double mu = Math.log(Math.log(2) / 50);
        int nu = 1201;
        int nt = 1201;
        double uLo = mu - 8 * omega;
        double uHi = mu + 8 * omega;
        double du = (uHi - uLo) / nu;
        double w = 0;
        double m1 = 0;
        double m2 = 0;
        double[] logL = new double[nu];
        double[] us = new double[nu];
        for (int i = 0; i < nu; i++) {
            double u = uLo + (i + 0.5) * du;
            us[i] = u;
            double s = -0.5 * Math.pow((u - mu) / omega, 2);
            for (MeasuredClearance c : cycles) {
                double tLo = u - 8 * omegaC;
                double dt = 16 * omegaC / nt;
                double sum = 0;
                for (int j = 0; j < nt; j++) {
                    double theta = tLo + (j + 0.5) * dt;
                    sum += Math.exp(-0.5 * Math.pow((theta - u) / omegaC, 2)
                                    + exactLogLikelihood(c, Math.exp(theta), sigma))
                            * dt;
                }
                s += Math.log(sum);
            }
            logL[i] = s;
        }
        double max = java.util.Arrays.stream(logL).max().orElseThrow();
        for (int i = 0; i < nu; i++) {
            double p = Math.exp(logL[i] - max);
            w += p;
            m1 += p * us[i];
        }
        double mean = m1 / w;
        for (int i = 0; i < nu; i++) {
            m2 += Math.exp(logL[i] - max) * Math.pow(us[i] - mean, 2);
        }
        double sd = Math.sqrt(m2 / w);
        assertThat(post.patientLogRate()).isCloseTo(mean, within(1e-4));
        assertThat(post.patientLogRateSd()).isCloseTo(sd, within(1e-4));
        assertThat(post.cyclesLabel()).isEqualTo("cycles 1, 3");
        // the posterior lies between the population and the cycles, nearer the cycles (σ small against ω)
        assertThat(post.patientLogRate()).isGreaterThan(mu);
    }

    /**
     * ln of ∫ Π_k N(ln A_k; a − λt_k, σ²) da over a flat prior on a, up to a constant: the scans at ≥ 20 h only,
     * minimised over a in closed form.
     */
    static double exactLogLikelihood(MeasuredClearance c, double lambda, double sigma) {
        double[] t = c.hoursAfterInjection();
        double[] a = c.activityMBq();
        double sum = 0;
        int n = 0;
        for (int k = 0; k < t.length; k++) {
            if (t[k] >= 20) {
                sum += Math.log(a[k]) + lambda * t[k];
                n++;
            }
        }
        double aHat = sum / n;
        double rss = 0;
        for (int k = 0; k < t.length; k++) {
            if (t[k] >= 20) {
                rss += Math.pow(Math.log(a[k]) + lambda * t[k] - aHat, 2);
            }
        }
        return -rss / (2 * sigma * sigma);
    }

    @Test
    void aCycleWithoutTwoLateScansIsNotEvidence() {
        var early = new MeasuredClearance("P-1 kidneys", 1, new double[] {4, 24}, new double[] {900, 700});
        assertThat(PatientClearancePosterior.of(prior(0.1), 0.1, List.of(early)))
                .isEmpty();
    }

    @Test
    void theEvidenceMatchesRegionsByNameAndSumsAnOrgansParts() {
        var left = new SinglePointEvidence.EarlierRegion(
                "Kidney_L", RegionKind.KIDNEY, List.of(cycle(1, 40, new double[4])));
        var right = new SinglePointEvidence.EarlierRegion(
                "Kidney_R", RegionKind.KIDNEY, List.of(cycle(1, 60, new double[4])));
        var lesion = new SinglePointEvidence.EarlierRegion(
                "Tumour_liver_1", RegionKind.TUMOUR, List.of(cycle(1, 90, new double[4])));
        var evidence = SinglePointEvidence.PUBLISHED.withEarlierCycles(List.of(left, right, lesion), "patient P-1");
        var byName = evidence.priorFor(RegionKind.KIDNEY, "kidney l");
        assertThat(byName.basis()).isEqualTo("population, individualised on cycle 1");
        assertThat(Times.hours(byName.prior().typicalEffectiveHalfLife())).isLessThan(45);
        // "Kidneys" has no earlier region of its name: left and right summed (a curve between 40 and 60 h)
        var both = evidence.priorFor(RegionKind.KIDNEY, "Kidneys");
        assertThat(Times.hours(both.prior().typicalEffectiveHalfLife())).isBetween(44.0, 56.0);
        // a lesion is only ever its own lesion
        var other = evidence.priorFor(RegionKind.TUMOUR, "Tumour_liver_2");
        assertThat(other.basis()).isEqualTo(SinglePointEvidence.POPULATION_PRIOR);
        assertThat(other.note()).contains("no earlier cycle of Tumour_liver_2");
        assertThat(SinglePointEvidence.PUBLISHED
                        .priorFor(RegionKind.KIDNEY, "Kidney_L")
                        .basis())
                .isEqualTo("population prior");
    }
}
