package org.netra.dosimetry.marrow;

import java.util.Optional;
import org.netra.dosimetry.organ.SValue;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;

/**
 * Blood-based red-marrow dosimetry (Hindorf et al., EJNMMI 2010;37:1238):
 *
 * <pre>
 *   Ã_RM = ã_blood · RMBLR · m_RM           (ã_blood: time-integrated activity per mL of blood ≈ per g)
 *   D_RM = Ã_RM · S(RM ← RM)  [+ Ã_RB · S(RM ← remainder of body)]
 * </pre>
 *
 * RMBLR defaults to 1, the EANM choice for radiopeptides without specific marrow uptake (Forrer et al., J Nucl
 * Med 2009;50:1427 for 177Lu-octreotate); {@link #rmblrFromHaematocrit} gives Sgouros's 0.19/(1 − Hct)
 * (J Nucl Med 1993;34:689), derived for antibodies (large molecules staying in plasma). S(RM ← RM) must be
 * the patient's: a phantom value scaled by m_phantom/m_patient ({@link SValue#scaledToMass}).
 */
public final class BloodBasedMarrow {
    /** The EANM default ratio of red-marrow to blood activity concentration. */
    public static final double DEFAULT_RMBLR = 1.0;

    private BloodBasedMarrow() {}

    /**
     * @param bloodTiaPerMl the time integral of the blood activity concentration (a TIA in 1 mL of blood), from a
     *     fit of the blood samples ({@code Kinetics.integrate} on concentrations as activities in 1 mL)
     * @param rmblr the red-marrow-to-blood concentration ratio
     * @param marrowMass the patient's red-marrow mass
     * @param marrowSelfS S(RM ← RM) for that mass
     * @param remainderOfBody optional cross-dose: the remainder of the body's Ã and S(RM ← remainder)
     */
    public record Inputs(
            TimeIntegratedActivity bloodTiaPerMl,
            double rmblr,
            Mass marrowMass,
            SValue marrowSelfS,
            Optional<CrossDose> remainderOfBody) {
        public Inputs {
            if (!(rmblr > 0) || Double.isInfinite(rmblr)) {
                throw new IllegalArgumentException("RMBLR must be positive and finite, got " + rmblr);
            }
            if (marrowMass.inKg() <= 0) {
                throw new IllegalArgumentException("the red-marrow mass must be positive, got " + marrowMass);
            }
        }
    }

    /** A cross-dose source: its time-integrated activity and S(RM ← source). */
    public record CrossDose(TimeIntegratedActivity tia, SValue s) {}

    /** The parts of the marrow dose. */
    public record Result(TimeIntegratedActivity marrowTia, AbsorbedDose selfDose, AbsorbedDose crossDose) {
        public AbsorbedDose total() {
            return selfDose.plus(crossDose);
        }
    }

    /** Sgouros 1993: RMBLR = 0.19/(1 − Hct), the extracellular fluid fraction of marrow over the plasmacrit. */
    public static double rmblrFromHaematocrit(double haematocrit) {
        if (!(haematocrit > 0 && haematocrit < 1)) {
            throw new IllegalArgumentException(
                    "haematocrit is a fraction between 0 and 1 (e.g. 0.42), got " + haematocrit);
        }
        return 0.19 / (1 - haematocrit);
    }

    public static Result dose(Inputs in) {
        // blood and marrow densities ≈ 1 g/mL: concentration per mL of blood is taken as per g of marrow
        var marrowTia = TimeIntegratedActivity.ofBqSeconds(
                in.bloodTiaPerMl().inBqSeconds() * in.rmblr() * in.marrowMass().inGrams());
        AbsorbedDose self = in.marrowSelfS().dose(marrowTia);
        AbsorbedDose cross = in.remainderOfBody().map(c -> c.s().dose(c.tia())).orElse(AbsorbedDose.ZERO);
        return new Result(marrowTia, self, cross);
    }
}
