package org.netra.clinical.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.Times;

class RadiationProtectionTest {
    /**
     * By hand: Ḋ₀ 20 µSv/h, OF 0.5, T_eff 100 h, D_c 0.3 mSv: ratio = 20·0.5·100/(ln 2·300) = 4.80898,
     * T = (100/ln 2)·ln 4.80898 = 144.270 × 1.57048 = 226.573 h.
     */
    @Test
    void restrictionPeriodByHand() {
        Duration t = RadiationProtection.restrictionPeriod(
                DoseRate.ofMicroSvPerHour(20), 0.5, Duration.ofHours(100), Dose.ofMilliSv(0.3));
        assertThat(Times.hours(t)).isCloseTo(226.5732, within(1e-3));
        // the dose still to come after T equals the constraint
        double after = 20 * 0.5 * 100 / Math.log(2) * Math.pow(2, -Times.hours(t) / 100);
        assertThat(after).isCloseTo(300, within(1e-6));
        // below the constraint from the start: no restriction
        assertThat(RadiationProtection.restrictionPeriod(
                        DoseRate.ofMicroSvPerHour(1), 0.1, Duration.ofHours(50), Dose.ofMilliSv(1)))
                .isZero();
    }

    /** NUREG-1556 vol. 9: D = Ḋ(1 m)·E·1.443·T_eff; 9 µSv/h, E 0.25, 48 h → 155.8 µSv. */
    @Test
    void nuregDoseToContact() {
        Dose d = RadiationProtection.doseToContact(DoseRate.ofMicroSvPerHour(9), 0.25, Duration.ofHours(48));
        assertThat(d.inMicroSv()).isCloseTo(9 * 0.25 * 48 / Math.log(2), within(1e-9));
        assertThat(d.inMicroSv()).isCloseTo(155.8, within(0.1));
    }

    @Test
    void releaseNeeds24HoursAndTheCriterion() {
        var rp = RadiationProtection.defaults();
        var given = LocalDateTime.of(2024, 3, 4, 9, 0);
        var early = rp.releaseCheck(given, given.plusHours(20), DoseRate.ofMicroSvPerHour(9), Duration.ofHours(60));
        assertThat(early.releasable()).isFalse();
        assertThat(early.reasons().get(0)).contains("24 h");
        var ok = rp.releaseCheck(given, given.plusHours(25), DoseRate.ofMicroSvPerHour(9), Duration.ofHours(60));
        assertThat(ok.releasable()).isTrue();
        var au = new RadiationProtection(Duration.ofHours(24), ReleaseCriterion.DoseRateAtOneMetre.australia());
        assertThat(au.releaseCheck(given, given.plusHours(25), DoseRate.ofMicroSvPerHour(30), Duration.ofHours(60))
                        .releasable())
                .isFalse();
    }

    @Test
    void instructionSheetListsEveryScenario() {
        var rp = RadiationProtection.defaults();
        var r = rp.restrictions(DoseRate.ofMicroSvPerHour(15), Duration.ofHours(70), ContactScenario.defaults());
        String sheet = InstructionSheet.render(
                "P-001",
                "[177Lu]Lu-DOTATATE 7.4 GBq",
                LocalDateTime.of(2024, 3, 4, 9, 0),
                LocalDateTime.of(2024, 3, 5, 9, 30),
                DoseRate.ofMicroSvPerHour(15),
                r);
        assertThat(sheet)
                .contains("P-001")
                .contains("partner")
                .contains("child under 2 years")
                .contains("colleagues");
        // a child under 2 (closest contact) is restricted at least as long as a child of 5–11
        assertThat(r.get(1).period()).isGreaterThanOrEqualTo(r.get(3).period());
        assertThat(r).allSatisfy(x -> assertThat(x.withRestriction().inMicroSv())
                .isLessThanOrEqualTo(x.scenario().constraintPerCycle().inMicroSv() + 1e-6));
        // colleagues (E = 1/12, 75 µSv): T = (70/ln 2)·ln(15·70/(12·ln 2·75)) = 52.6 h from the measurement
        double hours = 70 / Math.log(2) * Math.log(15 * 70 / (12 * Math.log(2) * 75));
        assertThat(r.get(4).period().toSeconds() / 3600.0).isCloseTo(hours, within(1.0 / 3600)); // whole seconds
        assertThat(hours).isCloseTo(52.6, within(0.05));
        // the 52.6 h are below the consensus minimum of 3 days (NANETS/SNMMI 2019): 72 h from the measurement
        assertThat(r.get(4).byMinimum()).isTrue();
        assertThat(sheet).contains("colleagues:", "for 3 day(s), until 2024-03-08");
        // the partner sharing the bed (OF 1.5): (70/ln 2)·ln(15·1.5·70/(ln 2·1000)) = 82.9 h, past the minimum
        double partner = 70 / Math.log(2) * Math.log(15 * 1.5 * 70 / (Math.log(2) * 1000));
        assertThat(r.get(0).period().toSeconds() / 3600.0).isCloseTo(partner, within(1.0 / 3600));
        assertThat(partner).isCloseTo(82.9, within(0.05));
        assertThat(sheet).contains("partner:", "for 4 day(s), until 2024-03-08");
    }
}
