package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.web.WebClient;
import org.netra.app.web.dosimetry.DosimetryJobTest;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.security.PasswordHasher;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.job.JobRows;
import org.netra.testkit.TestData;
import org.netra.testkit.TestPostgres;

/**
 * Two {@code netra serve} processes on one PostgreSQL serve one department behind any load balancer: a
 * session made on one works on the other, sign-out and the sign-in throttle are shared, an upload made on one
 * is chosen from and started on the other, and a dosimetry job whose node is killed is finished by the other.
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

    /**
     * Each node keeps the charts it parsed (StampedReads): a lab panel entered on B, then corrected on B, is on
     * A's very next read of the chart, page and API alike. A kept chart that hid a change made on another node
     * would show a physician old values: a clinical defect, not a slow page.
     */
    @Test
    void aChangeSavedOnOneNodeIsOnTheOthersNextRead(@TempDir Path dir) throws Exception {
        var config = new StoreConfig(TestPostgres.freshSchemaUrl(), null, null);
        try (Store store = Store.open(config)) {
            new Accounts(store, new PasswordHasher())
                    .create(new Accounts.NewAccount("physician", "Dr Two", "physician", PASSWORD), "test");
            new org.netra.app.demo.DemoClinic(7, 2, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                    .load(store, "test");
        }
        String pid = org.netra.app.demo.DemoClinic.patientId(1);
        List<String> options = List.of(
                "--db-url", config.url(), "--data-dir", dir.resolve("data").toString());
        try (var a = ServeProcess.start(options, dir.resolve("a.log"));
                var b = ServeProcess.start(options, dir.resolve("b.log"))) {
            var onA = new WebClient("http://127.0.0.1:" + a.port);
            assertThat(onA.signIn("physician", PASSWORD).statusCode()).isEqualTo(303);
            // A reads the chart twice: the second read is served from what A keeps
            String sampled = "2019-02-13";
            for (int i = 0; i < 2; i++) {
                assertThat(onA.get("/patients/" + pid).body()).contains(pid).doesNotContain(sampled);
                assertThat(labRow(onA, pid, sampled)).isNull();
            }

            // the same session on B (a page read there gives the client the session's CSRF token for B's forms)
            var onB = onA.on("http://127.0.0.1:" + b.port);
            assertThat(onB.get("/patients").statusCode()).isEqualTo(200);
            var entered = onB.postJson("/api/patients/" + pid + "/labs", """
                    {"sampled": "%s", "platelets": 70, "plateletsUnit": "×10⁹/L"}""".formatted(sampled));
            assertThat(entered.statusCode()).as(entered.body()).isEqualTo(201);
            assertThat(onA.get("/patients/" + pid).body()).contains(sampled);
            assertThat(labRow(onA, pid, sampled).toString()).contains("70").doesNotContain("72");

            String panel = JSON.readTree(entered.body()).get("panel").asText();
            var corrected = onB.putJson("/api/patients/" + pid + "/labs/" + panel, """
                    {"version": 1, "sampled": "%s", "platelets": 72, "plateletsUnit": "×10⁹/L"}""".formatted(sampled));
            assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
            assertThat(labRow(onA, pid, sampled).toString()).contains("72").doesNotContain("70");
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The chart API's lab row sampled on {@code date}, or null. */
    private static com.fasterxml.jackson.databind.JsonNode labRow(WebClient client, String pid, String date)
            throws Exception {
        var chart = client.get("/api/patients/" + pid);
        assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
        for (var row : JSON.readTree(chart.body()).get("labs")) {
            if (row.get("date").asText().equals(date)) {
                return row.get("values");
            }
        }
        return null;
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

    @Test
    void anUploadMadeOnOneNodeIsChosenFromAndStartedOnTheOther(@TempDir Path dir) throws Exception {
        var config = new StoreConfig(TestPostgres.freshSchemaUrl(), null, null);
        QueuedJobs.createPhysicist(config);
        // one database and one data folder both nodes mount: the upload's files are where either node reads them
        List<String> options = List.of(
                "--db-url", config.url(), "--data-dir", dir.resolve("shared").toString());
        try (var a = ServeProcess.start(options, dir.resolve("a.log"), QueuedJobs.HEAP);
                var b = ServeProcess.start(options, dir.resolve("b.log"), QueuedJobs.HEAP);
                Store store = Store.open(config)) {
            var onA = QueuedJobs.signIn("http://127.0.0.1:" + a.port);
            byte[] zip = DosimetryJobTest.zip(TestData.path("dicom/lu177-dotatate-spect"));
            var uploaded = onA.send(
                    DosimetryJobTest.upload(onA, "/dosimetry/jobs", zip, "local-deposition", java.util.Map.of()));
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
            String choose = uploaded.headers().firstValue("Location").orElseThrow();

            // the next request goes to B, which never saw the upload: it lists the time points and VOIs
            var onB = onA.on("http://127.0.0.1:" + b.port);
            var chooser = onB.get(choose);
            assertThat(chooser.statusCode()).as(chooser.body()).isEqualTo(200);
            assertThat(chooser.body()).contains("value=\"SCAN_001\"").contains("value=\"SCAN_002\"");
            List<String> vois = new java.util.ArrayList<>();
            var m = java.util.regex.Pattern.compile("name=\"voi\" value=\"([^\"]+)\"")
                    .matcher(chooser.body());
            while (m.find()) {
                vois.add(m.group(1));
            }
            assertThat(vois).hasSize(2);
            List<java.util.Map.Entry<String, String>> choice = List.of(
                    java.util.Map.entry("timepoint", "SCAN_001"),
                    java.util.Map.entry("timepoint", "SCAN_002"),
                    java.util.Map.entry("voi", vois.get(0)),
                    java.util.Map.entry("voi", vois.get(1)));
            var started = onB.postFormFields(choose + "/start", choice);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
            String page = started.headers().firstValue("Location").orElseThrow();
            String id = page.substring(page.lastIndexOf('/') + 1);

            // started once: the same choice posted to A finds nothing waiting, and no second job is queued
            onA.get("/dosimetry/jobs");
            assertThat(onA.postFormFields(choose + "/start", choice).statusCode())
                    .isEqualTo(404);
            assertThat(store.jobs().list()).extracting(JobRows.Row::id).containsExactly(id);

            var done = QueuedJobs.await(onB, id, java.util.Set.of("DONE", "FAILED"), java.time.Duration.ofMinutes(10));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("result").get("vois")).hasSize(2);
        }
    }
}
