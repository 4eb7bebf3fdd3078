package org.netra.dosimetry.montecarlo;

import java.util.random.RandomGenerator;

/**
 * The scattering angles of one medium with the electrons' binding: Compton angles from Klein–Nishina × S(x) and
 * Rayleigh angles from Thomson × F²(x), x = sin(θ/2)/λ the momentum transfer (1/Å). Binding suppresses Compton
 * scattering at small x (a loosely hit bound electron stays bound: no scatter) and confines Rayleigh scattering
 * to x below about 1/(atomic radius), i.e. forward angles at tens of keV. Only the angles change here: the total
 * cross sections already carry S and F (xraylib's CS_Compt and CS_Rayl), and the scattered photon's energy stays
 * Compton's (no Doppler broadening, a spread of ≈ 1 keV at 30–100 keV in tissue that moves no dose).
 *
 * <p>Both functions are per gram of the medium, Σ (w_i/A_i)·S_i(x) and Σ (w_i/A_i)·F_i(x)², mixed from its
 * elements by {@link PhotonCrossSections#boundScattering}; between grid points S and F² are linear in x and in
 * x² respectively, the variables each is sampled in.
 */
public final class BoundScattering {
    /** hc in keV·Å (CODATA 2018), so that x = sin(θ/2)·E/hc. */
    static final double HC_KEV_ANGSTROM = 12.398419843;

    private static final double ELECTRON_REST_KEV = 510.99895;

    private final String medium;
    private final double[] x;
    /** S(x) per gram over the electrons per gram: 0 at x = 0, → 1 at large x. */
    private final double[] incoherentShare;
    /** x², and F²(x) per gram with its running integral over x². */
    private final double[] q, formSquared, cumulative;

    BoundScattering(String medium, double[] x, double[] incoherent, double[] formSquared, double electrons) {
        this.medium = medium;
        this.x = x.clone();
        int n = x.length;
        incoherentShare = new double[n];
        for (int i = 0; i < n; i++) {
            // the tabulated S_i(x) reach Z_i to 5 digits at the grid's end; the min keeps a share a probability
            incoherentShare[i] = Math.min(1, incoherent[i] / electrons);
        }
        this.formSquared = formSquared.clone();
        q = new double[n];
        cumulative = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = x[i] * x[i];
            if (i > 0) {
                // F² linear in q between grid points: the trapezoid is exact
                cumulative[i] = cumulative[i - 1] + (q[i] - q[i - 1]) * (formSquared[i] + formSquared[i - 1]) / 2;
            }
        }
    }

    public String medium() {
        return medium;
    }

    /** x = sin(θ/2)/λ (1/Å) of a photon of {@code keV} scattered by cos θ. */
    static double momentumTransfer(double keV, double cosTheta) {
        return keV / HC_KEV_ANGSTROM * Math.sqrt(Math.max(0, (1 - cosTheta) / 2));
    }

    /** S(x)/Z of the medium, linear between grid points, 1 beyond the grid. */
    double incoherentShare(double momentum) {
        int n = x.length;
        if (momentum >= x[n - 1]) {
            return 1;
        }
        int hi = java.util.Arrays.binarySearch(x, momentum);
        if (hi >= 0) {
            return incoherentShare[hi];
        }
        hi = -hi - 1;
        double t = (momentum - x[hi - 1]) / (x[hi] - x[hi - 1]);
        return incoherentShare[hi - 1] + t * (incoherentShare[hi] - incoherentShare[hi - 1]);
    }

    /**
     * E′/E of a Compton scatter with binding: ε from Klein–Nishina, kept with probability S(x)/Z (which never
     * exceeds 1, so this is exact rejection from KN × S).
     */
    double comptonEpsilon(double keV, RandomGenerator random) {
        double k = keV / ELECTRON_REST_KEV;
        while (true) {
            double epsilon = CpuPhotonTransport.comptonEpsilon(k, random);
            double cosTheta = 1 - (1 / epsilon - 1) / k;
            if (random.nextDouble() <= incoherentShare(momentumTransfer(keV, cosTheta))) {
                return epsilon;
            }
        }
    }

    /** ∫₀^q F²(q′) dq′, F² linear in q′ between grid points. */
    private double integral(double qUpTo) {
        int n = q.length;
        if (qUpTo >= q[n - 1]) {
            return cumulative[n - 1];
        }
        int hi = java.util.Arrays.binarySearch(q, qUpTo);
        if (hi >= 0) {
            return cumulative[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double d = qUpTo - q[lo];
        double slope = (formSquared[hi] - formSquared[lo]) / (q[hi] - q[lo]);
        return cumulative[lo] + formSquared[lo] * d + slope * d * d / 2;
    }

    /** The q whose integral is {@code target} (0 ≤ target ≤ the integral to the grid's end). */
    private double inverse(double target) {
        int lo = 0, hi = q.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double rest = target - cumulative[lo];
        double f = formSquared[lo];
        double slope = (formSquared[hi] - f) / (q[hi] - q[lo]);
        // f·d + slope·d²/2 = rest: the root in [0, q_hi − q_lo], in the form that is stable when slope → 0
        double denominator = f + Math.sqrt(Math.max(0, f * f + 2 * slope * rest));
        double d = denominator > 0 ? 2 * rest / denominator : 0;
        return Math.min(q[hi], q[lo] + d);
    }

    /**
     * cos θ of a Rayleigh scatter: q = x² drawn from F²(q) on [0, q_max] (q_max the backscatter's, (E/hc)²) by
     * inverting its integral, then kept with Thomson's (1 + cos²θ)/2, cos θ = 1 − 2q/q_max.
     */
    double rayleighCosine(double keV, RandomGenerator random) {
        double xMax = keV / HC_KEV_ANGSTROM;
        double qMax = xMax * xMax;
        double total = integral(qMax);
        while (true) {
            double qSampled = inverse(random.nextDouble() * total);
            double cosTheta = 1 - 2 * Math.min(1, qSampled / qMax);
            if (2 * random.nextDouble() <= 1 + cosTheta * cosTheta) {
                return cosTheta;
            }
        }
    }
}
