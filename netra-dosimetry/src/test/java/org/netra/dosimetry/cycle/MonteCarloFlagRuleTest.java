package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.montecarlo.AdjoiningTissue;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * The flag rule of the comparison's rows: a VOI beyond 5 %; an interface region beyond 5 % by more than one SD of
 * its difference (the Monte Carlo's SD over the kernel dose). Kernel 1 Gy, so the figures read as per cent.
 */
class MonteCarloFlagRuleTest {
    private static final Optional<MonteCarloComparison.Adjoining> AROUND_TUMOUR =
            Optional.of(new MonteCarloComparison.Adjoining("Tumour_lung", AdjoiningTissue.LUNG, 100));

    private static MonteCarloComparison.Row row(
            double mcGy, double sdGy, Optional<MonteCarloComparison.Adjoining> adjoining) {
        return new MonteCarloComparison.Row(
                "r", AbsorbedDose.ofGy(mcGy), AbsorbedDose.ofGy(sdGy), Optional.of(AbsorbedDose.ofGy(1)), adjoining);
    }

    @Test
    void aVoiIsFlaggedBeyondFivePerCentWhateverItsSd() {
        assertThat(row(0.939, 0.026, Optional.empty()).flagged()).isTrue();
        assertThat(row(1.051, 0.5, Optional.empty()).flagged()).isTrue();
        assertThat(row(0.951, 0.001, Optional.empty()).flagged()).isFalse();
    }

    @Test
    void anInterfaceRegionIsFlaggedOnlyOneSdBeyondFivePerCent() {
        // twin 2's lung shell, measured: −13.7 % ± 3.4 → 10.3 > 5
        assertThat(row(0.863, 0.034, AROUND_TUMOUR).flagged()).isTrue();
        // the same shell in soft tissue: −6.1 % ± 2.6 → 3.5, within the noise of 5 %
        assertThat(row(0.939, 0.026, AROUND_TUMOUR).flagged()).isFalse();
        // just either side of 5 % + 1 SD, above and below the kernel
        assertThat(row(1.0801, 0.03, AROUND_TUMOUR).flagged()).isTrue();
        assertThat(row(1.0799, 0.03, AROUND_TUMOUR).flagged()).isFalse();
        assertThat(row(0.9199, 0.03, AROUND_TUMOUR).flagged()).isTrue();
        assertThat(row(0.9201, 0.03, AROUND_TUMOUR).flagged()).isFalse();
        assertThat(row(0.9, 0.03, AROUND_TUMOUR).differenceSd()).contains(0.03);
    }

    /**
     * Not flagged but not known to agree: the difference ± 1 SD reaches beyond 5 %. Twin 1's bone around its
     * vertebral tumour: +6.05 % with an SD of its difference of 3.36 % (2.69 < 5 < 9.41).
     */
    @Test
    void anInterfaceRegionWhoseSdReachesBeyondFivePerCentIsUncertain() {
        var boneBorder = row(1.0605, 0.0336, AROUND_TUMOUR);
        assertThat(boneBorder.flagged()).isFalse();
        assertThat(boneBorder.uncertain()).isTrue();
        assertThat(row(0.97, 0.021, AROUND_TUMOUR).uncertain()).isTrue(); // 3 + 2.1 > 5
        assertThat(row(0.97, 0.019, AROUND_TUMOUR).uncertain()).isFalse(); // 3 + 1.9 < 5
        assertThat(row(0.9874, 0.0058, AROUND_TUMOUR).uncertain()).isFalse(); // a kidney's soft-tissue border
        assertThat(row(0.863, 0.034, AROUND_TUMOUR).uncertain())
                .as("flagged, not uncertain")
                .isFalse();
        assertThat(row(1.04, 0.03, Optional.empty()).uncertain()).as("a VOI").isFalse();
    }

    @Test
    void withoutAKernelDoseNothingIsFlagged() {
        var noKernel = new MonteCarloComparison.Row(
                "r", AbsorbedDose.ofGy(2), AbsorbedDose.ofGy(0.01), Optional.empty(), AROUND_TUMOUR);
        assertThat(noKernel.flagged()).isFalse();
        assertThat(noKernel.differenceSd()).isEmpty();
    }
}
