package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.web.WebClient;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.security.PasswordHasher;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.testkit.TestPostgres;

/**
 * Two {@code netra serve} processes on one PostgreSQL serve one department behind any load balancer: a
 * session made on one works on the other, sign-out and the sign-in throttle are shared, and a dosimetry job
 * whose node is killed is finished by the other.
 */
class TwoNodeTest {
    private static final String PASSWORD = "two-node-password";

    @Test
    void aSessionMadeOnOneNodeWorksOnTheOther(@TempDir Path dir) throws Exception {
        var config = new StoreConfig(TestPostgres.freshSchemaUrl(), null, null);
        try (Store store = Store.open(config)) {
            var accounts = new Accounts(store, new PasswordHasher());
            accounts.create(new Accounts.NewAccount("physician", "Dr Two", "physician", PASSWORD), "test");
        }
        // one database, a data folder per node (uploads and job folders are each node's own)
        try (var a = ServeProcess.start(
                        List.of(
                                "--db-url",
                                config.url(),
                                "--data-dir",
                                dir.resolve("a").toString()),
                        dir.resolve("a.log"));
                var b = ServeProcess.start(
                        List.of(
                                "--db-url",
                                config.url(),
                                "--data-dir",
                                dir.resolve("b").toString()),
                        dir.resolve("b.log"))) {
            String baseA = "http://127.0.0.1:" + a.port;
            String baseB = "http://127.0.0.1:" + b.port;

            // the sign-in form from A, posted to B: the anonymous session and its CSRF token are shared
            var onA = new WebClient(baseA);
            onA.get("/login");
            var onB = onA.on(baseB);
            var signIn = onB.postForm("/login", java.util.Map.of("username", "physician", "password", PASSWORD), true);
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(303);

            // signed in on B, the same cookie on A
            var signedInOnA = onB.on(baseA);
            assertThat(signedInOnA.get("/patients").statusCode()).isEqualTo(200);
            assertThat(signedInOnA.get("/api/me").body()).contains("physician");

            // signed out on A, gone on B too
            signedInOnA.get("/");
            assertThat(signedInOnA.postForm("/logout", java.util.Map.of(), true).statusCode())
                    .isEqualTo(303);
            assertThat(onB.get("/patients").statusCode()).isEqualTo(303);

            // five wrong passwords on A pause the name on B
            for (int i = 0; i < 5; i++) {
                new WebClient(baseA).signIn("physician", "wrong-password-" + i);
            }
            assertThat(new WebClient(baseB).signIn("physician", PASSWORD).statusCode())
                    .isEqualTo(429);
        }
    }

    @Test
    void aJobOfAKilledNodeIsFinishedByTheOther(@TempDir Path dir) throws Exception {
        var config = new StoreConfig(TestPostgres.freshSchemaUrl(), null, null);
        QueuedJobs.createPhysicist(config);
        // one database and one data folder, as a volume both nodes mount: a job's upload is readable by either
        Path shared = dir.resolve("shared");
        String lease = QueuedJobs.shortLease(dir).toString();
        List<String> options = List.of("--db-url", config.url(), "--data-dir", shared.toString(), "--config", lease);
        try (var a = ServeProcess.start(options, dir.resolve("a.log"), QueuedJobs.HEAP);
                var b = ServeProcess.start(options, dir.resolve("b.log"), QueuedJobs.HEAP);
                Store store = Store.open(config)) {
            var onA = QueuedJobs.signIn("http://127.0.0.1:" + a.port);
            String id = QueuedJobs.submit(onA);
            QueuedJobs.await(onA, id, java.util.Set.of("RUNNING"), java.time.Duration.ofMinutes(2));
            // the node that claimed it (A, woken by the submission, almost always) is killed
            String owner = store.jobs().find(id).orElseThrow().leaseOwner();
            var runner = owner.startsWith(a.process.pid() + "@") ? a : b;
            var other = runner == a ? b : a;
            assertThat(owner).startsWith(runner.process.pid() + "@");
            runner.kill();

            var onOther = onA.on("http://127.0.0.1:" + other.port);
            var done =
                    QueuedJobs.await(onOther, id, java.util.Set.of("DONE", "FAILED"), java.time.Duration.ofMinutes(10));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("result").get("vois")).hasSize(2);
            var row = store.jobs().find(id).orElseThrow();
            assertThat(row.leaseOwner()).startsWith(other.process.pid() + "@");
            assertThat(row.attempts()).isEqualTo(2);
        }
    }
}
