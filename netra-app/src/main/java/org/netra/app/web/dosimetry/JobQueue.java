package org.netra.app.web.dosimetry;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.netra.store.job.JobRows;

/**
 * The background job queue on netra's own database ({@link JobRows}), so that a job survives its node and any
 * node can run it. Each node has one worker thread that claims the oldest claimable job of a kind it knows, holds
 * it under a lease it renews every third of the lease while the job runs, and ends it DONE or FAILED. A job whose
 * node was killed keeps its row RUNNING until the lease runs out; then any node claims it again and runs it from
 * its start (a job's input is made again from its stored parameters). A job claimed more than {@code maxAttempts}
 * times is failed with that reason rather than retried for ever.
 */
public final class JobQueue implements AutoCloseable {
    /**
     * @param lease how long a claim holds without renewal: how long a killed node's job waits for another node
     * @param poll how often an idle worker looks for work (a job queued on this node wakes it at once)
     * @param maxAttempts claims of one job before it is failed
     */
    public record Settings(Duration lease, Duration poll, int maxAttempts) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(2), 3);

        public Settings {
            if (lease.toMillis() < 300 || poll.isNegative() || poll.isZero() || maxAttempts < 1) {
                throw new IllegalArgumentException("job queue: lease ≥ 0.3 s, poll > 0 and attempts ≥ 1, got " + lease
                        + ", " + poll + ", " + maxAttempts);
            }
        }
    }

    /** A claimed job as its runner sees it: progress and its end go through the lease. */
    public interface Lease {
        JobRows.Row row();

        /** Writes progress; throws {@link LeaseLostException} when another node has taken the job over. */
        void progress(int percent, String step);

        /** Ends the job; {@code note} is shown with a finished job ("" for none). */
        void done(String note);

        void failed(String reason);
    }

    /** Runs one claimed job to its end (a runner that returns without ending it leaves it FAILED). */
    @FunctionalInterface
    public interface Runner {
        void run(Lease lease);
    }

    /** This node no longer holds the job (its lease ran out and another node claimed it). */
    public static final class LeaseLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLostException(String id) {
            super("job " + id + " was taken over by another node");
        }
    }

    private final JobRows rows;
    private final Settings settings;
    private final Clock clock;
    private final String node;
    private final Map<String, Runner> runners = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "netra-job-heartbeat"));
    private final Thread worker;
    private volatile boolean closed;

    public JobQueue(JobRows rows, Settings settings, Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.clock = clock;
        // host and process, and a random part: a restarted process with a reused pid is another node
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        this.worker = daemon(this::work, "netra-dosimetry-job");
        worker.start();
    }

    /** This node's name in the queue's lease column. */
    public String node() {
        return node;
    }

    /** From now on this node runs jobs of {@code kind} with {@code runner}. */
    public void register(String kind, Runner runner) {
        runners.putIfAbsent(kind, runner);
        wake.release();
    }

    public boolean knows(String kind) {
        return runners.containsKey(kind);
    }

    /** Queues a job; the first idle node of one that knows its kind claims it. */
    public void submit(String id, String kind, String params, String owner, String label, String method) {
        rows.insert(id, kind, params, owner, label, method, clock.instant());
        wake.release();
    }

    /**
     * Queues the job of an upload that waited for its selection, in the transaction that ends its waiting; false
     * when it no longer waits (started already, on this node or another).
     */
    public boolean startAwaiting(String id, String owner, String kind, String params, String label, String method) {
        boolean started = rows.startAwaiting(id, owner, kind, params, label, method, clock.instant());
        if (started) {
            wake.release();
        }
        return started;
    }

    private void work() {
        while (!closed) {
            try {
                Optional<JobRows.Row> claimed = rows.claim(
                        Set.copyOf(runners.keySet()),
                        node,
                        clock.instant(),
                        clock.instant().plus(settings.lease()));
                if (claimed.isPresent()) {
                    run(claimed.get());
                } else {
                    wake.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database away for a moment: try again after a pause rather than stop the worker
                try {
                    Thread.sleep(settings.poll().toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void run(JobRows.Row row) {
        var lease = new NodeLease(row);
        if (row.attempts() > settings.maxAttempts()) {
            lease.failed("stopped " + (row.attempts() - 1) + " times while running (its node was killed or"
                    + " restarted); not tried again: submit it again, and tell your administrator if it recurs");
            return;
        }
        long every = Math.max(100, settings.lease().toMillis() / 3);
        var beat = heartbeat.scheduleAtFixedRate(
                () -> {
                    try {
                        rows.renew(row.id(), node, clock.instant().plus(settings.lease()));
                    } catch (RuntimeException e) {
                        // a missed beat: the next one renews, or the lease runs out and another node takes over
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        try {
            runners.get(row.kind()).run(lease);
            if (!lease.ended) {
                lease.failed("the job stopped without a result");
            }
        } catch (LeaseLostException e) {
            // another node runs it now
        } catch (RuntimeException | Error e) {
            if (!lease.ended) {
                lease.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        } finally {
            beat.cancel(false);
        }
    }

    private final class NodeLease implements Lease {
        private final JobRows.Row row;
        private volatile boolean ended;

        NodeLease(JobRows.Row row) {
            this.row = row;
        }

        @Override
        public JobRows.Row row() {
            return row;
        }

        @Override
        public void progress(int percent, String step) {
            if (!rows.progress(row.id(), node, percent, step)) {
                throw new LeaseLostException(row.id());
            }
        }

        @Override
        public void done(String note) {
            ended = true;
            rows.finish(row.id(), node, JobRows.State.DONE, note);
        }

        @Override
        public void failed(String reason) {
            ended = true;
            rows.finish(row.id(), node, JobRows.State.FAILED, reason);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        var t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops this node's worker; a job it was running is claimed again when its lease runs out. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        heartbeat.shutdownNow();
    }
}
