package org.netra.dosimetry.montecarlo;

import java.util.Map;

/**
 * One medium's electron tables for condensed-history transport, computed from its elemental composition (the
 * same {@link PhotonMedium} the photons use, so a CT voxel has one composition for both):
 *
 * <ul>
 *   <li>the collision mass stopping power by the Bethe formula for electrons of ICRU Report 37 (1984, eq. 2.11,
 *       Rohrlich–Carlson), with the mean excitation energy from Bragg additivity of ICRU 37's values for elements
 *       bound in compounds (H 19.2, C 81, N 82, O 106, Cl 180 eV; 1.13 × the elemental value for the others) and
 *       the density effect of Sternheimer and Peierls (Phys Rev B 1971;3:3681) at 1 g/cm³. Radiative loss is not
 *       separated: bremsstrahlung (about 1 % of a 2 MeV electron's loss in water) is deposited along the track.
 *       The resulting CSDA ranges in water agree with NIST ESTAR within 3 % from 20 keV to 3 MeV
 *       ({@code ElectronMediumTest});
 *   <li>the CSDA range, the integral of 1/S, so a step's energy loss follows from its length and back;
 *   <li>the first transport mean free path λ₁ of elastic scattering, for the screened Rutherford cross section
 *       with Molière's screening parameter (Molière, Z Naturforsch 1947;2a:133; the form of Berger's ETRAN and of
 *       PENELOPE's simple models), with Z(Z+1) to count the atomic electrons.
 * </ul>
 *
 * <p>All three are mass quantities (per g/cm²); a voxel's density scales them to lengths, so lung and bone differ
 * from water by their density and, less, by their composition (bone's Z/A is 3 % lower and its I-value higher).
 */
final class ElectronMedium {
    static final double ELECTRON_REST_MEV = 0.51099895;
    /** 2π r_e² m c² N_A, MeV cm²/mol. */
    private static final double BETHE_CONSTANT = 0.153536;

    private static final double CLASSICAL_RADIUS_CM = 2.8179403262e-13;
    private static final double AVOGADRO = 6.02214076e23;
    private static final double FINE_STRUCTURE = 1 / 137.035999;
    /** Table grid: 1 keV–3.5 MeV, logarithmic. */
    static final double E_MIN_MEV = 0.001;

    static final double E_MAX_MEV = 3.5;
    static final int GRID = 600;

    /** Z, standard atomic weight and mean excitation energy (eV) as bound in compounds (ICRU 37, table 2.11). */
    private record Element(int z, double a, double boundIeV) {}

    private static final Map<String, Element> ELEMENTS = Map.ofEntries(
            Map.entry("H", new Element(1, 1.008, 19.2)),
            Map.entry("C", new Element(6, 12.011, 81)),
            Map.entry("N", new Element(7, 14.007, 82)),
            Map.entry("O", new Element(8, 15.999, 106)),
            Map.entry("Na", new Element(11, 22.990, 1.13 * 149)),
            Map.entry("Mg", new Element(12, 24.305, 1.13 * 156)),
            Map.entry("P", new Element(15, 30.974, 1.13 * 173)),
            Map.entry("S", new Element(16, 32.06, 1.13 * 180)),
            Map.entry("Cl", new Element(17, 35.45, 180)),
            Map.entry("Ar", new Element(18, 39.948, 1.13 * 188)),
            Map.entry("K", new Element(19, 39.098, 1.13 * 190)),
            Map.entry("Ca", new Element(20, 40.078, 1.13 * 191)),
            Map.entry("Ti", new Element(22, 47.867, 1.13 * 233)),
            Map.entry("Cu", new Element(29, 63.546, 1.13 * 322)),
            Map.entry("Zn", new Element(30, 65.38, 1.13 * 330)),
            Map.entry("Ag", new Element(47, 107.868, 1.13 * 470)),
            Map.entry("Sn", new Element(50, 118.71, 1.13 * 488)));

    final String name;
    final double zOverA;
    final double meanExcitationEv;
    private final double lnMin, step;
    /** Per grid energy: S/ρ (MeV cm²/g), CSDA range (g/cm²), λ₁ρ (g/cm²). */
    private final double[] stopping = new double[GRID + 1],
            range = new double[GRID + 1],
            transport = new double[GRID + 1];

    ElectronMedium(PhotonMedium medium) {
        this(medium.name(), medium.composition());
    }

    ElectronMedium(String name, Map<String, Double> composition) {
        this.name = name;
        double za = 0, lnI = 0, total = 0;
        for (var e : composition.entrySet()) {
            Element el = element(e.getKey(), name);
            double w = e.getValue();
            za += w * el.z / el.a;
            lnI += w * el.z / el.a * Math.log(el.boundIeV);
            total += w;
        }
        zOverA = za / total;
        meanExcitationEv = Math.exp(lnI / za);
        lnMin = Math.log(E_MIN_MEV);
        step = Math.log(E_MAX_MEV / E_MIN_MEV) / GRID;
        for (int j = 0; j <= GRID; j++) {
            double t = Math.exp(lnMin + j * step);
            stopping[j] = collisionStopping(t);
            transport[j] = 1 / transportCrossSectionPerGram(t, composition, total);
        }
        // below the grid the range is taken as T/S (S rises as T falls, so this slightly over-states it: < 1 µm)
        range[0] = E_MIN_MEV / stopping[0];
        for (int j = 1; j <= GRID; j++) {
            // trapezoid in ln T of T/S
            double a = Math.exp(lnMin + (j - 1) * step) / stopping[j - 1];
            double b = Math.exp(lnMin + j * step) / stopping[j];
            range[j] = range[j - 1] + 0.5 * (a + b) * step;
        }
    }

