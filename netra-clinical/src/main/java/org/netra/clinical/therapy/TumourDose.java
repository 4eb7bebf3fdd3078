package org.netra.clinical.therapy;

import java.util.Locale;
import java.util.Objects;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Volume;

/** The absorbed dose to one tumour lesion in a cycle, ± one standard deviation, and the VOI it was read from. */
public record TumourDose(String lesion, AbsorbedDose mean, AbsorbedDose standardDeviation, Volume volume) {
    public TumourDose {
        if (lesion == null || lesion.isBlank()) {
            throw new IllegalArgumentException("a tumour dose needs the lesion (VOI) it belongs to");
        }
        Objects.requireNonNull(mean, "dose of lesion " + lesion);
        Objects.requireNonNull(standardDeviation, "SD of the dose of lesion " + lesion);
        Objects.requireNonNull(volume, "volume of lesion " + lesion);
        if (!(volume.inMl() > 0) || Double.isInfinite(volume.inMl())) {
            throw new IllegalArgumentException("lesion " + lesion + ": volume must be above 0 mL, got " + volume);
        }
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s %.2f ± %.2f Gy (%.1f mL)",
                lesion,
                mean.inGy(),
                standardDeviation.inGy(),
                volume.inMl());
    }
}
