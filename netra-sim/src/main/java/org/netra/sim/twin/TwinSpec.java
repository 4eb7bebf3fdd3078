package org.netra.sim.twin;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.random.RandomDataGenerator;
import org.netra.clinical.patient.Sex;
import org.netra.sim.anatomy.BodySize;
import org.netra.sim.anatomy.Lungs;
import org.netra.sim.anatomy.PhantomSpec;
import org.netra.sim.kinetics.Lu177Dotatate;
import org.netra.sim.kinetics.Lu177Dotatate.Group;
import org.netra.sim.kinetics.Uptake;

/**
 * One digital twin drawn from a seed: sex, weight and height (adult NET patients: men 80 ± 12 kg,
 * 176 ± 7 cm; women 68 ± 11 kg, 163 ± 6 cm), tumour volumes around the standard twin's (log-normal, 30 %),
 * and per cycle the kinetics: each compartment's uptake log-normal around the population value (25 % for
 * organs, 35 % for tumours, the spread of Sandström et al. 2013) and its slow half-life (15 %), the marrow's
 * correlated with the kidneys' ({@link #KIDNEY_MARROW_CORRELATION}); each cycle's uptake scatters by 8 % around the
 * patient's typical (the typical is cycle 1's divided by its own deviation, so cycle 1 is the same as a one-cycle
 * twin's).
 */
public record TwinSpec(long seed, PhantomSpec phantom, List<Map<Group, Uptake>> cycleKinetics, double injectedMBq) {

    public TwinSpec {
        cycleKinetics = List.copyOf(cycleKinetics);
    }

