package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cycle's series read side by side must fail as the sequential reading did: each read's own exception, and the
 * first in the caller's order whatever finished first.
 */
class ConcurrentStepsTest {
    /** Waits up to 10 s for {@code latch}; a read may throw only what a series read throws. */
    static boolean await(CountDownLatch latch) throws IOException {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Test
    void theFirstFailureInInputOrderIsReportedEvenWhenALaterReadFailsFirst() throws Exception {
        var laterFailed = new CountDownLatch(1);
        try (var reads = new ConcurrentSteps("cycle-read-")) {
            ConcurrentSteps.Pending<String> first = reads.start(() -> {
                // fails only once the later read has already failed
                assertThat(await(laterFailed)).isTrue();
                throw new IOException("time point 1 is unreadable");
            });
            ConcurrentSteps.Pending<String> second = reads.start(() -> {
                laterFailed.countDown();
                throw new CycleInputException("time point 2 is of another patient");
            });
            assertThatThrownBy(first::get).isInstanceOf(IOException.class).hasMessage("time point 1 is unreadable");
            assertThatThrownBy(second::get)
                    .isInstanceOf(CycleInputException.class)
                    .hasMessage("time point 2 is of another patient");
        }
    }

    @Test
    void theReadsExceptionIsRethrownItselfNotWrapped() {
        var failure = new IOException("no such file");
        try (var reads = new ConcurrentSteps("cycle-read-")) {
            ConcurrentSteps.Pending<String> read = reads.start(() -> {
                throw failure;
            });
            assertThatThrownBy(read::get).isSameAs(failure);
        }
    }

    @Test
    void readsRunAtTheSameTimeAndGiveTheirOwnResults() throws Exception {
        int n = 4;
        var allStarted = new CountDownLatch(n);
        List<ConcurrentSteps.Pending<Integer>> pending = new ArrayList<>();
        try (var reads = new ConcurrentSteps("cycle-read-")) {
            for (int i = 0; i < n; i++) {
                int index = i;
                pending.add(reads.start(() -> {
                    allStarted.countDown();
                    // none returns before every one has started: sequential reads would wait here forever
                    if (!await(allStarted)) {
                        throw new IOException("read " + index + " ran alone");
                    }
                    return index * index;
                }));
            }
            List<Integer> results = new ArrayList<>();
            for (var p : pending) {
                results.add(p.get());
            }
            assertThat(results).containsExactly(0, 1, 4, 9);
        }
    }
}
