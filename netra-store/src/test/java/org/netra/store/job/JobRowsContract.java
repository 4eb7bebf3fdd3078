package org.netra.store.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.store.Store;
import org.netra.store.StoreConfig;

/**
 * The job queue's claiming on a real database (H2 and PostgreSQL run the same SQL): a job is one node's while its
 * lease holds, any node's once it ran out, and a node that lost its lease can no longer write the job. Times are
 * given, not waited for.
 */
abstract class JobRowsContract {
    abstract StoreConfig freshConfig();

    /** The other database netra runs on: a backup taken on one is restored on the other. */
    abstract StoreConfig otherVendorConfig();

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void anAwaitingUploadIsItsOwnersAndStartsOnce() {
        try (Store store = Store.open(freshConfig())) {
            JobRows rows = store.jobs();
            rows.awaitSelection("u1", "physicist", "{\"name\":\"cycle.zip\"}", T0);
            rows.awaitSelection("u2", "physicist", "{}", T0.minus(Duration.ofDays(3)));
            assertThat(rows.awaiting("u1", "nurse")).as("only its owner's").isEmpty();
            assertThat(rows.awaiting("u1", "physicist").orElseThrow().listing()).isEqualTo("{\"name\":\"cycle.zip\"}");
            assertThat(rows.isAwaitingSince("u1", T0.minusSeconds(1))).isTrue();
            assertThat(rows.isAwaitingSince("u1", T0.plusSeconds(1)))
                    .as("older than the horizon")
                    .isFalse();

            assertThat(rows.startAwaiting("u1", "nurse", "upload", "{}", "cycle.zip", "local deposition", T0))
                    .as("not the nurse's")
                    .isFalse();
            assertThat(rows.startAwaiting(
                            "u1", "physicist", "upload", "{\"vois\":[]}", "cycle.zip", "local deposition", T0))
                    .isTrue();
            assertThat(rows.startAwaiting("u1", "physicist", "upload", "{}", "cycle.zip", "local deposition", T0))
                    .as("started once")
                    .isFalse();
            assertThat(rows.awaiting("u1", "physicist")).isEmpty();
            var job = rows.find("u1").orElseThrow();
            assertThat(job.state()).isEqualTo(JobRows.State.QUEUED);
            assertThat(job.params()).isEqualTo("{\"vois\":[]}");
            assertThat(rows.list()).hasSize(1);

            // an upload never started is forgotten after the expiry
            assertThat(rows.forgetAwaitingBefore(T0.minus(Duration.ofDays(1)))).isEqualTo(1);
            assertThat(rows.awaiting("u2", "physicist")).isEmpty();
        }
    }

    @Test
    void aQueuedJobSurvivesBackupAndRestore(@TempDir Path dir) {
        Path zip = dir.resolve("backup.zip");
        String params = "{\"folders\":[\"jobs/u1/spect\"],\"method\":\"VOXEL_KERNEL\"}";
        try (Store store = Store.open(freshConfig())) {
            JobRows rows = store.jobs();
            rows.insert("j1", "upload", params, "physicist", "cycle 2.zip", "voxel kernel", T0);
            rows.insert("j2", "twin", "{}", "physicist", "twin", "voxel kernel", T0.plusSeconds(1));
            // j2 runs on a node of the old deployment when the backup is taken
            rows.claim(
                            List.of("twin"),
                            "old-node",
                            T0.plusSeconds(2),
                            T0.plusSeconds(2).plus(LEASE))
                    .orElseThrow();
            assertThat(store.backups().write(zip)).containsEntry("job_queue", 2);
        }
        try (Store restored = Store.open(otherVendorConfig())) {
            assertThat(restored.backups().restore(zip)).containsEntry("job_queue", 2);
            JobRows rows = restored.jobs();
            assertThat(rows.unfinished()).isEqualTo(2);
            var queued = rows.find("j1").orElseThrow();
            assertThat(queued.state()).isEqualTo(JobRows.State.QUEUED);
            assertThat(queued.params()).isEqualTo(params);
            assertThat(queued.label()).isEqualTo("cycle 2.zip");
            assertThat(queued.submitted()).isEqualTo(T0);
            assertThat(queued.leaseOwner()).isNull();
            assertThat(queued.leaseUntil()).isNull();

            // a node of the new deployment runs the queued job
            var claimed = rows.claim(List.of("upload"), "new-node", T0.plusSeconds(3), T0.plusSeconds(33))
                    .orElseThrow();
            assertThat(claimed.id()).isEqualTo("j1");
            assertThat(claimed.attempts()).isEqualTo(1);
            // the job that was running is the old node's until its lease runs out, then any node's
            assertThat(rows.claim(List.of("twin"), "new-node", T0.plusSeconds(10), T0.plusSeconds(40)))
                    .isEmpty();
            var resumed = rows.claim(List.of("twin"), "new-node", T0.plusSeconds(33), T0.plusSeconds(63))
                    .orElseThrow();
            assertThat(resumed.id()).isEqualTo("j2");
            assertThat(resumed.attempts()).isEqualTo(2);
        }
    }