    public static TwinSpec draw(long seed, int cycles, double injectedMBq) {
        if (cycles < 1 || cycles > 8) {
            throw new IllegalArgumentException("PRRT gives 1–8 cycles, got " + cycles);
        }
        RandomDataGenerator r = new RandomDataGenerator(seed * 0x9E3779B97F4A7C15L + 17);
        Sex sex = r.nextUniform(0, 1) < 0.5 ? Sex.MALE : Sex.FEMALE;
        boolean male = sex == Sex.MALE;
        double weight = clamp(r.nextNormal(male ? 80 : 68, male ? 12 : 11), 45, 130);
        double height = clamp(r.nextNormal(male ? 176 : 163, male ? 7 : 6), 148, 200);
        BodySize body = new BodySize(sex, weight, height);
        PhantomSpec phantom = PhantomSpec.standard(body)
                .withTumours(
                        clamp(25 * logNormal(r, 0.3), 8, 60),
                        clamp(8 * logNormal(r, 0.3), 5.5, 15),
                        clamp(3 * logNormal(r, 0.3), 1.5, 4.5),
                        clamp(20 * logNormal(r, 0.3), 8, 45),
                        clamp(7 * logNormal(r, 0.15), 5.5, 8.5));
        Map<Group, Uptake> patient = new EnumMap<>(Group.class);
        // The kidneys come before the marrow in the EnumMap's order: the marrow's own normal deviates are mixed
        // with the kidneys' (same draws in the same order, so every other compartment of every twin is unchanged).
        double[] kidneyZ = new double[2];
        Lu177Dotatate.standard().forEach((g, u) -> {
            double amplitude = logNormal(r, uptakeSpread(g));
            double slower = logNormal(r, SLOW_HALF_LIFE_SPREAD);
            if (g == Group.KIDNEYS) {
                kidneyZ[0] = standardNormal(amplitude, uptakeSpread(g));
                kidneyZ[1] = standardNormal(slower, SLOW_HALF_LIFE_SPREAD);
            } else if (g == Group.MARROW) {
                amplitude = withKidneys(amplitude, uptakeSpread(g), kidneyZ[0]);
                slower = withKidneys(slower, SLOW_HALF_LIFE_SPREAD, kidneyZ[1]);
            }
            patient.put(g, u.scaled(amplitude).slowerBy(slower));
        });
        // Every cycle scatters by 8 % around the patient's typical kinetics, the first one too: the first cycle's
        // own deviation comes from a separate stream, so cycle 1 (what every single-cycle twin is) stays as it was
        // and later cycles scatter around the typical rather than around cycle 1.
        RandomDataGenerator firstCycle = new RandomDataGenerator(seed * 0x5DEECE66DL + 41);
        Map<Group, Double> firstDeviation = new EnumMap<>(Group.class);
        for (Group g : patient.keySet()) {
            firstDeviation.put(g, logNormal(firstCycle, BETWEEN_CYCLE_SPREAD));
        }
        List<Map<Group, Uptake>> perCycle = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            Map<Group, Uptake> k = new EnumMap<>(Group.class);
            for (var e : patient.entrySet()) {
                k.put(
                        e.getKey(),
                        c == 0
                                ? e.getValue()
                                : e.getValue()
                                        .scaled(logNormal(r, BETWEEN_CYCLE_SPREAD) / firstDeviation.get(e.getKey())));
            }
            perCycle.add(k);
        }
        return new TwinSpec(seed, phantom, perCycle, injectedMBq);
    }

    /**
     * The same twin whose slow (late) half-lives also change from cycle to cycle: each later cycle's multiplied by a
     * log-normal factor of SD {@code logSd} (mean 1) drawn from {@code seed}, cycle 1 as drawn. {@link #draw} varies
     * only the uptake between cycles; a patient's clearance changes too (Willowson 2018: the cycle-1 half-life applied
     * to later cycles was on average 2 % off, with scatter), which is what a patient's earlier cycles cannot foresee.
     */
    public TwinSpec withClearanceVaryingBetweenCycles(double logSd, long seed) {
        RandomDataGenerator r = new RandomDataGenerator(seed * 0x2545F4914F6CDD1DL + 29);
        List<Map<Group, Uptake>> perCycle = new ArrayList<>();
        for (int c = 0; c < cycleKinetics.size(); c++) {
            Map<Group, Uptake> k = new EnumMap<>(Group.class);
            for (var e : cycleKinetics.get(c).entrySet()) {
                k.put(e.getKey(), c == 0 ? e.getValue() : e.getValue().slowerBy(logNormal(r, logSd)));
            }
            perCycle.add(k);
        }
        return new TwinSpec(seed(), phantom, perCycle, injectedMBq);
    }

    /**
     * The same twin with lung bases above its diaphragm and, in about one twin in three
     * ({@link #LUNG_TUMOUR_FRACTION}), a tumour in the right lower lobe: 3 mL typical (log-normal, 50 %, 1–8 mL, a
     * nodule of 12–25 mm) with its own uptake (the liver metastases' curve, 35 % between patients, 8 % between
     * cycles). Everything is drawn from a stream of its own, the same draws whether or not the tumour is there, so
     * every other organ, tumour and curve of the twin is unchanged.
     */
    public TwinSpec withLungs() {
        RandomDataGenerator r = new RandomDataGenerator(seed * 0x3C6EF372FE94F82BL + 53);
        boolean tumour = r.nextUniform(0, 1) < LUNG_TUMOUR_FRACTION;
        double ml = clamp(3 * logNormal(r, 0.5), 1, 8);
        Uptake typical = Lu177Dotatate.LUNG_TUMOUR
                .scaled(logNormal(r, uptakeSpread(Group.LUNG_TUMOUR)))
                .slowerBy(logNormal(r, SLOW_HALF_LIFE_SPREAD));
        List<Map<Group, Uptake>> perCycle = new ArrayList<>();
        for (int c = 0; c < cycleKinetics.size(); c++) {
            Map<Group, Uptake> k = new EnumMap<>(cycleKinetics.get(c));
            Uptake thisCycle = c == 0 ? typical : typical.scaled(logNormal(r, BETWEEN_CYCLE_SPREAD));
            if (tumour) {
                k.put(Group.LUNG_TUMOUR, thisCycle);
            }
            perCycle.add(k);
        }
        Lungs lungs = tumour ? Lungs.withTumour(ml) : Lungs.clear();
        return new TwinSpec(seed, phantom.withLungs(lungs), perCycle, injectedMBq);
    }

    /**
     * The fraction of twins with lungs that carry a lung tumour. More than among NET patients treated with PRRT
     * (lung metastases in roughly 10 % of metastatic gastro-entero-pancreatic NETs; bronchopulmonary NETs about a
     * quarter of all NETs, few of them treated with PRRT), so that the Monte Carlo's flag has cases to fire on.
     */
    public static final double LUNG_TUMOUR_FRACTION = 1.0 / 3;

    /** The between-cycle SD of ln(uptake amplitude) of every compartment around the patient's typical. */
    static final double BETWEEN_CYCLE_SPREAD = 0.08;

    /** The between-patient SD of ln(slow half-life) of every compartment. */
    static final double SLOW_HALF_LIFE_SPREAD = 0.15;

    /**
     * The correlation between a patient's kidney and marrow deviates (uptake amplitude, slow half-life): both rise
     * when the peptide stays longer in the blood, as with poorer renal function (Svensson et al., EJNMMI
     * 2015;42:947). The value is an assumption (no published coefficient); it makes the kidney and marrow Gy/GBq of
     * the twins correlate by ≈ 0.45.
     */
    public static final double KIDNEY_MARROW_CORRELATION = 0.5;

    /** The standard normal deviate behind a {@link #logNormal} factor of log SD {@code sigma}. */
    private static double standardNormal(double factor, double sigma) {
        return (Math.log(factor) + sigma * sigma / 2) / sigma;
    }

    /** The marrow's factor with its own deviate mixed with the kidneys' at {@link #KIDNEY_MARROW_CORRELATION}. */
    private static double withKidneys(double ownFactor, double sigma, double kidneyZ) {
        double rho = KIDNEY_MARROW_CORRELATION;
        double z = rho * kidneyZ + Math.sqrt(1 - rho * rho) * standardNormal(ownFactor, sigma);
        return Math.exp(sigma * z - sigma * sigma / 2);
    }

    /** The between-patient SD of ln(uptake amplitude) for a compartment. */
    static double uptakeSpread(Group g) {
        return switch (g) {
            case LIVER_MET_1, LIVER_MET_2, LIVER_MET_3, PANCREAS_PRIMARY, BONE_MET, LUNG_TUMOUR -> 0.35;
            case REMAINDER, BLADDER -> 0.1;
            case KIDNEYS, LIVER, SPLEEN, MARROW -> 0.25;
        };
    }

    public int cycles() {
        return cycleKinetics.size();
    }

    private static double logNormal(RandomDataGenerator r, double sigma) {
        return Math.exp(r.nextNormal(-sigma * sigma / 2, sigma));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
