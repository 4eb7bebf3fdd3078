package org.netra.dosimetry.kinetics;

import java.util.ArrayList;
import java.util.List;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/**
 * The families of time–activity model and their structure. Every family is a sum of exponentials whose
 * coefficients are ±(sums of) amplitude parameters and whose rates are rate parameters, so values,
 * integrals and their gradients with respect to the parameters are computed once, here, for all of them.
 * Parameters are in MBq (amplitudes) and per hour (rates), in the order each record's
 * {@code parameters()} documents.
 */
public enum ModelKind {
    /** A·e^(−λt). */
    MONO_EXPONENTIAL("mono-exponential", new int[][] {{1, 0}}, new int[] {1}, new int[] {1}),
    /** A₁·e^(−λ₁t) + A₂·e^(−λ₂t). */
    BI_EXPONENTIAL("bi-exponential", new int[][] {{1, 0, 0, 0}, {0, 0, 1, 0}}, new int[] {1, 3}, new int[] {1, 3}),
    /** A₁·e^(−λ₁t) + A₂·e^(−λ₂t) + A₃·e^(−λ₃t). */
    TRI_EXPONENTIAL(
            "tri-exponential",
            new int[][] {{1, 0, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0}, {0, 0, 0, 0, 1, 0}},
            new int[] {1, 3, 5},
            new int[] {1, 3, 5}),
    /** A·(e^(−λw·t) − e^(−λu·t)), uptake λu faster than washout λw; zero at injection. */
    UPTAKE_WASHOUT(
            "uptake and mono-exponential washout", new int[][] {{1, 0, 0}, {-1, 0, 0}}, new int[] {1, 2}, new int[] {
                2, 1
            }),
    /** A₁·e^(−λ₁t) + A₂·e^(−λ₂t) − (A₁+A₂)·e^(−λu·t); zero at injection. */
    UPTAKE_BI_EXPONENTIAL(
            "uptake and bi-exponential washout",
            new int[][] {{1, 0, 0, 0, 0}, {0, 0, 1, 0, 0}, {-1, 0, -1, 0, 0}},
            new int[] {1, 3, 4},
            new int[] {4, 1, 3});

    private static final double LN2 = Math.log(2);

    private final String label;
    /** coefficient of term i = Σⱼ coefficientMap[i][j]·p[j]. */
    private final int[][] coefficientMap;
    /** rate of term i = p[rateIndex[i]]. */
    private final int[] rateIndex;
    /** the rate parameters, fastest first, as starting values are assigned. */
    private final int[] ratesFastestFirst;

    ModelKind(String label, int[][] coefficientMap, int[] rateIndex, int[] ratesFastestFirst) {
        this.label = label;
        this.coefficientMap = coefficientMap;
        this.rateIndex = rateIndex;
        this.ratesFastestFirst = ratesFastestFirst;
    }

    public String label() {
        return label;
    }

    public int parameterCount() {
        return coefficientMap[0].length;
    }

    int[] ratesFastestFirst() {
        return ratesFastestFirst.clone();
    }

    boolean isRate(int parameter) {
        for (int r : rateIndex) {
            if (r == parameter) {
                return true;
            }
        }
        return false;
    }

    Exponentials exponentials(double[] p) {
        List<ExponentialTerm> terms = new ArrayList<>();
        for (int i = 0; i < rateIndex.length; i++) {
            terms.add(new ExponentialTerm(coefficient(i, p), p[rateIndex[i]]));
        }
        return new Exponentials(terms);
    }

    private double coefficient(int term, double[] p) {
        double c = 0;
        for (int j = 0; j < p.length; j++) {
            c += coefficientMap[term][j] * p[j];
        }
        return c;
    }

    double value(double hours, double[] p) {
        double sum = 0;
        for (int i = 0; i < rateIndex.length; i++) {
            sum += coefficient(i, p) * Math.exp(-p[rateIndex[i]] * hours);
        }
        return sum;
    }

