package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.security.Credential;
import org.netra.app.web.security.PasswordHasher;
import org.netra.app.web.security.UserAccount;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.record.Stored;

/**
 * Nothing acknowledged is lost: a real {@code netra serve} process takes user accounts from several API
 * clients and is killed with SIGKILL at a random moment, round after round. After each kill the database
 * must hold every account answered {@code 201 Created}, each with its password (an account and its
 * credential are one transaction), and the audit trail must match the records exactly.
 */
abstract class ServeCrashContract {
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("NETRA_CRASH_ROUNDS", "20"));
    private static final int CLIENTS = 3;
    private static final String PASSWORD = "crash-test-password";

    /** The database the server writes to, fresh for this test. */
    abstract StoreConfig freshStore(Path dataDir);

    /** The {@code serve} options that point the server at {@code store}. */
    abstract List<String> databaseOptions(StoreConfig store, Path dataDir);

    @Test
    void everyAcknowledgedWriteSurvivesSigkill(@TempDir Path dataDir) throws Exception {
        StoreConfig config = freshStore(dataDir);
        String token;
        try (Store store = Store.open(config)) {
            var accounts = new Accounts(store, new PasswordHasher());
            accounts.create(new Accounts.NewAccount("admin", "Crash Admin", "admin", "account-keeper-pw"), "test");
            token = accounts.issueToken("admin", "test");
        }
        var random = new Random(17);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < ROUNDS; round++) {
            var server =
                    ServeProcess.start(databaseOptions(config, dataDir), dataDir.resolve("server-" + round + ".log"));
            try {
                int port = server.port;
                var writing = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                int r = round;
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.submit(() -> write(port, token, "c" + client + "r" + r + "n", acknowledged, writing));
                }
                // kill at a random moment once writes are being acknowledged (a cold server answers slowly)
                int before = acknowledged.size();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (acknowledged.size() == before && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(random.nextInt(1500));
                server.kill(); // SIGKILL on Linux: no shutdown hook, no close
                writing.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                server.close();
            }
            checkAfterCrash(config, acknowledged, round);
        }
        assertThat(acknowledged).as("the clients got answers").hasSizeGreaterThanOrEqualTo(ROUNDS);
        System.out.println(ROUNDS + " SIGKILLs, " + acknowledged.size() + " acknowledged accounts, none lost");
    }

    /** Creates users until the server dies; a name is acknowledged only by a 201. */
    private static void write(int port, String token, String prefix, Set<String> acked, AtomicBoolean writing) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; writing.get(); i++) {
            String name = prefix + i;
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name
                            + "\",\"fullName\":\"Crash " + name + "\",\"role\":\"nurse\",\"password\":\"" + PASSWORD
                            + "\"}"))
                    .build();
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    acked.add(name);
                } else {
                    throw new AssertionError(
                            "creating " + name + " answered " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                writing.set(false); // the server was killed: what was not answered was not acknowledged
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void checkAfterCrash(StoreConfig config, Set<String> acknowledged, int round) throws SQLException {
        try (Store store = Store.open(config)) {
            var records = store.records();
            Map<String, Stored<UserAccount>> accounts = new HashMap<>();
            records.list(UserAccount.KIND).forEach(a -> accounts.put(a.value().username(), a));
            Set<String> credentials = new java.util.HashSet<>();
            records.list(Credential.KIND).forEach(c -> credentials.add(c.value().username()));
            assertThat(accounts.keySet())
                    .as("after crash %d every acknowledged account is there", round)
                    .containsAll(acknowledged);
            assertThat(credentials)
                    .as("after crash %d: no account without its password, no password without its account", round)
                    .isEqualTo(accounts.keySet());
            // one acknowledged password, checked for real: the stored hash is complete
            acknowledged.stream().sorted().reduce((a, b) -> b).ifPresent(name -> assertThat(
                            new Accounts(store, new PasswordHasher()).authenticate(name, PASSWORD))
                    .as("the password of %s", name)
                    .isPresent());
        }
        checkAuditMatchesRecords(config, round);
    }

    /** Every record's last audit event is its current version and document; nothing audited is missing. */
    private static void checkAuditMatchesRecords(StoreConfig config, int round) throws SQLException {
        Map<String, String[]> current = new HashMap<>();
        Map<String, String[]> lastEvent = new HashMap<>();
        try (var c = DriverManager.getConnection(config.url(), config.user(), config.password());
                var s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT kind, id, version, doc FROM clinical_record")) {
                while (rs.next()) {
                    current.put(
                            rs.getString(1) + "/" + rs.getString(2), new String[] {"" + rs.getInt(3), rs.getString(4)});
                }
            }
            try (var rs = s.executeQuery(
                    "SELECT kind, record_id, action, version, after_doc FROM audit_event ORDER BY seq")) {
                while (rs.next()) {
                    lastEvent.put(
                            rs.getString(1) + "/" + rs.getString(2),
                            new String[] {rs.getString(3), "" + rs.getInt(4), rs.getString(5)});
                }
            }
        }
        for (var e : current.entrySet()) {
            String[] last = lastEvent.get(e.getKey());
            assertThat(last)
                    .as("after crash %d: audit event of %s", round, e.getKey())
                    .isNotNull();
            assertThat(last[1]).as("audited version of %s", e.getKey()).isEqualTo(e.getValue()[0]);
            assertThat(last[2]).as("audited document of %s", e.getKey()).isEqualTo(e.getValue()[1]);
        }
        // RECOVER: on H2 an in-flight (unacknowledged) write can come back half rolled back; the store's opening
        // states what it holds (AuditReconciliation). The acknowledged ones are all there (checked above).
        lastEvent.forEach((key, last) -> assertThat(
                        current.containsKey(key) || last[0].equals("DELETE") || last[0].equals("RECOVER"))
                .as("after crash %d: %s was audited as %s but is not stored", round, key, last[0])
                .isTrue());
    }
}
