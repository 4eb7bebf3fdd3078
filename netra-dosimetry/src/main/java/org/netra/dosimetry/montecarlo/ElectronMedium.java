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
 *   <li>the first transport mean free path λ₁ (see {@link #elasticTransportCrossSection} and {@link
 *       #softInelasticTransportCrossSection}): elastic scattering by the nuclei, screened Rutherford with Molière's
 *       screening times McKinley and Feshbach's Mott-to-Rutherford ratio, within 1 % of ELSEPA's partial-wave
 *       values for H and O from 30 keV to 3 MeV ({@code ElectronMediumTest}); plus the deflections of inelastic
 *       collisions with the atomic electrons below the hard-collision cut (those above it are Møller events,
 *       deflected one by one). The earlier model — screened Rutherford with Z(Z+1) per atom — scattered 25 % too
 *       much in water at 0.5–3 MeV and left 90Y's end-of-range voxels 4–6 % low (docs/dosimetry.md).
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
    /**
     * Energy transfers above 10 keV are hard collisions (Møller δ-rays, sampled one by one); below it they are
     * part of the restricted, continuous loss. 10 keV is the transport's own cut ({@link
     * ElectronEmissions#DEFAULT_CUT}): a δ-ray below it would be deposited where it starts anyway.
     */
    static final double HARD_COLLISION_CUT_MEV = 0.010;

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
    /**
     * Per grid energy, class II: the restricted stopping power L (transfers below {@link #HARD_COLLISION_CUT_MEV}),
     * the range under L alone (g/cm²), and the number of hard-collision mean free paths an electron crosses while
     * slowing down under L from that energy to the bottom of the grid, ∫ σ_hard / L dT.
     */
    private final double[] restrictedStopping = new double[GRID + 1],
            restrictedRange = new double[GRID + 1],
            hardCollisionPaths = new double[GRID + 1];

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
        for (int j = 0; j <= GRID; j++) {
            double t = Math.exp(lnMin + j * step);
            restrictedStopping[j] = restrictedStopping(t, HARD_COLLISION_CUT_MEV);
        }
        restrictedRange[0] = E_MIN_MEV / restrictedStopping[0];
        for (int j = 1; j <= GRID; j++) {
            double t0 = Math.exp(lnMin + (j - 1) * step), t1 = Math.exp(lnMin + j * step);
            restrictedRange[j] =
                    restrictedRange[j - 1] + 0.5 * (t0 / restrictedStopping[j - 1] + t1 / restrictedStopping[j]) * step;
            double a = hardCollisionsPerGram(t0, HARD_COLLISION_CUT_MEV) * t0 / restrictedStopping[j - 1];
            double b = hardCollisionsPerGram(t1, HARD_COLLISION_CUT_MEV) * t1 / restrictedStopping[j];
            hardCollisionPaths[j] = hardCollisionPaths[j - 1] + 0.5 * (a + b) * step;
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

    /**
     * The restricted collision stopping power (MeV cm²/g) of electrons for energy transfers below {@code cutMeV}
     * (Berger and Seltzer's formula, ICRU 37 eq. 2.9 with Møller's cross section; the form Geant4 and EGSnrc use):
     * L = C Z/A / β² [ln(2(τ+2)/(I/mc²)²) − 1 − β² + ln((τ−d)d) + τ/(τ−d) + (d²/2 + (2τ+1) ln(1−d/τ))/γ² − δ],
     * with τ = T/mc² and d = min(cut, T/2)/mc². At d = τ/2 it is {@link #collisionStopping} (tested).
     */
    double restrictedStopping(double kineticMeV, double cutMeV) {
        double tau = kineticMeV / ELECTRON_REST_MEV;
        double d = Math.min(cutMeV, kineticMeV / 2) / ELECTRON_REST_MEV;
        double gamma = tau + 1;
        double beta2 = 1 - 1 / (gamma * gamma);
        double iOverMc2 = meanExcitationEv * 1e-6 / ELECTRON_REST_MEV;
        double bracket = Math.log(2 * (tau + 2) / (iOverMc2 * iOverMc2))
                - 1
                - beta2
                + Math.log((tau - d) * d)
                + tau / (tau - d)
                + (0.5 * d * d + (2 * tau + 1) * Math.log(1 - d / tau)) / (gamma * gamma);
        double x = Math.log10(Math.sqrt(beta2) * gamma);
        return BETHE_CONSTANT * zOverA / beta2 * (bracket - densityEffect(x));
    }

    /**
     * Møller's cross section (cm²/g) for transferring more than {@code cutMeV} to an atomic electron (taken as
     * free), the δ-ray being the slower of the two: the integral over ε = W/T from k = cut/T to ½ of
     * C Z/A /(β² T) [1/ε² + 1/(1−ε)² + ((γ−1)/γ)² − (2γ−1)/γ² /(ε(1−ε))].
     */
    double hardCollisionsPerGram(double kineticMeV, double cutMeV) {
        if (kineticMeV <= 2 * cutMeV) {
            return 0;
        }
        double k = cutMeV / kineticMeV;
        double gamma = kineticMeV / ELECTRON_REST_MEV + 1;
        double beta2 = 1 - 1 / (gamma * gamma);
        double g = (gamma - 1) / gamma;
        double bracket =
                1 / k - 1 / (1 - k) + g * g * (0.5 - k) - (2 * gamma - 1) / (gamma * gamma) * Math.log((1 - k) / k);
        return BETHE_CONSTANT * zOverA / (beta2 * kineticMeV) * bracket;
    }

    /**
     * The variance (MeV²) of the restricted energy loss over {@code gramsPerCm2}: Bohr's, for transfers up to the
     * hard-collision cut, C Z/A · cut · (1/β² − ½) · s (as in Geant4's Gaussian fluctuation regime).
     */
    double softLossVariance(double kineticMeV, double gramsPerCm2) {
        double gamma = kineticMeV / ELECTRON_REST_MEV + 1;
        double beta2 = 1 - 1 / (gamma * gamma);
        double transferMax = Math.min(HARD_COLLISION_CUT_MEV, kineticMeV / 2);
        return BETHE_CONSTANT * zOverA * transferMax * (1 / beta2 - 0.5) * gramsPerCm2;
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
     * σ₁ per gram: Σ over the elements of (w/A) N_A (σ₁ elastic + σ₁ soft inelastic), so λ₁ρ = 1/σ₁. Elastic and
     * inelastic deflections add in σ₁ because the first Legendre moments of independent deflections multiply.
     */
    private static double transportCrossSectionPerGram(
            double kineticMeV, Map<String, Double> composition, double total) {
        double sum = 0;
        for (var e : composition.entrySet()) {
            Element el = ELEMENTS.get(e.getKey());
            double perAtom = elasticTransportCrossSection(el.z, kineticMeV)
                    + softInelasticTransportCrossSection(el.z, kineticMeV, HARD_COLLISION_CUT_MEV);
            sum += e.getValue() / total * AVOGADRO / el.a * perAtom;
        }
        return sum;
    }

    /**
     * Molière's screening parameter η (Z Naturforsch 1947;2a:133; the form of Berger's ETRAN and PENELOPE's simple
     * models): ¼ (α Z^⅓ /(0.885 βγ))² (1.13 + 3.76 (α z/β)²) for an atom of atomic number {@code zAtom} (its
     * Thomas–Fermi radius) and a scatterer of charge {@code zScatterer} (the nucleus Z, an atomic electron 1: the
     * second factor is Molière's correction to the Born approximation, which grows with the charge that scatters).
     */
    static double moliereScreening(double kineticMeV, int zAtom, double zScatterer) {
        double gamma = kineticMeV / ELECTRON_REST_MEV + 1;
        double beta2 = 1 - 1 / (gamma * gamma);
        return 0.25
                * FINE_STRUCTURE
                * FINE_STRUCTURE
                * Math.pow(zAtom, 2.0 / 3)
                / (0.885 * 0.885 * beta2 * gamma * gamma)
                * (1.13 + 3.76 * FINE_STRUCTURE * FINE_STRUCTURE * zScatterer * zScatterer / beta2);
    }

    /**
     * σ₁ (cm² per atom) of elastic scattering by the screened nucleus: ∫ (1 − cos θ) dσ with dσ the screened
     * Rutherford cross section (Z², Molière's η) times McKinley and Feshbach's Mott-to-Rutherford ratio (Phys Rev
     * 1948;74:1759), R = 1 − β² μ + π α Z β (√μ − μ), μ = sin²(θ/2) — the spin and second-Born terms of Mott's
     * cross section for light nuclei (αZ ≪ 1: H to Ca, the media's elements but the traces of Ti–Sn). In μ:
     * σ₁ = 2π Z² r_e²/(γ²β⁴) ∫₀¹ μ R(μ)/(μ + η)² dμ, in closed form A − β²B + παZβ(C − B) with
     * A = ln(1 + 1/η) − 1/(1 + η), B = 1 − 2η ln(1 + 1/η) + η/(1 + η),
     * C = 2(1 − (3/2)√η arctan(1/√η) + η/(2(1 + η))).
     *
     * <p>Why the Mott factor: the screened Rutherford cross section alone gives σ₁ 7–8 % above ELSEPA's partial-wave
     * values (Salvat, Jablonski and Powell, Comput Phys Commun 2005;165:157) for H and O at 0.5–3 MeV, because at
     * large angles a relativistic electron's spin suppresses the Rutherford rate (the −β²μ term: to 1 − β² at 180°);
     * with the ratio the
     * two agree within 1 % from 30 keV to 3 MeV ({@code ElectronMediumTest}).
     */
    static double elasticTransportCrossSection(int z, double kineticMeV) {
        double gamma = kineticMeV / ELECTRON_REST_MEV + 1;
        double beta2 = 1 - 1 / (gamma * gamma);
        double eta = moliereScreening(kineticMeV, z, z);
        double log = Math.log1p(1 / eta);
        double a = log - 1 / (1 + eta);
        double b = 1 - 2 * eta * log + eta / (1 + eta);
        double sqrtEta = Math.sqrt(eta);
        double c = 2 * (1 - 1.5 * sqrtEta * Math.atan(1 / sqrtEta) + eta / (2 * (1 + eta)));
        double bracket = a - beta2 * b + Math.PI * FINE_STRUCTURE * z * Math.sqrt(beta2) * (c - b);
        return 2
                * Math.PI
                * z
                * z
                * CLASSICAL_RADIUS_CM
                * CLASSICAL_RADIUS_CM
                / (gamma * gamma * beta2 * beta2)
                * bracket;
    }

    /**
     * σ₁ (cm² per atom) of the deflections by the atom's Z electrons in collisions that transfer less than {@code
     * cutMeV} — the continuous (soft) part of the class II scheme, whose angles the step must carry; the larger
     * transfers are Møller collisions, each deflecting the electron by its two-body angle. A collision with an atomic
     * electron scatters like Rutherford's with unit charge (Møller's cross section at small angles), screened by
     * the same atom, up to the angle θ_c at which the transfer reaches the cut W: by two-body kinematics the
     * primary's cos²θ_c = (T − W)(T + 2mc²)/(T (T − W + 2mc²)). So σ₁ = 2π Z r_e²/(γ²β⁴)
     * [ln(1 + μ_c/η) − μ_c/(μ_c + η)], μ_c = (1 − cos θ_c)/2 — the treatment of the atomic electrons in Geant4's
     * WentzelVI model (Ivanchenko et al., J Phys Conf Ser 2010;219:032045), in place of the Z(Z+1) of Molière's
     * and Fano's time, which lets the atomic electrons scatter like the nucleus to any angle and counts the hard
     * collisions' deflections twice. In water it adds 6–9 % to the elastic σ₁ at 0.03–3 MeV.
     */
    static double softInelasticTransportCrossSection(int z, double kineticMeV, double cutMeV) {
        double gamma = kineticMeV / ELECTRON_REST_MEV + 1;
        double beta2 = 1 - 1 / (gamma * gamma);
        double w = Math.min(cutMeV, kineticMeV / 2);
        double twoMc2 = 2 * ELECTRON_REST_MEV;
        double cos = Math.sqrt((kineticMeV - w) * (kineticMeV + twoMc2) / (kineticMeV * (kineticMeV - w + twoMc2)));
        double muCut = (1 - cos) / 2;
        double eta = moliereScreening(kineticMeV, z, 1);
        return 2
                * Math.PI
                * z
                * CLASSICAL_RADIUS_CM
                * CLASSICAL_RADIUS_CM
                / (gamma * gamma * beta2 * beta2)
                * (Math.log1p(muCut / eta) - muCut / (muCut + eta));
    }

    private double interpolate(double[] table, double kineticMeV) {
        double t = (Math.log(kineticMeV) - lnMin) / step;
        if (t <= 0) {
            return table == range || table == restrictedRange || table == hardCollisionPaths
                    ? table[0] * kineticMeV / E_MIN_MEV
                    : table[0];
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

    /** Range under the restricted stopping power alone (no hard collisions), g/cm²: the longest path there is. */
    double restrictedRange(double kineticMeV) {
        return interpolate(restrictedRange, kineticMeV);
    }

    /** The number of hard-collision mean free paths crossed while slowing down under L from T to the grid's end. */
    double hardCollisionPaths(double kineticMeV) {
        return interpolate(hardCollisionPaths, kineticMeV);
    }

    /** The kinetic energy (MeV) whose CSDA range is {@code gramsPerCm2} (the inverse of {@link #csdaRange}). */
    double energyAtRange(double gramsPerCm2) {
        return inverse(range, gramsPerCm2);
    }

    /** The inverse of {@link #restrictedRange}. */
    double energyAtRestrictedRange(double gramsPerCm2) {
        return inverse(restrictedRange, gramsPerCm2);
    }

    /** The energy at which {@link #hardCollisionPaths} is {@code paths}; 0 where no energy has that many. */
    double energyAtHardCollisionPaths(double paths) {
        return paths <= 0 ? 0 : inverse(hardCollisionPaths, paths);
    }

    /** The energy at which a table rising with energy (linear in ln T between grid points) takes {@code value}. */
    private double inverse(double[] table, double value) {
        if (value <= table[0]) {
            return table[0] > 0 ? E_MIN_MEV * value / table[0] : E_MIN_MEV;
        }
        int lo = 0, hi = GRID;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (table[mid] > value) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double f = (value - table[lo]) / (table[hi] - table[lo]);
        return Math.exp(lnMin + (lo + f) * step);
    }
}
