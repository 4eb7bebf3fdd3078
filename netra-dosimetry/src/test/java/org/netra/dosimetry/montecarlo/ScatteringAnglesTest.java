package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A step's deflection has the Goudsmit–Saunderson mean ⟨1 − cos θ⟩ = 1 − e^(−s/λ₁), whatever the step. */
class ScatteringAnglesTest {
    @Test
    void theSampledMeanDeflectionIsTheGoudsmitSaundersonOne() {
        SplittableRandom random = new SplittableRandom(3);
        for (double t : new double[] {0.003, 0.05, 0.3, 1, 4}) {
            int n = 400_000;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double c = ScatteringAngles.INSTANCE.sample(t, random);
                assertThat(c).isBetween(-1.0, 1.0);
                sum += 1 - c;
            }
            double expected = -Math.expm1(-t);
            assertThat(sum / n).as("s/λ₁ = %s", t).isCloseTo(expected, within(0.01 * expected));
        }
    }
}
