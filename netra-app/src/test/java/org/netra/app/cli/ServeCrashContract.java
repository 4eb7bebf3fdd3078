package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern RUNNING = Pattern.compile("running at http://[^:]+:(\\d+)/");
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
            Process server = start(config, dataDir, round);
            try {
                int port = awaitPort(server, dataDir.resolve("server-" + round + ".log"));
                var writing = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                int r = round;
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.submit(() -> write(port, token, "c" + client + "r" + r + "n", acknowledged, writing));
                }
                Thread.sleep(300 + random.nextInt(2200));
                server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
                server.waitFor(30, TimeUnit.SECONDS);
                writing.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                server.destroyForcibly();
            }
            checkAfterCrash(config, acknowledged, round);
        }
        assertThat(acknowledged).as("the clients got answers").hasSizeGreaterThan(ROUNDS);
        System.out.println(ROUNDS + " SIGKILLs, " + acknowledged.size() + " acknowledged accounts, none lost");
    }

    private Process start(StoreConfig config, Path dataDir, int round) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-cp",
                classpath,
                Main.class.getName(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0"));
        command.addAll(databaseOptions(config, dataDir));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(dataDir.resolve("server-" + round + ".log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("NETRA_") && !k.startsWith("NETRA_TEST"));
        return pb.start();
    }

    private static int awaitPort(Process server, Path log) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher m = RUNNING.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!server.isAlive()) {
                throw new AssertionError("netra serve stopped before listening:\n" + text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("netra serve did not start within 90 s:\n" + Files.readString(log));
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
        lastEvent.forEach((key, last) -> assertThat(current.containsKey(key) || last[0].equals("DELETE"))
                .as("after crash %d: %s was audited as %s but is not stored", round, key, last[0])
                .isTrue());
    }
}
