package org.netra.dosimetry.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A cycle's steps run side by side, each on its own platform thread (a handful per cycle: each time point's series and
 * CT read together; the partial-volume correction's measurements beside the dose), so that what one step does on a
 * single thread — listing, checking and assembling a series' files, the GTM's regions and solver — overlaps another's.
 * Each result is taken with {@link Pending#get()}, which throws what the step threw, unchanged, so the caller decides in
 * which order failures are reported. Closing waits for every step still running (after a failure the others finish
 * unseen; none is left behind holding files or memory).
 */
final class ConcurrentSteps implements AutoCloseable {
    /** A step that throws as it would run in sequence. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    /** A step started, its result (or failure) to be taken. */
    static final class Pending<T> {
        private final Future<T> future;

        private Pending(Future<T> future) {
            this.future = future;
        }

        /** The result, or the step's own exception: an {@link IOException}, a runtime exception or an error. */
        T get() throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a step of the cycle");
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case UncheckedIOException io -> throw io;
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IllegalStateException(e.getCause()); // a Step throws nothing else
                }
            }
        }
    }

    private final ExecutorService threads;

    /** @param threadName the threads' names, numbered from 0 ("cycle-read-" makes cycle-read-0, cycle-read-1, …) */
    ConcurrentSteps(String threadName) {
        threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name(threadName, 0).daemon(true).factory());
    }

    <T> Pending<T> start(Step<T> step) {
        return new Pending<>(threads.submit(step::run));
    }

    @Override
    public void close() {
        threads.close();
    }
}
