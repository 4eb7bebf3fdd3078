package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;

class DispensingTest {
    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    static final Duration LU177 = NuclideCatalog.icrp107().get("Lu-177").halfLife();
    static final LocalDateTime DAY = LocalDateTime.of(2025, 3, 3, 0, 0);

    @Test
    void theAdministeredActivityIsTheSyringeDecayedToTheInjectionLessTheResidualDecayedBackToIt() {
        var d = new Dispensing(
                "LU-2503-117",
                Activity.ofGBq(7.52),
                DAY.withHour(8),
                Activity.ofMBq(61),
                DAY.plusHours(10).plusMinutes(5));
        // by hand, T½ = 6.647 d = 159.528 h (ICRP-107):
        // 7.52·2^(−1.5/159.528) = 7.52·0.9935037 = 7.471148 GBq in the syringe at 09:30
        // 0.061·2^(+0.583333/159.528) = 0.061·1.0025378 = 0.061155 GBq left, as it was at 09:30
        // 7.471148 − 0.061155 = 7.409993 GBq
        Activity given = d.administeredAt(DAY.withHour(9).withMinute(30), STOCKHOLM, LU177);
        assertThat(given.inGBq()).isCloseTo(7.409993, within(2e-6));
    }

    @Test
    void aCalibrationAfterTheInjectionDecaysBackwards() {
        // a vial calibrated for noon, given at 09:00: 3 h before, so more activity than the label
        var d = new Dispensing("B-1", Activity.ofGBq(7.4), DAY.withHour(12), Activity.ZERO, DAY.withHour(9));
        double expected = 7.4 * Math.pow(2, 3 / (6.647 * 24));
        assertThat(d.administeredAt(DAY.withHour(9), STOCKHOLM, LU177).inGBq()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void wallClockTimesAcrossTheSpringDstChangeCountTheRealHours() {
        // 2025-03-30 02:00 → 03:00 in Stockholm: 01:00 to 04:00 on the clock is 2 real hours
        LocalDateTime night = LocalDateTime.of(2025, 3, 30, 1, 0);
        var d = new Dispensing("B-2", Activity.ofGBq(7.4), night, Activity.ZERO, night.plusHours(3));
        double expected = 7.4 * Math.pow(2, -2 / (6.647 * 24));
        assertThat(d.administeredAt(night.plusHours(3), STOCKHOLM, LU177).inGBq())
                .isCloseTo(expected, within(1e-9));
    }

    @Test
    void aResidualBeforeTheInjectionOrAsLargeAsTheDoseIsRefused() {
        var early = new Dispensing("B-3", Activity.ofGBq(7.4), DAY.withHour(8), Activity.ofMBq(50), DAY.withHour(9));
        assertThatThrownBy(() -> early.administeredAt(DAY.withHour(10), STOCKHOLM, LU177))
                .hasMessageContaining("before the administration");
        var all = new Dispensing("B-4", Activity.ofGBq(1), DAY.withHour(8), Activity.ofGBq(1.2), DAY.withHour(11));
        assertThatThrownBy(() -> all.administeredAt(DAY.withHour(10), STOCKHOLM, LU177))
                .hasMessageContaining("not less than");
        assertThatThrownBy(() -> new Dispensing(" ", Activity.ofGBq(1), DAY, Activity.ZERO, DAY))
                .hasMessageContaining("batch");
    }
}