    private static Element element(String symbol, String medium) {
        Element el = ELEMENTS.get(symbol);
        if (el == null) {
            throw new IllegalArgumentException("medium " + medium + " has element " + symbol
                    + ", which netra's electron tables do not know; known are " + ELEMENTS.keySet());
        }
        return el;
    }

    /** ICRU 37 collision stopping power of electrons, MeV cm²/g, with the Sternheimer–Peierls density effect. */
    double collisionStopping(double kineticMeV) {
        double tau = kineticMeV / ELECTRON_REST_MEV;
        double gamma = tau + 1;
        double beta2 = 1 - 1 / (gamma * gamma);
        double iOverMc2 = meanExcitationEv * 1e-6 / ELECTRON_REST_MEV;
        double f = 1 - beta2 + (tau * tau / 8 - (2 * tau + 1) * Math.log(2)) / (gamma * gamma);
        double log = Math.log(tau * tau * (tau + 2) / (2 * iOverMc2 * iOverMc2));
        double x = Math.log10(Math.sqrt(beta2) * gamma);
        return BETHE_CONSTANT * zOverA / beta2 * (log + f - densityEffect(x));
    }

    /** Sternheimer and Peierls' general δ(X), X = log₁₀(βγ), for a condensed medium of 1 g/cm³. */
    private double densityEffect(double x) {
        double plasmaEv = 28.816 * Math.sqrt(zOverA);
        double c = 1 + 2 * Math.log(meanExcitationEv / plasmaEv);
        double x0, x1;
        if (meanExcitationEv < 100) {
            x1 = 2;
            x0 = c < 3.681 ? 0.2 : 0.326 * c - 1.0;
        } else {
            x1 = 3;
            x0 = c < 5.215 ? 0.2 : 0.326 * c - 1.5;
        }
        if (x <= x0) {
            return 0;
        }
        double d = 4.606 * x - c;
        if (x >= x1) {
            return d;
        }
        double a = (c - 4.606 * x0) / Math.pow(x1 - x0, 3);
        return d + a * Math.pow(x1 - x, 3);
    }

    /**
     * σ₁ per gram for the screened Rutherford cross section: per atom 2π Z(Z+1) r_e²/(γ²β⁴) · [ln(1 + 1/η) −
     * 1/(1 + η)], η = ¼ (α Z^⅓ /(0.885 βγ))² (1.13 + 3.76 (αZ/β)²).
     */
    private static double transportCrossSectionPerGram(
            double kineticMeV, Map<String, Double> composition, double total) {
        double gamma = kineticMeV / ELECTRON_REST_MEV + 1;
        double beta2 = 1 - 1 / (gamma * gamma);
        double betaGamma2 = beta2 * gamma * gamma;
        double sum = 0;
        for (var e : composition.entrySet()) {
            Element el = ELEMENTS.get(e.getKey());
            double z = el.z;
            double eta = 0.25
                    * FINE_STRUCTURE
                    * FINE_STRUCTURE
                    * Math.pow(z, 2.0 / 3)
                    / (0.885 * 0.885 * betaGamma2)
                    * (1.13 + 3.76 * FINE_STRUCTURE * FINE_STRUCTURE * z * z / beta2);
            double perAtom = 2
                    * Math.PI
                    * z
                    * (z + 1)
                    * CLASSICAL_RADIUS_CM
                    * CLASSICAL_RADIUS_CM
                    / (gamma * gamma * beta2 * beta2)
                    * (Math.log(1 + 1 / eta) - 1 / (1 + eta));
            sum += e.getValue() / total * AVOGADRO / el.a * perAtom;
        }
        return sum;
    }

    private double interpolate(double[] table, double kineticMeV) {
        double t = (Math.log(kineticMeV) - lnMin) / step;
        if (t <= 0) {
            return table == range ? range[0] * kineticMeV / E_MIN_MEV : table[0];
        }
        int j = Math.min(GRID - 1, (int) t);
        double f = Math.min(1, t - j);
        return table[j] + f * (table[j + 1] - table[j]);
    }

    /** Mass stopping power, MeV cm²/g. */
    double stoppingPower(double kineticMeV) {
        return interpolate(stopping, kineticMeV);
    }

    /** CSDA range, g/cm². */
    double csdaRange(double kineticMeV) {
        return interpolate(range, kineticMeV);
    }

    /** First transport mean free path times density, g/cm². */
    double transportMeanFreePath(double kineticMeV) {
        return interpolate(transport, kineticMeV);
    }

    /** The kinetic energy (MeV) whose CSDA range is {@code gramsPerCm2} (the inverse of {@link #csdaRange}). */
    double energyAtRange(double gramsPerCm2) {
        if (gramsPerCm2 <= range[0]) {
            return E_MIN_MEV * gramsPerCm2 / range[0];
        }
        int lo = 0, hi = GRID;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (range[mid] > gramsPerCm2) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double f = (gramsPerCm2 - range[lo]) / (range[hi] - range[lo]);
        return Math.exp(lnMin + (lo + f) * step);
    }
}
