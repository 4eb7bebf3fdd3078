package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

class ContinuationTest {
    private final Continuation continuation = Continuation.withDefaults();
    private final KidneyRadiobiology lq = KidneyRadiobiology.DEFAULTS;

    static List<CycleDosimetry> cycles(int n, double kidneyGyPerGBq, double teffHours, double marrowGyPerGBq) {
        List<CycleDosimetry> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(new CycleDosimetry(
                    i,
                    LocalDate.of(2024, 1, 1).plusWeeks(6L * i),
                    Activity.ofGBq(7.4),
                    AbsorbedDose.ofGy(kidneyGyPerGBq * 7.4),
                    Duration.ofMinutes(Math.round(teffHours * 60)),
                    Optional.empty(),
                    AbsorbedDose.ofGy(marrowGyPerGBq * 7.4)));
        }
        return list;
    }

    /**
     * By hand: 0.5 Gy/GBq, T_eff 40 h → g = 2.8/(2.6·42.8) = 0.0251618 /Gy; 3.7 Gy per cycle → BED 4.04446 Gy.
     * After 5 cycles 20.2223 Gy: one more full cycle (24.2668 Gy), then the remaining 2.73321 Gy of BED is
     * the dose d = (−1 + √(1 + 4gB))/(2g) = 2.56736 Gy → 5.13473 GBq (Python, same numbers).
     */
    @Test
    void handWorkedContinuation() {
        var advice = continuation.advise(cycles(5, 0.5, 40, 0.01));
        assertThat(advice).isInstanceOf(ContinuationAdvice.Continue.class);
        var c = (ContinuationAdvice.Continue) advice;
        double g = 2.8 / (2.6 * (2.8 + 40));
        double perCycle = 3.7 * (1 + g * 3.7);
        assertThat(c.budget().cumulativeKidneyBed().inGy()).isCloseTo(5 * perCycle, within(1e-9));
        assertThat(c.nextActivity().inGBq()).isCloseTo(7.4, within(1e-12));
        assertThat(c.limitedBy()).isEqualTo(ContinuationAdvice.Limit.NONE);
        double remaining = 27 - 6 * perCycle;
        double d = (-1 + Math.sqrt(1 + 4 * g * remaining)) / (2 * g);
        assertThat(c.furtherCycles()).isEqualTo(2);
        assertThat(c.lastCycleActivity().inGBq()).isCloseTo(d / 0.5, within(1e-9));
        assertThat(d / 0.5).isCloseTo(5.13473, within(1e-5));
    }

    @Test
    void stopsAtTheKidneyLimitAndAtTheMarrowLimit() {
        var kidney = continuation.advise(cycles(7, 0.55, 45, 0.01)); // 7 × ~4.5 Gy BED > 27
        assertThat(kidney).isInstanceOf(ContinuationAdvice.Stop.class);
        assertThat(((ContinuationAdvice.Stop) kidney).reasons().get(0)).contains("kidney BED");
        var marrow = continuation.advise(cycles(3, 0.3, 40, 0.1)); // 3 × 0.74 Gy = 2.22 Gy marrow
        assertThat(((ContinuationAdvice.Stop) marrow).reasons().get(0)).contains("marrow");
    }
}
