package org.netra.clinical.followup;

import org.netra.clinical.patient.Sex;
import org.netra.physics.quantity.Mass;

/** Kidney function from serum creatinine: CKD-EPI 2021 eGFR and Cockcroft–Gault clearance. */
public final class RenalFunction {
    /** µmol/L per mg/dL of creatinine (molar mass 113.12 g/mol). */
    public static final double UMOL_PER_MG_DL = 88.4;

    private RenalFunction() {}

    /** Estimated GFR in mL/min/1.73 m². */
    public record Egfr(double mlPerMinPer173m2) {}

    /** Creatinine clearance in mL/min (not normalised to body surface). */
    public record CreatinineClearance(double mlPerMin) {}

    /**
     * The race-free CKD-EPI creatinine equation (Inker et al., N Engl J Med 2021;385:1737):
     * 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age × 1.012 [female], Scr in mg/dL,
     * κ 0.7 (F) / 0.9 (M), α −0.241 (F) / −0.302 (M). For adults (≥ 18 years).
     */
    public static Egfr ckdEpi2021(double creatinineUmolPerL, int ageYears, Sex sex) {
        double scr = creatinineMgDl(creatinineUmolPerL);
        adult(ageYears);
        boolean female = sex == Sex.FEMALE;
        double kappa = female ? 0.7 : 0.9;
        double alpha = female ? -0.241 : -0.302;
        double ratio = scr / kappa;
        double egfr = 142
                * Math.pow(Math.min(ratio, 1), alpha)
                * Math.pow(Math.max(ratio, 1), -1.200)
                * Math.pow(0.9938, ageYears)
                * (female ? 1.012 : 1);
        return new Egfr(egfr);
    }

    /**
     * Cockcroft–Gault (Nephron 1976;16:31): CrCl = (140 − age) × weight(kg) / (72 × Scr mg/dL), × 0.85 for
     * women. The PRRT label's renal criteria use it with actual body weight.
     */
    public static CreatinineClearance cockcroftGault(double creatinineUmolPerL, int ageYears, Mass weight, Sex sex) {
        double scr = creatinineMgDl(creatinineUmolPerL);
        adult(ageYears);
        if (weight.inKg() <= 0) {
            throw new IllegalArgumentException("Cockcroft–Gault needs the body weight, got " + weight);
        }
        double crcl = (140 - ageYears) * weight.inKg() / (72 * scr) * (sex == Sex.FEMALE ? 0.85 : 1);
        return new CreatinineClearance(crcl);
    }

    private static double creatinineMgDl(double umolPerL) {
        if (!(umolPerL > 0) || !Double.isFinite(umolPerL)) {
            throw new IllegalArgumentException("serum creatinine must be a positive number of µmol/L, got " + umolPerL);
        }
        return umolPerL / UMOL_PER_MG_DL;
    }

    private static void adult(int age) {
        if (age < 18 || age > 120) {
            throw new IllegalArgumentException("the creatinine equations are for adults aged 18–120 years, got " + age);
        }
    }
}