    /** ∂A(t)/∂p. */
    double[] valueGradient(double hours, double[] p) {
        double[] g = new double[p.length];
        for (int i = 0; i < rateIndex.length; i++) {
            double e = Math.exp(-p[rateIndex[i]] * hours);
            accumulate(g, i, e, -coefficient(i, p) * hours * e);
        }
        return g;
    }

    /** ∫ from a to b (b may be +∞) in MBq·h. */
    double integral(double a, double b, double[] p) {
        return exponentials(p).integralMBqHours(a, b);
    }

    /** ∂/∂p of the integral from a to b (b may be +∞): the Jacobian that carries fit covariance into the TIA. */
    double[] integralGradient(double a, double b, double[] p) {
        double[] g = new double[p.length];
        for (int i = 0; i < rateIndex.length; i++) {
            double k = p[rateIndex[i]];
            double ea = Math.exp(-k * a);
            double eb = Double.isInfinite(b) ? 0 : Math.exp(-k * b);
            double beb = Double.isInfinite(b) ? 0 : b * eb;
            double dc = (ea - eb) / k;
            double dk = coefficient(i, p) * ((-a * ea + beb) / k - (ea - eb) / (k * k));
            accumulate(g, i, dc, dk);
        }
        return g;
    }

    private void accumulate(double[] g, int term, double dByCoefficient, double dByRate) {
        for (int j = 0; j < g.length; j++) {
            g[j] += coefficientMap[term][j] * dByCoefficient;
        }
        g[rateIndex[term]] += dByRate;
    }

    /** The model these parameters describe; refuses parameters outside the family (e.g. uptake slower than washout). */
    KineticModel model(double[] p) {
        if (p.length != parameterCount()) {
            throw new KineticsException(label + " has " + parameterCount() + " parameters, got " + p.length);
        }
        return switch (this) {
            case MONO_EXPONENTIAL -> new MonoExponential(mbq(p[0]), halfLife(p[1]));
            case BI_EXPONENTIAL -> {
                boolean ordered = p[1] >= p[3];
                yield ordered
                        ? new BiExponential(mbq(p[0]), halfLife(p[1]), mbq(p[2]), halfLife(p[3]))
                        : new BiExponential(mbq(p[2]), halfLife(p[3]), mbq(p[0]), halfLife(p[1]));
            }
            case TRI_EXPONENTIAL -> {
                Integer[] order = {0, 1, 2};
                java.util.Arrays.sort(order, (x, y) -> Double.compare(p[2 * y + 1], p[2 * x + 1]));
                yield new TriExponential(
                        mbq(p[2 * order[0]]),
                        halfLife(p[2 * order[0] + 1]),
                        mbq(p[2 * order[1]]),
                        halfLife(p[2 * order[1] + 1]),
                        mbq(p[2 * order[2]]),
                        halfLife(p[2 * order[2] + 1]));
            }
            case UPTAKE_WASHOUT -> new UptakeWashout(mbq(p[0]), halfLife(p[1]), halfLife(p[2]));
            case UPTAKE_BI_EXPONENTIAL -> {
                boolean ordered = p[1] >= p[3];
                yield ordered
                        ? new UptakeBiExponential(mbq(p[0]), halfLife(p[1]), mbq(p[2]), halfLife(p[3]), halfLife(p[4]))
                        : new UptakeBiExponential(mbq(p[2]), halfLife(p[3]), mbq(p[0]), halfLife(p[1]), halfLife(p[4]));
            }
        };
    }

    static double ratePerHour(java.time.Duration halfLife) {
        return LN2 / Times.hours(halfLife);
    }

    private static Activity mbq(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new KineticsException("an amplitude must be positive and finite, got " + value + " MBq");
        }
        return Activity.ofMBq(value);
    }

    private static java.time.Duration halfLife(double ratePerHour) {
        if (!(ratePerHour > 0) || Double.isInfinite(ratePerHour)) {
            throw new KineticsException("a rate must be positive and finite, got " + ratePerHour + " /h");
        }
        return Times.ofHours(LN2 / ratePerHour);
    }
}
