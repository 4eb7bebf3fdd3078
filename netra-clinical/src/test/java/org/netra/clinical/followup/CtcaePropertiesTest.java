package org.netra.clinical.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.netra.clinical.patient.Sex;

/** A worse lab value never improves a CTCAE grade (jqwik; kept apart from the JUnit cases so each engine reports its own file). */
class CtcaePropertiesTest {
    private final Ctcae ctcae = Ctcae.withDefaults();

    @Property
    void aLowerCountNeverImprovesTheGrade(
            @ForAll("decreasingTerms") CtcaeTerm term,
            @ForAll @DoubleRange(min = 0, max = 200) double value,
            @ForAll @DoubleRange(min = 0, max = 200) double drop,
            @ForAll Sex sex) {
        double worse = Math.max(0, value - drop);
        assertThat(ctcae.grade(term, worse, Optional.empty(), sex))
                .isGreaterThanOrEqualTo(ctcae.grade(term, value, Optional.empty(), sex));
    }

    @Property
    void aHigherCreatinineNeverImprovesTheGrade(
            @ForAll @DoubleRange(min = 1, max = 2000) double value,
            @ForAll @DoubleRange(min = 0, max = 2000) double rise,
            @ForAll @DoubleRange(min = 20, max = 500) double baseline,
            @ForAll Sex sex) {
        assertThat(ctcae.grade(CtcaeTerm.CREATININE_INCREASED, value + rise, Optional.of(baseline), sex))
                .isGreaterThanOrEqualTo(ctcae.grade(CtcaeTerm.CREATININE_INCREASED, value, Optional.of(baseline), sex));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<CtcaeTerm> decreasingTerms() {
        return net.jqwik.api.Arbitraries.of(CtcaeTerm.values()).filter(t -> !t.rising());
    }
}
