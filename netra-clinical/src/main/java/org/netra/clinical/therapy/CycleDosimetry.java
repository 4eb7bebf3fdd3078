package org.netra.clinical.therapy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

/**
 * The dosimetry of one given cycle, as netra-dosimetry will deliver it: administered activity, kidney
 * absorbed dose with its effective half-life (and the BED if dosimetry computed one, e.g. with a
 * bi-exponential model), and the bone-marrow absorbed dose.
 */
public record CycleDosimetry(
        int cycle,
        LocalDate date,
        Activity administered,
        AbsorbedDose kidneyDose,
        Duration kidneyEffectiveHalfLife,
        Optional<AbsorbedDose> kidneyBed,
        AbsorbedDose marrowDose) {
    public CycleDosimetry {
        Objects.requireNonNull(date, "date of cycle " + cycle);
        if (!(administered.inGBq() > 0)) {
            throw new IllegalArgumentException("cycle " + cycle + ": administered activity must be above zero");
        }
        Objects.requireNonNull(kidneyDose, "kidney dose of cycle " + cycle);
        Objects.requireNonNull(marrowDose, "marrow dose of cycle " + cycle);
        if (kidneyEffectiveHalfLife.isNegative() || kidneyEffectiveHalfLife.isZero()) {
            throw new IllegalArgumentException("cycle " + cycle + ": kidney effective half-life must be positive");
        }
        kidneyBed = kidneyBed == null ? Optional.empty() : kidneyBed;
        if (kidneyBed.isPresent() && kidneyBed.get().compareTo(kidneyDose) < 0) {
            throw new IllegalArgumentException("cycle " + cycle + ": kidney BED " + kidneyBed.get()
                    + " is below the absorbed dose " + kidneyDose + "; BED is never less than the dose");
        }
    }

    /** Kidney absorbed dose per administered GBq. */
    public double kidneyGyPerGBq() {
        return kidneyDose.inGy() / administered.inGBq();
    }

    public double marrowGyPerGBq() {
        return marrowDose.inGy() / administered.inGBq();
    }

    /** The BED from dosimetry, or from the mono-exponential LQ model. */
    public AbsorbedDose kidneyBed(KidneyRadiobiology model) {
        return kidneyBed.orElseGet(() -> model.bed(kidneyDose, kidneyEffectiveHalfLife));
    }
}
