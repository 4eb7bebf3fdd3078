package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The time-left estimate: the batch method's SD of the mean falls as 1/√n, so reaching a target from a relative SD
 * s after n batches takes n·((s/target)² − 1) more batches at the rate so far, capped by the batch and time limits.
 */
class MonteCarloProgressTest {
    private static final MonteCarloSettings SETTINGS =
            MonteCarloSettings.defaults().withBatches(1000, 10, 400).withTarget(0.02, Duration.ofMinutes(5));

    @Test
    void twiceTheTargetNeedsThreeTimesTheBatchesAgain() {
        // 10 batches in 10 s at 4 %: 10·(2² − 1) = 30 batches more, 30 s
        assertThat(MonteCarloProgress.remaining(10, 0.04, SETTINGS, Duration.ofSeconds(10), true))
                .contains(Duration.ofSeconds(30));
        // at 3 %: 10·(1.5² − 1) = 12.5 batches, 12.5 s
        assertThat(MonteCarloProgress.remaining(10, 0.03, SETTINGS, Duration.ofSeconds(10), true))
                .contains(Duration.ofMillis(12_500));
    }

    @Test
    void atTheTargetNothingIsLeftAndTheLimitsCap() {
        assertThat(MonteCarloProgress.remaining(10, 0.019, SETTINGS, Duration.ofSeconds(10), true))
                .contains(Duration.ZERO);
        // 390 batches at most remain under the 400-batch limit, 1 s each
        assertThat(MonteCarloProgress.remaining(10, 0.2, SETTINGS, Duration.ofSeconds(10), true))
                .contains(Duration.ofSeconds(290)); // the 5-minute limit comes first: 300 − 10 s
        var shortLimit = SETTINGS.withTarget(0.02, Duration.ofSeconds(15));
        assertThat(MonteCarloProgress.remaining(10, 0.04, shortLimit, Duration.ofSeconds(10), true))
                .contains(Duration.ofSeconds(5));
        var fewBatches = SETTINGS.withBatches(1000, 10, 20);
        assertThat(MonteCarloProgress.remaining(10, 0.04, fewBatches, Duration.ofSeconds(10), true))
                .contains(Duration.ofSeconds(10));
        assertThat(MonteCarloProgress.remaining(10, 0.04, SETTINGS, Duration.ofSeconds(10), false))
                .isEmpty();
    }
}
