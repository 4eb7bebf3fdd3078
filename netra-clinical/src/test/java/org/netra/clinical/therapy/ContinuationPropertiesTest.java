package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.netra.clinical.therapy.ContinuationTest.cycles;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.netra.physics.quantity.AbsorbedDose;

class ContinuationPropertiesTest {
    private final KidneyRadiobiology lq = KidneyRadiobiology.DEFAULTS;

    /** The proposed activity never takes the cumulative BED over the limit, and meets it when kidney-limited. */
    @Property
    void nextActivityKeepsCumulativeBedAtOrBelowTheLimit(
            @ForAll @IntRange(min = 1, max = 7) int given,
            @ForAll @DoubleRange(min = 0.2, max = 1.5) double gyPerGBq,
            @ForAll @DoubleRange(min = 10, max = 120) double teffHours,
            @ForAll @DoubleRange(min = 15, max = 40) double limitGy) {
        var c = new Continuation(ContinuationConfig.DEFAULTS.withKidneyBedLimit(AbsorbedDose.ofGy(limitGy)));
        var history = cycles(given, gyPerGBq, teffHours, 0.001);
        var advice = c.advise(history);
        if (advice instanceof ContinuationAdvice.Continue next) {
            var last = history.get(history.size() - 1);
            double added = lq.bed(
                            AbsorbedDose.ofGy(gyPerGBq * next.nextActivity().inGBq()), last.kidneyEffectiveHalfLife())
                    .inGy();
            double total = next.budget().cumulativeKidneyBed().inGy() + added;
            assertThat(total).isLessThanOrEqualTo(limitGy * (1 + 1e-12));
            if (next.limitedBy() == ContinuationAdvice.Limit.KIDNEY) {
                assertThat(total).isCloseTo(limitGy, within(1e-9 * limitGy));
            }
        }
    }

    @Property
    void doseForBedInvertsBed(
            @ForAll @DoubleRange(min = 0, max = 60) double dose,
            @ForAll @DoubleRange(min = 1, max = 300) double teffHours) {
        Duration teff = Duration.ofSeconds(Math.round(teffHours * 3600));
        double back = lq.doseForBed(lq.bed(AbsorbedDose.ofGy(dose), teff), teff).inGy();
        assertThat(back).isCloseTo(dose, within(1e-9 * Math.max(1, dose)));
    }
}
