package org.netra.dosimetry.organ;

import java.util.List;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.TimeIntegratedActivity;

/** MIRD: the dose to a target is the sum over sources of Ã(source)·S(target ← source). */
public final class OrganDose {
    private OrganDose() {}

    /** One source's part: its time-integrated activity and the S-value from it to the target. */
    public record Contribution(String source, TimeIntegratedActivity tia, SValue s) {
        public AbsorbedDose dose() {
            return s.dose(tia);
        }
    }

    public static AbsorbedDose of(List<Contribution> contributions) {
        AbsorbedDose sum = AbsorbedDose.ZERO;
        for (Contribution c : contributions) {
            sum = sum.plus(c.dose());
        }
        return sum;
    }
}
