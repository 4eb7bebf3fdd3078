package org.netra.dosimetry.montecarlo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.netra.physics.nuclide.EmissionLine;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.RadiationType;
import org.netra.physics.quantity.Energy;

/**
 * The electrons a decay emits that the transport follows: ICRP-107's β⁻ branches (each as a {@link BetaSpectrum}
 * with the branch's mean energy) and its conversion and Auger lines at or above the cut. One history carries one
 * of them, chosen in proportion to its yield, weighted by the electrons per decay, so the expected energy per
 * history is the decay's transported electron energy. Electron lines below the cut (mostly Auger electrons of a
 * few keV, whose range is below 3 µm) and alphas stay in the decay's voxel by expected value.
 *
 * @param electronsPerDecay the transported electrons' summed yield
 * @param transportedPerDecay their energy per decay
 * @param cut lines below it are deposited where they start
 */
public record ElectronEmissions(
        String nuclide, List<Emission> emissions, double electronsPerDecay, Energy transportedPerDecay, Energy cut) {

    /** 10 keV: an electron's CSDA range in water is 2.5 µm, a thousandth of a SPECT voxel. */
    public static final Energy DEFAULT_CUT = Energy.ofKeV(10);

    /** Nuclides whose main β⁻ branch is first forbidden unique (ΔJ = 2, parity change): its spectrum is harder. */
    private static final Set<String> FIRST_FORBIDDEN_UNIQUE = Set.of("Y-90", "Sr-89");

    private static final String ELEMENTS = " H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni"
            + " Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm"
            + " Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm";

    /** One emission: a β⁻ branch (with its spectrum) or a line of fixed energy. */
    public sealed interface Emission {
        double yieldPerDecay();

        double meanMeV();

        double sampleMeV(RandomGenerator random);
    }

    public record BetaBranch(double yieldPerDecay, double meanMeV, double endPointMeV, BetaSpectrum spectrum)
            implements Emission {
        @Override
        public double sampleMeV(RandomGenerator random) {
            return spectrum.sample(random);
        }
    }

    public record ElectronLine(double yieldPerDecay, double meanMeV) implements Emission {
        @Override
        public double sampleMeV(RandomGenerator random) {
            return meanMeV;
        }
    }

    public ElectronEmissions {
        emissions = List.copyOf(emissions);
    }

    /** A nuclide's ICRP-107 electrons at or above {@code cut}. β⁺ branches are refused (no annihilation here). */
    public static ElectronEmissions of(Nuclide nuclide, Energy cut) {
        List<Emission> out = new ArrayList<>();
        double yield = 0, energy = 0;
        for (EmissionLine line : nuclide.emissionLines()) {
            if (line.type().kind() != RadiationType.Kind.ELECTRON
                    || line.yieldPerDecay() <= 0
                    || line.energy().compareTo(cut) < 0) {
                continue;
            }
            double mev = line.energy().inMeV();
            Emission e =
                    switch (line.type()) {
                        case BETA_MINUS, DELAYED_BETA -> {
                            boolean unique = FIRST_FORBIDDEN_UNIQUE.contains(nuclide.name());
                            BetaSpectrum s = BetaSpectrum.withMean(mev, daughterZ(nuclide.name()), unique);
                            yield new BetaBranch(line.yieldPerDecay(), mev, s.endPointMeV(), s);
                        }
                        case BETA_PLUS ->
                            throw new IllegalArgumentException(nuclide.name()
                                    + " emits positrons; netra's electron transport has no annihilation photons — use"
                                    + " local electrons for it");
                        case INTERNAL_CONVERSION_ELECTRON, AUGER_ELECTRON ->
                            new ElectronLine(line.yieldPerDecay(), mev);
                        default -> throw new IllegalStateException("not an electron: " + line.type());
                    };
            out.add(e);
            yield += line.yieldPerDecay();
            energy += line.yieldPerDecay() * mev;
        }
        return new ElectronEmissions(nuclide.name(), out, yield, Energy.ofMeV(energy), cut);
    }

    /** β⁻ decay raises Z by one: the Fermi function needs the daughter's charge. */
    static int daughterZ(String nuclideName) {
        String symbol = nuclideName.substring(0, nuclideName.indexOf('-'));
        List<String> symbols = List.of(ELEMENTS.trim().split(" "));
        int z = symbols.indexOf(symbol) + 1;
        if (z == 0) {
            throw new IllegalArgumentException("no element '" + symbol + "' (from " + nuclideName + ") up to Cm");
        }
        return z + 1;
    }

    /** An emission for a uniform {@code u} in [0, 1), in proportion to the yields. */
    Emission pick(double u) {
        double x = u * electronsPerDecay;
        double run = 0;
        for (Emission e : emissions) {
            run += e.yieldPerDecay();
            if (x < run) {
                return e;
            }
        }
        return emissions.get(emissions.size() - 1);
    }

    public boolean isEmpty() {
        return emissions.isEmpty();
    }
}
