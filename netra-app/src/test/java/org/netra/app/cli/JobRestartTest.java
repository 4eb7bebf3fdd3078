package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.web.WebClient;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.job.JobRows;

/**
 * A dosimetry job survives its node: one {@code netra serve} on the embedded H2 database is killed (SIGKILL)
 * while a job runs and another waits; after the restart the running one is run again to its end, and the waiting
 * one, whose upload was deleted meanwhile, is failed with that reason. None is silently gone.
 */
class JobRestartTest {
    @Test
    void aKilledNodesJobsAreResumedOrFailedWithAReasonAfterTheRestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        var config = StoreConfig.embedded(data);
        QueuedJobs.createPhysicist(config);
        List<String> options = List.of(
                "--data-dir",
                data.toString(),
                "--config",
                QueuedJobs.shortLease(dir).toString());

        String running;
        String waiting;
        WebClient physicist;
        try (var first = ServeProcess.start(options, dir.resolve("first.log"), QueuedJobs.HEAP)) {
            physicist = QueuedJobs.signIn("http://127.0.0.1:" + first.port);
            running = QueuedJobs.submit(physicist);
            waiting = QueuedJobs.submit(physicist); // behind the first: a node runs one job at a time
            QueuedJobs.await(physicist, running, Set.of("RUNNING"), Duration.ofMinutes(2));
            assertThat(QueuedJobs.job(physicist, waiting).get("state").asText()).isEqualTo("QUEUED");
            first.kill();
        }
        // the queued job's upload is kept in the data folder; delete one to make its job unresumable
        Path jobs = data.resolve("jobs").resolve("physicist");
        assertThat(jobs.resolve("job-" + running)).isDirectory();
        try (var walk = Files.walk(jobs.resolve("job-" + waiting))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }

        try (var second = ServeProcess.start(options, dir.resolve("second.log"), QueuedJobs.HEAP)) {
            var again = physicist.on("http://127.0.0.1:" + second.port); // the session is in the database
            var done = QueuedJobs.await(again, running, Set.of("DONE", "FAILED"), Duration.ofMinutes(10));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("result").get("vois")).hasSize(2);
            var failed = QueuedJobs.await(again, waiting, Set.of("DONE", "FAILED"), Duration.ofMinutes(2));
            assertThat(failed.get("state").asText()).isEqualTo("FAILED");
            assertThat(failed.get("error").asText())
                    .contains("job " + waiting)
                    .contains("is no longer in")
                    .contains("upload the zip again");
        }
        try (Store store = Store.open(config)) {
            JobRows.Row row = store.jobs().find(running).orElseThrow();
            assertThat(row.attempts())
                    .as("claimed by the killed node, then after the restart")
                    .isEqualTo(2);
            assertThat(row.state()).isEqualTo(JobRows.State.DONE);
        }
    }
}
