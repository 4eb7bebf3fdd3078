package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cyclezero.PetDosePredictor.Prediction;
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.AbsorbedDose;

class FirstActivityProposalTest {
    private static Prediction kidney(double median, double upper) {
        return new Prediction(
                RegionKind.KIDNEY,
                10,
                AbsorbedDose.ofGy(median),
                AbsorbedDose.ofGy(median / 2),
                AbsorbedDose.ofGy(upper),
                0,
                0);
    }

    /**
     * By hand: 27 Gy BED over 4 cycles is 6.75 Gy BED per cycle; g = 2.8/(2.6·(2.8 + 50)) per Gy; the dose d solves
     * d + g·d² = 6.75 (quadratic formula); at 1.2 Gy/GBq the kidneys allow d/1.2 GBq, below 7.4.
     */
    @Test
    void theKidneysUpperPredictionSetsTheActivity() {
        double g = 2.8 / (2.6 * (2.8 + 50));
        double d = (-1 + Math.sqrt(1 + 4 * g * 6.75)) / (2 * g);
        var p = FirstActivityProposal.propose(kidney(0.8, 1.2), 4, ContinuationConfig.DEFAULTS);
        assertThat(p.activity().inGBq()).isCloseTo(Math.floor(d / 1.2 * 10) / 10, within(1e-9));
        assertThat(p.limitedByKidneys()).isTrue();
        assertThat(p.belowMinimum()).isFalse();
        assertThat(p.reason()).contains("27 Gy").contains("4 planned cycles").contains("v0");
        // a low predicted kidney dose leaves the standard activity
        var standard = FirstActivityProposal.propose(kidney(0.4, 0.6), 4, ContinuationConfig.DEFAULTS);
        assertThat(standard.activity().inGBq()).isEqualTo(7.4);
        assertThat(standard.limitedByKidneys()).isFalse();
        // a very high one is below the minimum worth giving, and says so
        var tiny = FirstActivityProposal.propose(kidney(4, 6), 8, ContinuationConfig.DEFAULTS);
        assertThat(tiny.belowMinimum()).isTrue();
        assertThat(tiny.reason()).contains("physician decides");
    }

    @Test
    void plannedCyclesOutsideTheCourseAreRefused() {
        assertThatThrownBy(() -> FirstActivityProposal.propose(kidney(0.5, 0.8), 0, ContinuationConfig.DEFAULTS))
                .hasMessageContaining("planned cycles");
    }
}