    @Test
    void aJobIsOneNodesWhileItsLeaseHoldsAndAnyNodesAfter() {
        try (Store store = Store.open(freshConfig())) {
            JobRows rows = store.jobs();
            rows.insert("j1", "upload", "{}", "physicist", "cycle.zip", "local deposition", T0);
            rows.insert("j2", "twin", "{}", "physicist", "twin", "voxel kernel", T0.plusSeconds(1));
            assertThat(rows.unfinished()).isEqualTo(2);

            // a node that knows only uploads claims the upload; nothing is left for it
            var a = rows.claim(List.of("upload"), "node-a", T0, T0.plus(LEASE)).orElseThrow();
            assertThat(a.id()).isEqualTo("j1");
            assertThat(a.state()).isEqualTo(JobRows.State.RUNNING);
            assertThat(a.attempts()).isEqualTo(1);
            assertThat(a.leaseOwner()).isEqualTo("node-a");
            assertThat(rows.claim(List.of("upload"), "node-b", T0.plusSeconds(5), T0.plusSeconds(35)))
                    .isEmpty();
            assertThat(rows.claim(List.of(), "node-b", T0, T0.plus(LEASE))).isEmpty();

            // A renews and reports; B cannot
            assertThat(rows.renew("j1", "node-a", T0.plusSeconds(40))).isTrue();
            assertThat(rows.progress("j1", "node-a", 50, "aligning")).isTrue();
            assertThat(rows.progress("j1", "node-b", 60, "not mine")).isFalse();
            assertThat(rows.claim(List.of("upload"), "node-b", T0.plusSeconds(35), T0.plusSeconds(65)))
                    .as("renewed until +40 s")
                    .isEmpty();

            // A stops renewing (killed): after its lease, B claims the job again
            var b = rows.claim(List.of("upload"), "node-b", T0.plusSeconds(41), T0.plusSeconds(71))
                    .orElseThrow();
            assertThat(b.id()).isEqualTo("j1");
            assertThat(b.attempts()).isEqualTo(2);
            assertThat(b.leaseOwner()).isEqualTo("node-b");
            assertThat(b.percent()).as("progress kept until B reports").isEqualTo(50);

            // A, if it was only slow, can no longer write or end the job
            assertThat(rows.progress("j1", "node-a", 90, "late")).isFalse();
            assertThat(rows.finish("j1", "node-a", JobRows.State.FAILED, "late"))
                    .isFalse();
            assertThat(rows.finish("j1", "node-b", JobRows.State.DONE, "")).isTrue();
            var done = rows.find("j1").orElseThrow();
            assertThat(done.state()).isEqualTo(JobRows.State.DONE);
            assertThat(done.percent()).isEqualTo(100);
            assertThat(done.leaseUntil()).isNull();
            assertThat(rows.claim(List.of("upload"), "node-c", T0.plusSeconds(999), T0.plusSeconds(1029)))
                    .as("a finished job is never claimed again")
                    .isEmpty();

            // the twin job waits for a node that knows twins; then it fails with its reason
            var twin = rows.claim(List.of("upload", "twin"), "node-c", T0.plusSeconds(100), T0.plusSeconds(130))
                    .orElseThrow();
            assertThat(twin.id()).isEqualTo("j2");
            assertThat(rows.finish("j2", "node-c", JobRows.State.FAILED, "the upload is gone"))
                    .isTrue();
            assertThat(rows.find("j2").orElseThrow().failure()).isEqualTo("the upload is gone");
            assertThat(rows.unfinished()).isZero();
            assertThat(rows.list()).extracting(JobRows.Row::id).containsExactly("j2", "j1");
            assertThatThrownBy(() -> rows.finish("j2", "node-c", JobRows.State.QUEUED, ""))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
