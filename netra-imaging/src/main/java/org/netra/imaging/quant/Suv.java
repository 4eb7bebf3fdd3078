package org.netra.imaging.quant;

import java.util.ArrayList;
import java.util.List;
import org.netra.physics.decay.Decay;
import org.netra.physics.quantity.Activity;

/**
 * Standardised uptake values from the header facts (DOMAIN.md §3): SUV = C·N / (A₀·2^(−Δt/T½)), C the
 * concentration at scan start, N the normalising size (weight in g, lean body mass in g, or body
 * surface area in cm²), A₀ the injected activity, Δt from injection to scan start. Only attenuation-
 * corrected BQML images have an SUV; every missing condition is reported, not just the first.
 */
public final class Suv {
    private Suv() {}

    public static SuvFactor factor(AcquisitionFacts facts, SuvNormalisation normalisation) {
        List<String> reasons = new ArrayList<>();
        if (!facts.units().equals("BQML")) {
            reasons.add("Units (0054,1001) is '" + facts.units() + "', not BQML: the values are no activity"
                    + " concentration");
        }
        if (!facts.attenuationCorrected()) {
            reasons.add("Corrected Image (0028,0051) " + facts.correctedImage()
                    + " lacks ATTN: the image is not attenuation corrected"
                    + facts.attenuationCorrectionMethod()
                            .map(m -> " (method '" + m + "')")
                            .orElse(""));
        }
        if (facts.decayCorrection().isEmpty()) {
            reasons.add("Decay Correction (0054,1102) is missing or unknown");
        }
        if (facts.radiopharmaceutical().isEmpty()) {
            reasons.add(facts.radiopharmaceuticalProblem().orElse("the radiopharmaceutical is unknown"));
        }
        if (facts.scanStart().isEmpty()) {
            reasons.add("the scan date-time (0008,0021/0031 or 0008,0022/0032) is missing");
        }
        if (facts.patientWeight().isEmpty()) {
            reasons.add("Patient's Weight (0010,1030) is missing or zero");
        }
        boolean needsHeight = !(normalisation instanceof SuvNormalisation.BodyWeight);
        boolean needsSex = normalisation instanceof SuvNormalisation.LeanBodyMassJames
                || normalisation instanceof SuvNormalisation.LeanBodyMassJanmahasatian;
        if (needsHeight && facts.patientHeightM().isEmpty()) {
            reasons.add("Patient's Size (0010,1020) is missing: " + normalisation.label() + " needs the height");
        }
        if (needsSex && facts.patientSex().isEmpty()) {
            reasons.add("Patient's Sex (0010,0040) is not M or F: " + normalisation.label() + " needs it");
        }
        if (!reasons.isEmpty()) {
            return new SuvFactor.Undefined(normalisation, reasons);
        }
        RadiopharmaceuticalInformation r = facts.radiopharmaceutical().orElseThrow();
        double dt = java.time.Duration.between(r.injection(), facts.scanStart().orElseThrow())
                        .toNanos()
                / 1e9;
        Activity atScan =
                r.injected().times(Decay.factor(r.halfLife(), org.netra.physics.quantity.Times.ofSeconds(dt)));
        double w = facts.patientWeight().orElseThrow().inKg();
        double size =
                switch (normalisation) {
                    case SuvNormalisation.BodyWeight b -> w * 1000;
                    case SuvNormalisation.LeanBodyMassJames j ->
                        1000 * james(w, facts.patientHeightM().getAsDouble() * 100, male(facts));
                    case SuvNormalisation.LeanBodyMassJanmahasatian j ->
                        1000 * janmahasatian(w, facts.patientHeightM().getAsDouble(), male(facts));
                    case SuvNormalisation.BodySurfaceArea b ->
                        1e4 * duBois(w, facts.patientHeightM().getAsDouble() * 100);
                };
        if (!(size > 0)) {
            return new SuvFactor.Undefined(
                    normalisation,
                    List.of(normalisation.label() + " gives a non-positive size for weight " + w + " kg and height "
                            + facts.patientHeightM().getAsDouble() + " m"));
        }
        return new SuvFactor.Defined(normalisation, size / atScan.inBq(), size, atScan);
    }

    private static boolean male(AcquisitionFacts facts) {
        return facts.patientSex().orElseThrow().equals("M");
    }

    /** James lean body mass (kg), weight kg, height cm. */
    public static double james(double weightKg, double heightCm, boolean male) {
        double r = weightKg / heightCm;
        return male ? 1.10 * weightKg - 128 * r * r : 1.07 * weightKg - 148 * r * r;
    }

    /** Janmahasatian lean body mass (kg), weight kg, height m. */
    public static double janmahasatian(double weightKg, double heightM, boolean male) {
        double bmi = weightKg / (heightM * heightM);
        return male ? 9270 * weightKg / (6680 + 216 * bmi) : 9270 * weightKg / (8780 + 244 * bmi);
    }

    /** Du Bois body surface area (m²), weight kg, height cm. */
    public static double duBois(double weightKg, double heightCm) {
        return 0.007184 * Math.pow(weightKg, 0.425) * Math.pow(heightCm, 0.725);
    }
}
