package org.netra.dosimetry.marrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.organ.SValue;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;

class BloodBasedMarrowTest {
    @Test
    void sgourosRatioFromHaematocrit() {
        assertThat(BloodBasedMarrow.rmblrFromHaematocrit(0.40)).isCloseTo(0.19 / 0.60, within(1e-15));
        assertThatThrownBy(() -> BloodBasedMarrow.rmblrFromHaematocrit(40)).hasMessageContaining("haematocrit");
    }

    /**
     * By hand: blood integral 0.05 MBq·h/mL, RMBLR 1, marrow 1170 g → Ã_RM = 58.5 MBq·h = 210 600 MBq·s;
     * with S = 2.0e-5 mGy/(MBq·s): 4.212 mGy self-dose; cross-dose 5000 MBq·h·3600·1e-8 = 0.18 mGy.
     */
    @Test
    void marrowDoseByHand() {
        var r = BloodBasedMarrow.dose(new BloodBasedMarrow.Inputs(
                TimeIntegratedActivity.ofMBqHours(0.05),
                BloodBasedMarrow.DEFAULT_RMBLR,
                Mass.ofGrams(1170),
                SValue.ofMGyPerMBqSecond(2.0e-5),
                Optional.of(new BloodBasedMarrow.CrossDose(
                        TimeIntegratedActivity.ofMBqHours(5000), SValue.ofMGyPerMBqSecond(1e-8)))));
        assertThat(r.marrowTia().inMBqHours()).isCloseTo(58.5, within(1e-9));
        assertThat(r.selfDose().inMGy()).isCloseTo(4.212, within(1e-9));
        assertThat(r.crossDose().inMGy()).isCloseTo(0.18, within(1e-12));
        assertThat(r.total().inMGy()).isCloseTo(4.392, within(1e-9));
    }
}
