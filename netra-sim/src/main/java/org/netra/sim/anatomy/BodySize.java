package org.netra.sim.anatomy;

import java.util.Locale;
import java.util.Objects;
import org.netra.clinical.patient.Sex;

/**
 * The size of a simulated patient: sex, weight and height, which set organ volumes (ICRP 89 reference
 * organs scaled by body surface area) and the body's cross-section.
 */
public record BodySize(Sex sex, double weightKg, double heightCm) {
    /** ICRP 89 reference adults: 73 kg / 176 cm (male), 60 kg / 163 cm (female). */
    public static final BodySize REFERENCE_MALE = new BodySize(Sex.MALE, 73, 176);

    public static final BodySize REFERENCE_FEMALE = new BodySize(Sex.FEMALE, 60, 163);

    public BodySize {
        Objects.requireNonNull(sex, "sex");
        if (!(weightKg >= 35 && weightKg <= 160)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "a simulated adult weighs 35–160 kg, got %.1f kg; give the weight in kilograms",
                    weightKg));
        }
        if (!(heightCm >= 140 && heightCm <= 210)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "a simulated adult is 140–210 cm tall, got %.1f cm; give the height in centimetres",
                    heightCm));
        }
    }

    public static BodySize reference(Sex sex) {
        return sex == Sex.MALE ? REFERENCE_MALE : REFERENCE_FEMALE;
    }

    /** Body surface area, m², DuBois and DuBois (Arch Intern Med 1916;17:863). */
    public double bodySurfaceArea() {
        return 0.007184 * Math.pow(weightKg, 0.425) * Math.pow(heightCm, 0.725);
    }

    /** Organ volumes scale with body surface area relative to the reference adult of the same sex. */
    public double organScale() {
        return bodySurfaceArea() / reference(sex).bodySurfaceArea();
    }

    /** In-plane (x, y) scale of the trunk: its cross-section grows with weight per height. */
    public double widthScale() {
        BodySize ref = reference(sex);
        return Math.sqrt((weightKg / heightCm) / (ref.weightKg / ref.heightCm));
    }

    /** Cranio-caudal scale: organ positions along z follow height. */
    public double lengthScale() {
        return heightCm / reference(sex).heightCm;
    }
}
