package org.netra.sim.anatomy;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The lung bases a phantom may carry above its diaphragm, and optionally a tumour in the right lower lobe. A twin
 * without lungs (the default) keeps the soft tissue the first twins had there, so their organs and numbers stay
 * as they were; a twin with lungs is what the Monte Carlo's flag needs: low-density tissue next to a tumour, where
 * the kernel method's voxel-by-voxel density scaling is wrong.
 *
 * <p>Each lung holds half of the ICRP 89 reference adult's lung mass (1.2 kg male, 0.95 kg female, with blood;
 * ICRP Publication 89, 2002) at inflated-lung density 0.26 g/cm³ (ICRU 46), scaled by body surface area like
 * every organ: about 2.3 L per lung in the reference man. The 442 mm field of view shows only their lower part
 * (the bases over the liver dome and the spleen), as an abdominal 177Lu SPECT/CT does.
 *
 * @param tumourMl the volume of a solid tumour deep in the right lower lobe, surrounded by lung (a NET lung
 *     metastasis or a bronchopulmonary carcinoid), or empty for none
 */
public record Lungs(OptionalDouble tumourMl) {
    /** Inflated lung, g/cm³ (ICRU Report 46, 1992; ICRU 44 "lung, inflated"). */
    public static final double DENSITY_G_PER_ML = 0.26;

    /** ICRP 89 reference lung mass (both lungs, with blood), g. */
    static final double MALE_MASS_G = 1200;

    static final double FEMALE_MASS_G = 950;

    public Lungs {
        if (tumourMl.isPresent()) {
            double ml = tumourMl.getAsDouble();
            if (!(ml >= 0.5 && ml <= 15)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "a lung tumour of %.2f mL does not fit the lung base it sits in; give 0.5–15 mL",
                        ml));
            }
        }
    }

    /** Lungs without a tumour. */
    public static Lungs clear() {
        return new Lungs(OptionalDouble.empty());
    }

    /** Lungs with a tumour of {@code ml} in the right lower lobe. */
    public static Lungs withTumour(double ml) {
        return new Lungs(OptionalDouble.of(ml));
    }
}
