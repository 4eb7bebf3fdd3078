package org.netra.clinical.therapy;

import java.time.Duration;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Times;

/**
 * The linear-quadratic BED for a mono-exponentially cleared dose (docs/DOMAIN.md §3):
 * BED = D·[1 + D·T_rep / ((α/β)(T_rep + T_eff))], kidney α/β 2.6 Gy and repair half-time 2.8 h.
 * netra-dosimetry's radiobiology will supply per-cycle BEDs; this form is what the continuation needs to
 * invert (solve BED(d) = budget for d), which it can do in closed form.
 */
public record KidneyRadiobiology(AbsorbedDose alphaBeta, Duration repairHalfTime) {
    /** α/β 2.6 Gy, T_rep 2.8 h (Wessels et al. 2008; Bodei et al., EJNMMI 2008). */
    public static final KidneyRadiobiology DEFAULTS =
            new KidneyRadiobiology(AbsorbedDose.ofGy(2.6), Duration.ofMinutes(168));

    public KidneyRadiobiology {
        if (!(alphaBeta.inGy() > 0) || repairHalfTime.isNegative() || repairHalfTime.isZero()) {
            throw new IllegalArgumentException("α/β and the repair half-time must be positive");
        }
    }

    /** The dose-rate factor g of BED = D(1 + g·D), per Gy. */
    public double g(Duration effectiveHalfLife) {
        double rep = Times.hours(repairHalfTime);
        double eff = Times.hours(effectiveHalfLife);
        if (!(eff > 0)) {
            throw new IllegalArgumentException("the effective half-life must be positive, got " + effectiveHalfLife);
        }
        return rep / (alphaBeta.inGy() * (rep + eff));
    }

    public AbsorbedDose bed(AbsorbedDose dose, Duration effectiveHalfLife) {
        double d = dose.inGy();
        return AbsorbedDose.ofGy(d * (1 + g(effectiveHalfLife) * d));
    }

    /** The absorbed dose whose BED is {@code bed}: the positive root of g·d² + d − B = 0. */
    public AbsorbedDose doseForBed(AbsorbedDose bed, Duration effectiveHalfLife) {
        double b = bed.inGy();
        double g = g(effectiveHalfLife);
        // 2B / (1 + √(1 + 4gB)) is the root without cancellation for small gB
        return AbsorbedDose.ofGy(2 * b / (1 + Math.sqrt(1 + 4 * g * b)));
    }
}
