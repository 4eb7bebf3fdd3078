package org.netra.dosimetry.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A cycle's input files read side by side, each on its own platform thread (a handful per cycle: each time point's
 * series and CT), so that what one series does on a single thread — listing, checking and assembling its files,
 * converting to Bq/mL — overlaps another's. Each result is taken with {@link Pending#get()}, which throws what the
 * read threw, unchanged, so the caller decides in which order failures are reported. Closing waits for every read
 * still running (after a failure the others finish unseen; none is left behind holding files open).
 */
final class ConcurrentReads implements AutoCloseable {
    /** A read that throws as a sequential one would. */
    @FunctionalInterface
    interface Read<T> {
        T read() throws IOException;
    }

    /** A read started, its result (or failure) to be taken. */
    static final class Pending<T> {
        private final Future<T> future;

        private Pending(Future<T> future) {
            this.future = future;
        }

        /** The result, or the read's own exception: an {@link IOException}, a runtime exception or an error. */
        T get() throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a series to be read");
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case UncheckedIOException io -> throw io;
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IllegalStateException(e.getCause()); // a Read throws nothing else
                }
            }
        }
    }

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("cycle-read-", 0).daemon(true).factory());

    <T> Pending<T> start(Read<T> read) {
        return new Pending<>(threads.submit(read::read));
    }

    @Override
    public void close() {
        threads.close();
    }
}
