package org.netra.dosimetry.montecarlo;

import java.util.random.RandomGenerator;

/**
 * The kinetic-energy spectrum of one β⁻ branch. ICRP-107's line files give each branch's mean energy but not its
 * spectrum, so the spectrum is built from Fermi's theory: N(W) ∝ p·W·(W₀ − W)²·F(Z, W)·C(W), with W the total
 * energy and p the momentum in electron rest masses, F the relativistic Fermi function of a point nucleus,
 * ∝ p^(2(γ₀ − 1))·e^(πη)·|Γ(γ₀ + iη)|², η = αZW/p, γ₀ = √(1 − (αZ)²), Z the daughter's atomic number, and the shape factor C = 1 (allowed) or p² + q², q = W₀ − W (first
 * forbidden unique, 90Y and 89Sr). The end point W₀ is the one whose spectrum has ICRP-107's mean energy, found by
 * bisection, so the energy per decay is ICRP-107's by construction and the shape is what spreads it; the end
 * points this gives are checked against the evaluated ones (NNDC) in {@code BetaSpectrumTest}.
 */
public final class BetaSpectrum {
    private static final double FINE_STRUCTURE = 1 / 137.035999;
    private static final int POINTS = 400;

    private final double endPointMeV;
    private final double meanMeV;
    /** Cumulative distribution on {@link #POINTS} equal kinetic-energy steps to the end point. */
    private final double[] cdf = new double[POINTS + 1];

    private BetaSpectrum(int daughterZ, boolean firstForbiddenUnique, double endPointMeV) {
        this.endPointMeV = endPointMeV;
        double sum = 0, first = 0;
        for (int i = 1; i <= POINTS; i++) {
            // midpoint rule per step
            double t = (i - 0.5) / POINTS * endPointMeV;
            double n = density(t, endPointMeV, daughterZ, firstForbiddenUnique);
            sum += n;
            first += n * t;
            cdf[i] = sum;
        }
        for (int i = 1; i <= POINTS; i++) {
            cdf[i] /= sum;
        }
        meanMeV = first / sum;
    }

    public double endPointMeV() {
        return endPointMeV;
    }

    /** The spectrum's mean kinetic energy, MeV. */
    public double meanMeV() {
        return meanMeV;
    }

    /** The branch whose mean kinetic energy is {@code meanMeV}. */
    static BetaSpectrum withMean(double meanMeV, int daughterZ, boolean firstForbiddenUnique) {
        if (!(meanMeV > 0)) {
            throw new IllegalArgumentException("a beta branch needs a positive mean energy, got " + meanMeV + " MeV");
        }
        // the mean lies between 1/4 and 1/2 of the end point for any of these shapes
        double lo = 1.5 * meanMeV, hi = 5 * meanMeV;
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (new BetaSpectrum(daughterZ, firstForbiddenUnique, mid).meanMeV < meanMeV) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new BetaSpectrum(daughterZ, firstForbiddenUnique, 0.5 * (lo + hi));
    }

    static double density(double kineticMeV, double endPointMeV, int z, boolean firstForbiddenUnique) {
        double w = kineticMeV / ElectronMedium.ELECTRON_REST_MEV + 1;
        double w0 = endPointMeV / ElectronMedium.ELECTRON_REST_MEV + 1;
        double p = Math.sqrt(w * w - 1);
        double q = w0 - w;
        double eta = FINE_STRUCTURE * z * w / p;
        // the relativistic Fermi function without its energy-independent factors (the nuclear radius, Γ(2γ₀+1)),
        // which drop out of the normalised spectrum
        double gamma0 = Math.sqrt(1 - FINE_STRUCTURE * FINE_STRUCTURE * z * z);
        double fermi = Math.pow(p, 2 * (gamma0 - 1)) * Math.exp(Math.PI * eta + 2 * realLnGamma(gamma0, eta));
        double shape = firstForbiddenUnique ? p * p + q * q : 1;
        return p * w * q * q * fermi * shape;
    }

    /**
     * Re ln Γ(x + iy) for x > 0: the recurrence up to x + 10, then Stirling's series to 1/z⁵ (relative error below
     * 1e-10 there).
     */
    static double realLnGamma(double x, double y) {
        double shift = 0;
        while (x < 10) {
            shift += 0.5 * Math.log(x * x + y * y);
            x += 1;
        }
        // ln z = ln|z| + i·arg z
        double lnAbs = 0.5 * Math.log(x * x + y * y);
        double arg = Math.atan2(y, x);
        // Re[(z − ½) ln z] − Re z + ½ ln 2π
        double re = (x - 0.5) * lnAbs - y * arg - x + 0.5 * Math.log(2 * Math.PI);
        // Re[1/(12z) − 1/(360z³) + 1/(1260z⁵)], with 1/z = conj(z)/|z|²
        double r2 = x * x + y * y;
        double invRe = x / r2, invIm = -y / r2;
        double inv3Re = invRe * (invRe * invRe - 3 * invIm * invIm);
        double inv2Re = invRe * invRe - invIm * invIm, inv2Im = 2 * invRe * invIm;
        double inv4Re = inv2Re * inv2Re - inv2Im * inv2Im, inv4Im = 2 * inv2Re * inv2Im;
        double inv5Re = inv4Re * invRe - inv4Im * invIm;
        re += invRe / 12 - inv3Re / 360 + inv5Re / 1260;
        return re - shift;
    }

    /** A kinetic energy (MeV) drawn from the spectrum: inverse CDF, uniform inside a step. */
    double sample(RandomGenerator random) {
        double u = random.nextDouble();
        int lo = 0, hi = POINTS;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double f = (u - cdf[lo]) / Math.max(1e-300, cdf[hi] - cdf[lo]);
        return (lo + f) / POINTS * endPointMeV;
    }
}
