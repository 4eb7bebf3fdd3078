package org.netra.physics.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class QuantityTest {
    @Test
    void conversionsAreExplicit() {
        assertThat(Activity.ofMBq(7400).inGBq()).isCloseTo(7.4, within(1e-12));
        assertThat(Activity.ofGBq(7.4).inMBq()).isCloseTo(7400, within(1e-9));
        assertThat(Energy.ofKeV(208.366).inMeV()).isCloseTo(0.208366, within(1e-15));
        assertThat(Energy.ofMeV(1).inJoules()).isCloseTo(1.602176634e-13, within(1e-27));
        assertThat(Mass.ofGrams(310).inKg()).isCloseTo(0.310, within(1e-15));
        assertThat(AbsorbedDose.ofMGy(2000).inGy()).isCloseTo(2.0, within(1e-15));
        assertThat(Density.ofKgPerCubicMetre(1040).inGramsPerMl()).isCloseTo(1.04, within(1e-15));
        assertThat(TimeIntegratedActivity.ofMBqHours(1).inBqSeconds()).isEqualTo(3.6e9);
    }

    @Test
    void derivedQuantities() {
        // 1 MeV deposited in 1 kg is 1.602e-13 Gy
        assertThat(AbsorbedDose.of(Energy.ofMeV(1), Mass.ofKg(1)).inGy()).isCloseTo(1.602176634e-13, within(1e-27));
        assertThat(Volume.ofMl(300).times(Density.ofGramsPerMl(1.05)).inGrams()).isCloseTo(315, within(1e-9));
        assertThat(Activity.ofMBq(10).per(Volume.ofMl(20)).inBqPerMl()).isCloseTo(5e5, within(1e-6));
        assertThat(ActivityConcentration.ofKBqPerMl(5).times(Volume.ofMl(2)).inMBq())
                .isCloseTo(0.01, within(1e-15));
    }

    @Test
    void constructionRejectsImpossibleValues() {
        assertThatThrownBy(() -> Activity.ofMBq(-1))
                .isInstanceOf(InvalidQuantityException.class)
                .hasMessageContaining("activity cannot be negative");
        assertThatThrownBy(() -> AbsorbedDose.ofGy(Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Mass.ofKg(Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Density.ofGramsPerMl(0)).hasMessageContaining("greater than zero");
        assertThatThrownBy(() -> Times.ofSeconds(Double.NaN)).isInstanceOf(InvalidQuantityException.class);
    }

    @Test
    void formattingIsHuman() {
        assertThat(Activity.ofMBq(7400)).hasToString("7.40 GBq");
        assertThat(Activity.ofBq(0)).hasToString("0 Bq");
        assertThat(AbsorbedDose.ofGy(0.0234)).hasToString("23.4 mGy");
        assertThat(Mass.ofGrams(310)).hasToString("310 g");
        assertThat(Volume.ofMl(0.5)).hasToString("500 mm³");
        assertThat(Energy.ofKeV(208.366)).hasToString("208.4 keV");
        assertThat(Energy.ofMeV(2.28)).hasToString("2.280 MeV");
    }

    @Property
    void durationsRoundTripToTheNanosecond(@ForAll @DoubleRange(min = 0, max = 1e9) double seconds) {
        Duration d = Times.ofSeconds(seconds);
        assertThat(Times.seconds(d)).isCloseTo(seconds, within(1e-9 + 1e-15 * seconds));
    }
}
