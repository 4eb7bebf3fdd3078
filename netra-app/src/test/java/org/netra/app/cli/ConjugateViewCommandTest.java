package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConjugateViewCommandTest {
    /**
     * By hand (MIRD Pamphlet 16, A = √(I_A·I_P) · e^{μT/2} / C): 300 000 and 120 000 counts in 300 s are 1000 and
     * 400 cps; √(400 000) = 632.456 cps; e^{0.12 × 20 / 2} = e^{1.2} = 3.32012; / 10 cps/MBq → 209.98 MBq.
     */
    @Test
    void activityByHand() throws Exception {
        var r = NuclideCommandTest.run(
                "conjugate-view",
                "--anterior",
                "300000",
                "--posterior",
                "120000",
                "--seconds",
                "300",
                "--mu",
                "0.12",
                "--thickness",
                "20",
                "--calibration",
                "10",
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        var j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("anteriorCps").asDouble()).isCloseTo(1000, within(1e-9));
        assertThat(j.get("geometricMeanCps").asDouble()).isCloseTo(632.456, within(1e-3));
        assertThat(j.get("attenuationCorrection").asDouble()).isCloseTo(3.32012, within(1e-5));
        assertThat(j.get("activityMBq").asDouble()).isCloseTo(209.98, within(0.01));

        var text = NuclideCommandTest.run(
                "conjugate-view",
                "--anterior",
                "1000",
                "--posterior",
                "400",
                "--mu",
                "0.12",
                "--thickness",
                "20",
                "--calibration",
                "10");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("geometric mean 632.5 cps").contains("activity 210.0 MBq");
    }

    @Test
    void aCalibrationThatIsNotPositiveIsRefusedByName() {
        var r = NuclideCommandTest.run(
                "conjugate-view",
                "--anterior",
                "1000",
                "--posterior",
                "400",
                "--mu",
                "0.12",
                "--thickness",
                "20",
                "--calibration",
                "0");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--calibration");
    }
}
