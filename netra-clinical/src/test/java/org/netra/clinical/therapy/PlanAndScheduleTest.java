package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.physics.quantity.Activity;

class PlanAndScheduleTest {
    private static final LocalDateTime FIRST = LocalDateTime.of(2024, 3, 4, 9, 0);

    @Test
    void labelPlanIsFourCyclesOf7point4GBqEightWeeksApart() {
        var plan = PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, FIRST, PlanRules.DEFAULTS);
        assertThat(plan.cycles()).hasSize(4);
        assertThat(plan.cycles().get(3).administration()).isEqualTo(FIRST.plusWeeks(24));
        assertThat(plan.totalActivity().inGBq()).isEqualTo(29.6);
        var tasks = plan.cycles().get(0).tasks();
        assertThat(tasks).contains(new CycleTask.SomatostatinAnaloguePause(LocalDate.of(2024, 2, 5)));
        assertThat(tasks).anySatisfy(t -> assertThat(t)
                .isEqualTo(new CycleTask.AminoAcidInfusion(FIRST.minusMinutes(30), FIRST.plusMinutes(210), 25, 25)));
    }

    @Test
    void individualisedPlanIsCheckedAgainstTheRules() {
        assertThatThrownBy(() -> PrrtPlan.individualised(
                        Radiopharmaceutical.LU177_DOTATATE,
                        FIRST,
                        9,
                        Period.ofWeeks(6),
                        Activity.ofGBq(7.4),
                        PlanRules.DEFAULTS))
                .hasMessageContaining("1–8 cycles");
        assertThatThrownBy(() -> PrrtPlan.individualised(
                        Radiopharmaceutical.LU177_DOTATATE,
                        FIRST,
                        4,
                        Period.ofWeeks(3),
                        Activity.ofGBq(7.4),
                        PlanRules.DEFAULTS))
                .hasMessageContaining("4–6 weeks");
        assertThat(PrrtPlan.individualised(
                                Radiopharmaceutical.LU177_DOTATATE,
                                FIRST,
                                6,
                                Period.ofWeeks(5),
                                Activity.ofGBq(7.4),
                                PlanRules.DEFAULTS)
                        .cycles())
                .hasSize(6);
    }

    /** Label rules (DOMAIN.md §1): platelets G2 → withhold, resume at 3.7 GBq; recurrence → stop; 16 weeks → stop. */
    @Test
    void doseModificationAfterToxicity() {
        var dm = new DoseModification(DoseModificationRules.LABEL);
        Activity full = Activity.ofGBq(7.4);
        var still = dm.decide(status(CtcaeGrade.G2, CtcaeGrade.G2, 80, 0, Period.ZERO, false), full);
        assertThat(still).isInstanceOf(DoseDecision.Withhold.class);
        assertThat(((DoseDecision.Withhold) still).resumeActivity().inGBq()).isEqualTo(3.7);
        var resolved = dm.decide(status(CtcaeGrade.G2, CtcaeGrade.G1, 80, 0, Period.ofWeeks(2), false), full);
        assertThat(resolved).isEqualTo(new DoseDecision.Proceed(Activity.ofGBq(3.7), resolved.reasons()));
        assertThat(dm.decide(status(CtcaeGrade.G1, CtcaeGrade.G0, 80, 0, Period.ZERO, false), full))
                .isInstanceOf(DoseDecision.Proceed.class)
                .extracting(d -> ((DoseDecision.Proceed) d).activity().inGBq())
                .isEqualTo(7.4);
        assertThat(dm.decide(status(CtcaeGrade.G2, CtcaeGrade.G0, 80, 0, Period.ZERO, true), full))
                .isInstanceOf(DoseDecision.Discontinue.class);
        assertThat(dm.decide(status(CtcaeGrade.G0, CtcaeGrade.G0, 80, 0, Period.ofWeeks(16), false), full))
                .isInstanceOf(DoseDecision.Discontinue.class);
        // renal: creatinine +40 % → withhold while it persists
        assertThat(dm.decide(status(CtcaeGrade.G0, CtcaeGrade.G0, 60, 0.45, Period.ZERO, false), full))
                .isInstanceOf(DoseDecision.Withhold.class);
    }

    private static ToxicityStatus status(
            CtcaeGrade worstPlt, CtcaeGrade nowPlt, double crcl, double creatRise, Period delay, boolean reduced) {
        return new ToxicityStatus(
                worstPlt, CtcaeGrade.G0, nowPlt, CtcaeGrade.G0, crcl, creatRise, crcl, creatRise, delay, reduced);
    }

    @Test
    void roomCalendarReportsConflictsAndTheFirstFreeDay() {
        var cal = RoomCalendar.of(List.of("R1"));
        var a = cal.request("A", LocalDate.of(2024, 3, 4), 5, 14);
        assertThat(a).isInstanceOf(Allocation.Allocated.class);
        cal = cal.book(((Allocation.Allocated) a).booking());
        var b = cal.request("B", LocalDate.of(2024, 3, 6), 4, 14);
        assertThat(b).isInstanceOf(Allocation.Conflict.class);
        var conflict = (Allocation.Conflict) b;
        assertThat(conflict.blocking()).extracting(RoomBooking::patientId).containsExactly("A");
        assertThat(conflict.firstFreeDay()).contains(LocalDate.of(2024, 3, 9)); // A leaves on the 9th
        assertThatThrownBy(() -> RoomCalendar.of(List.of("R1")).request("C", LocalDate.of(2024, 3, 4), 2, 0))
                .hasMessageContaining("4–7 days");
        var plan = PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, FIRST, PlanRules.DEFAULTS);
        var schedule = RoomCalendar.of(List.of("R1", "R2"))
                .book(new RoomBooking("R1", "X", LocalDate.of(2024, 4, 29), LocalDate.of(2024, 5, 3)))
                .book(new RoomBooking("R2", "Y", LocalDate.of(2024, 4, 28), LocalDate.of(2024, 5, 2)))
                .schedule("P", plan, 5, 7);
        assertThat(schedule.allocations().get(0)).isInstanceOf(Allocation.Allocated.class);
        assertThat(schedule.allocations().get(1)).isInstanceOf(Allocation.Conflict.class); // 29 April: both rooms taken
        assertThat(schedule.calendar().bookings()).hasSize(2 + 3);
    }
}
