package org.netra.clinical.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.Times;

class DischargeTest {
    static final Duration LU177 = Duration.ofSeconds(Math.round(6.647 * 86400));
    static final LocalDateTime GIVEN = LocalDateTime.of(2025, 3, 3, 9, 30);

    static DoseRateReading at(double hours, double uSvPerHour) {
        return new DoseRateReading(GIVEN.plusMinutes(Math.round(hours * 60)), DoseRate.ofMicroSvPerHour(uSvPerHour));
    }

    @Test
    void twoLateReadingsGiveTheHalfLifeAndTheFiguresFollowFromTheLast() {
        var d = Discharge.assess(
                GIVEN,
                List.of(at(4, 18), at(24, 9.0), at(48, 6.3)),
                LU177,
                RadiationProtection.defaults(),
                ContactScenario.defaults());
        // by hand: T = 24 h · ln 2 / ln(9.0/6.3) = 16.6355 / 0.356675 = 46.641 h
        assertThat(Times.hours(d.effectiveHalfLife())).isCloseTo(46.641, within(1e-3));
        assertThat(d.last().atOneMetre().inMicroSvPerHour()).isEqualTo(6.3);
        // partner (sharing the bed): OF = 8/24/0.25 + 4/24 = 1.5; 6.3·1.5·46.641/(ln 2·1000) = 0.63586 < 1: the
        // dose constraint needs no restriction, the consensus minimum (NANETS/SNMMI 2019) keeps 3 days
        var partner = d.restrictions().getFirst();
        assertThat(partner.period()).isZero();
        assertThat(partner.days()).isEqualTo(3);
        assertThat(partner.byMinimum()).isTrue();
        // the release check at the last reading: D = 6.3·0.25·46.641/ln 2 µSv = 105.98 µSv
        assertThat(d.release().releasable()).isTrue();
        assertThat(d.release().projectedDose().inMicroSv()).isCloseTo(105.98, within(0.01));
    }

    @Test
    void earlyReadingsCarryTheUrinaryPhaseSoThePhysicalHalfLifeIsTaken() {
        var d = Discharge.assess(
                GIVEN,
                List.of(at(0.5, 21), at(22, 9)),
                LU177,
                RadiationProtection.defaults(),
                ContactScenario.defaults());
        assertThat(d.effectiveHalfLife()).isEqualTo(LU177);
        assertThat(d.halfLifeFrom()).contains("physical");
        // partner: 9·1.5·159.528/(ln 2·1000) = 3.1070; T = 159.528/ln 2 · ln 3.1070 = 260.93 h → 11 days
        assertThat(d.restrictions().getFirst().scenario().name()).isEqualTo("partner");
        assertThat(Times.hours(d.restrictions().getFirst().period())).isCloseTo(260.93, within(0.05));
        assertThat(d.restrictions().getFirst().days()).isEqualTo(11);
        assertThat(d.restrictions().getFirst().byMinimum()).isFalse();
        // isolated 22 h of the required 24 h
        assertThat(d.release().releasable()).isFalse();
    }

    @Test
    void noReadingOrAReadingBeforeTheInjectionIsRefused() {
        var rp = RadiationProtection.defaults();
        assertThatThrownBy(() -> Discharge.assess(GIVEN, List.of(), LU177, rp, ContactScenario.defaults()))
                .hasMessageContaining("no dose-rate reading");
        assertThatThrownBy(() -> Discharge.assess(GIVEN, List.of(at(-1, 5)), LU177, rp, ContactScenario.defaults()))
                .hasMessageContaining("before the administration");
    }
}
