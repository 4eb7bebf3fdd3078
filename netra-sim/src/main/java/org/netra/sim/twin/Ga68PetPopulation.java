package org.netra.sim.twin;

import java.util.EnumMap;
import java.util.Map;
import org.hipparchus.random.RandomDataGenerator;
import org.netra.sim.kinetics.Lu177Dotatate;
import org.netra.sim.kinetics.Lu177Dotatate.Group;
import org.netra.sim.kinetics.Uptake;

/**
 * What a twin's 68Ga-DOTATATE PET shows at 60 min: each compartment's body-weight SUVmean, drawn per patient
 * around a typical value and correlated with the same patient's 177Lu-DOTATATE uptake.
 *
 * <p>Why not the 177Lu kinetics with 68Ga's decay: at one hour 177Lu-DOTATATE is still being taken up (spleen
 * and kidney uptake half-times of 0.5 h, tumours 2 h), so retiming it left the spleen at SUV 3.8 and the
 * blood-like marrow at 5.6, above the liver. Clinically the spleen is the highest normal organ, then kidneys,
 * then liver; marrow, blood pool and muscle stay below SUV 2 (Özgüven et al., Mol Imaging Radionucl Ther
 * 2021;30:39, 118 normal subjects; Sürer Budak, Forbes J Med 2023;4:116; dynamic total-body PET, Contrast
 * Media Mol Imaging 2023:4722499). Renal parenchyma SUVmax 12.7 ± 3.0 and lesion SUVmax 16.0 ± 10.8 (Poeppel et
 * al., J Nucl Med 2011;52:1864). The SUVmean values below are working figures consistent with those orders
 * and ranges (docs/DOMAIN.md §3, "68Ga PET of the twins"), not re-read from one paper's table.
 *
 * <p>The correlation: ln SUV = ln SUV_typical − σ²/2 + σ(ρ·z_Lu + √(1−ρ²)·z_own), where z_Lu is the standard
 * normal deviate the twin's 177Lu uptake amplitude was drawn with ({@link TwinSpec}) and z_own the PET's own.
 * With ρ = {@value #CORRELATION_WITH_LU177} the tumours' ln SUV correlates with their true 177Lu Gy/GBq at
 * r ≈ 0.7 (the amplitude is most of the between-patient spread of the dose; tested), the between-patient
 * correlation issue 19 quotes.
 */
public final class Ga68PetPopulation {
    /** The correlation of a compartment's PET deviate with its 177Lu uptake deviate. */
    public static final double CORRELATION_WITH_LU177 = 0.8;

    /** A compartment's typical SUVmean at 60 min and its between-patient SD of ln SUV. */
    public record Typical(double suvMean, double logSd) {}

    private Ga68PetPopulation() {}

    /** The typical SUVmean per compartment; the bladder (urine) is not drawn, it keeps the retimed kinetics. */
    public static Map<Group, Typical> typical() {
        Map<Group, Typical> m = new EnumMap<>(Group.class);
        m.put(Group.SPLEEN, new Typical(20, 0.30));
        m.put(Group.KIDNEYS, new Typical(10, 0.24));
        m.put(Group.LIVER, new Typical(6.5, 0.25));
        m.put(Group.MARROW, new Typical(1.2, 0.25));
        m.put(Group.REMAINDER, new Typical(0.7, 0.20));
        Typical tumour = new Typical(12, 0.55);
        m.put(Group.LIVER_MET_1, tumour);
        m.put(Group.LIVER_MET_2, tumour);
        m.put(Group.LIVER_MET_3, tumour);
        m.put(Group.PANCREAS_PRIMARY, tumour);
        m.put(Group.BONE_MET, tumour);
        return m;
    }

    /**
     * The twin's own SUVmean per compartment, from its own stream of the seed (so the 177Lu draw of every
     * existing twin is unchanged).
     */
    public static Map<Group, Double> draw(TwinSpec spec) {
        RandomDataGenerator r = new RandomDataGenerator(spec.seed() * 0x632BE59BD9B4E019L + 29);
        Map<Group, Uptake> standard = Lu177Dotatate.standard();
        Map<Group, Uptake> patient = spec.cycleKinetics().get(0);
        Map<Group, Double> out = new EnumMap<>(Group.class);
        typical().forEach((g, t) -> {
            double own = r.nextNormal(0, 1);
            double sigmaLu = TwinSpec.uptakeSpread(g);
            double ratio = (patient.get(g).fast() + patient.get(g).slow())
                    / (standard.get(g).fast() + standard.get(g).slow());
            double zLu = (Math.log(ratio) + sigmaLu * sigmaLu / 2) / sigmaLu;
            double rho = CORRELATION_WITH_LU177;
            double z = rho * zLu + Math.sqrt(1 - rho * rho) * own;
            out.put(g, t.suvMean() * Math.exp(t.logSd() * z - t.logSd() * t.logSd() / 2));
        });
        return out;
    }
}
