package org.netra.clinical.diagnosis;

import java.time.LocalDate;
import java.util.Objects;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * External-beam radiotherapy, which in NET care has one place: relieving symptoms from a skeletal
 * metastasis (docs/DOMAIN.md §1). It must name the skeletal lesion it treats.
 */
public record PalliativeRadiotherapy(
        LocalDate start, Lesion target, AbsorbedDose totalDose, int fractions, String indication) {
    public PalliativeRadiotherapy {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(target, "target lesion");
        Objects.requireNonNull(totalDose, "total dose");
        if (!target.skeletal()) {
            throw new IllegalArgumentException("external-beam radiotherapy is recorded only as palliation of a "
                    + "skeletal metastasis; lesion " + target.id() + " (" + target.organ() + ") is not skeletal");
        }
        if (fractions < 1) {
            throw new IllegalArgumentException("radiotherapy needs at least one fraction, got " + fractions);
        }
        indication = indication == null || indication.isBlank() ? "pain from skeletal metastasis" : indication;
    }

    public AbsorbedDose dosePerFraction() {
        return totalDose.times(1.0 / fractions);
    }
}
