package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.netra.app.web.WebClient;
import org.netra.app.web.dosimetry.DosimetryJobTest;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.security.PasswordHasher;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.testkit.TestData;

/** Dosimetry jobs of the real 177Lu SPECT submitted to {@code netra serve} processes and watched through the API. */
final class QueuedJobs {
    static final String PASSWORD = "queued-jobs-password";
    /** A node's heap for the real SPECT job (two time points, local deposition). */
    static final String HEAP = "1g";

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueuedJobs() {}

    /** A physicist in a fresh database, before any node runs on it. */
    static void createPhysicist(StoreConfig config) {
        try (Store store = Store.open(config)) {
            new Accounts(store, new PasswordHasher())
                    .create(new Accounts.NewAccount("physicist", "Dr Queue", "physicist", PASSWORD), "test");
        }
    }

    /**
     * A config file with a short lease, so that a killed node's job is taken over within seconds rather than
     * the default 30 s.
     */
    static Path shortLease(Path dir) throws IOException {
        return Files.writeString(dir.resolve("netra.properties"), "jobs.lease=PT3S\n");
    }

    static WebClient signIn(String base) {
        var physicist = new WebClient(base);
        var res = physicist.signIn("physicist", PASSWORD);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(303);
        physicist.get("/dosimetry/jobs");
        return physicist;
    }

    /** Uploads the real SPECT (two time points, two lesions, local deposition); the job's id. */
    static String submit(WebClient physicist) throws Exception {
        byte[] zip = DosimetryJobTest.zip(TestData.path("dicom/lu177-dotatate-spect"));
        var res = physicist.send(
                DosimetryJobTest.upload(physicist, "/api/dosimetry/jobs", zip, "local-deposition", Map.of()));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return JSON.readTree(res.body()).get("id").asText();
    }

    static JsonNode job(WebClient c, String id) throws IOException {
        var res = c.get("/api/dosimetry/jobs/" + id);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    /** Polls the job until its state is one of {@code states}; the job then. */
    static JsonNode await(WebClient c, String id, Set<String> states, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode job = job(c, id);
        while (!states.contains(job.get("state").asText())) {
            if (System.nanoTime() > end) {
                throw new AssertionError("job " + id + " not " + states + " within " + timeout + ": " + job);
            }
            Thread.sleep(200);
            job = job(c, id);
        }
        return job;
    }
}
