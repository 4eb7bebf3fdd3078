package org.netra.app.web;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load test, not a unit test: a netra web app on loopback, {@code sessions} signed-in browser
 * sessions at once, each reading {@code reads} times, alternately the patient list and a random
 * patient's chart, over the demo clinic's records in the store. Prints p50/p95/p99/max latency and
 * the error count. Run it with {@code netra-app/load-test} (see docs/web.md).
 *
 * <p>Arguments: sessions (200), reads per session (20), patients in the list (50), {@code --think-ms=N} the pause
 * between a session's reads (1000 ms ± 50 %; 0 for back to back, which measures saturation); or first the address of a
 * running {@code netra demo} (e.g. http://localhost:8080) to read its cohort, with the cycles its twins' SPECT
 * jobs have attached, as the demo's physician; or {@code --two-nodes} (with {@code --open-sessions}: sessions opened
 * in the database, not through the sign-in form). Each session reads on one kept connection ({@link
 * KeepAliveConnection}) and checks every answer: status 200 and the patient's id in the page.
 */
public final class LoadDriver {
    private LoadDriver() {}

    public static void main(String[] options) throws Exception {
        // --think-ms=N: a session's pause between reads (default 1000, jittered ±50 %); 0 reads back to back
        long thinkMs = java.util.Arrays.stream(options)
                .filter(a -> a.startsWith("--think-ms="))
                .mapToLong(a -> Long.parseLong(a.substring("--think-ms=".length())))
                .reduce((a, b) -> b)
                .orElse(1000);
        // --open-sessions (two nodes): the sessions are opened in the database as a sign-in opens them, without the
        // sign-in form's Argon2id, which takes 500 sessions minutes of CPU on this machine before the first read
        boolean openSessions = java.util.Arrays.asList(options).contains("--open-sessions");
        String[] args = java.util.Arrays.stream(options)
                .filter(a -> !a.startsWith("--think-ms=") && !a.equals("--open-sessions"))
                .toArray(String[]::new);
        if (args.length > 0 && args[0].equals("--two-nodes")) {
            twoNodes(args, thinkMs, openSessions);
            System.exit(0);
        }
        boolean external = args.length > 0 && args[0].startsWith("http");
        int first = external ? 1 : 0;
        int sessions = args.length > first ? Integer.parseInt(args[first]) : 200;
        int reads = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : 20;
        int patients = args.length > first + 2 ? Integer.parseInt(args[first + 2]) : 50;
        if (sessions < 1 || sessions > 1000 || reads < 1 || reads > 1000) {
            throw new IllegalArgumentException("sessions 1–1000 and reads 1–1000 keep the test bounded");
        }
        if (external) {
            // a running `netra demo`: its physician login, its patients
            String password = org.netra.app.demo.DemoUsers.LOGINS.stream()
                    .filter(l -> l.username().equals("physician"))
                    .findFirst()
                    .orElseThrow()
                    .password();
            var client = new WebClient(args[0]);
            client.signIn("physician", password);
            var list = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(client.get("/api/patients").body());
            List<String> ids = new ArrayList<>();
            list.forEach(p -> ids.add(p.get("id").asText()));
            run(
                    List.of(args[0]),
                    password,
                    List.of(),
                    ids,
                    sessions,
                    reads,
                    thinkMs,
                    "a running netra demo",
                    CpuMeter.NONE);
            System.exit(0);
        }
        try (var server = TestServer.custom(null, b -> b)) {
            // the clinical records in the store, as the pages read them in use
            new org.netra.app.demo.DemoClinic(7, patients, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                    .load(server.store, "load-test");
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= patients; i++) {
                ids.add(org.netra.app.demo.DemoClinic.patientId(i));
            }
            run(
                    List.of(server.base),
                    TestServer.password("physician"),
                    List.of(),
                    ids,
                    sessions,
                    reads,
                    thinkMs,
                    "the demo clinic's records",
                    CpuMeter.NONE);
        }
        System.exit(0); // Jetty's and the HTTP client's idle threads must not keep a finished run alive
    }

    /**
     * {@code --two-nodes [SESSIONS [READS [PATIENTS]]]}: two {@code netra serve} processes on one new schema of the
     * PostgreSQL named by NETRA_TEST_PG_URL, holding the demo clinic's records; the sessions alternate between the
     * nodes, as a load balancer without sticky sessions would send them.
     */
    private static void twoNodes(String[] args, long thinkMs, boolean openSessions) throws Exception {
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int reads = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int patients = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        if (sessions < 1 || sessions > 1000 || reads < 1 || reads > 1000) {
            throw new IllegalArgumentException("sessions 1–1000 and reads 1–1000 keep the test bounded");
        }
        var config = new org.netra.store.StoreConfig(org.netra.testkit.TestPostgres.freshSchemaUrl(), null, null);
        String password = "two-nodes-under-load";
        List<String> cookies = new ArrayList<>();
        try (var store = org.netra.store.Store.open(config)) {
            new org.netra.app.demo.DemoClinic(7, patients, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                    .load(store, "load-test");
            new org.netra.app.web.security.Accounts(store, new org.netra.app.web.security.PasswordHasher())
                    .create(
                            new org.netra.app.web.security.Accounts.NewAccount(
                                    "physician", "Dr Load", "physician", password),
                            "load-test");
            if (openSessions) {
                var served = org.netra.app.config.ServerConfig.defaults(java.nio.file.Path.of("."));
                var opener = new org.netra.app.web.security.SessionStore(
                        store.sessions(), served.sessionIdle(), served.sessionMaximum(), java.time.Clock.systemUTC());
                for (int s = 0; s < sessions; s++) {
                    cookies.add(opener.open("physician").id());
                }
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= patients; i++) {
            ids.add(org.netra.app.demo.DemoClinic.patientId(i));
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("netra-load");
        List<String> options = List.of(
                "--db-url", config.url(), "--data-dir", dir.resolve("data").toString());
        try (var a = org.netra.app.cli.ServeProcess.start(options, dir.resolve("a.log"), "512m");
                var b = org.netra.app.cli.ServeProcess.start(options, dir.resolve("b.log"), "512m")) {
            run(
                    List.of("http://127.0.0.1:" + a.port, "http://127.0.0.1:" + b.port),
                    password,
                    cookies,
                    ids,
                    sessions,
                    reads,
                    thinkMs,
                    "the demo clinic's records on PostgreSQL, two netra serve nodes, sessions alternating"
                            + (openSessions ? ", sessions opened in the database (no sign-in form)" : ""),
                    () -> new CpuSample(a.cpuTime().plus(b.cpuTime()), PostgresCpu.total()));
        }
    }

    /** CPU used so far by the server nodes and by the database server (null where it cannot be read). */
    record CpuSample(Duration nodes, Duration database) {}

    /** Reads the servers' CPU clocks; a server in this process (or elsewhere) has none to tell apart from the client's. */
    @FunctionalInterface
    interface CpuMeter {
        CpuMeter NONE = () -> null;

        CpuSample sample();
    }

    private static void run(
            List<String> bases,
            String password,
            List<String> openedSessions,
            List<String> ids,
            int sessions,
            int reads,
            long thinkMs,
            String what,
            CpuMeter servers)
            throws InterruptedException {
        var http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        var latenciesMicros = new ConcurrentLinkedQueue<Long>();
        var listMicros = new ConcurrentLinkedQueue<Long>();
        var chartMicros = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicInteger();
        // what went wrong, counted by kind ("HTTP 500", "HttpTimeoutException", ...), so a run says why it failed
        var errorKinds = new java.util.concurrent.ConcurrentHashMap<String, AtomicInteger>();
        var signInFailures = new AtomicInteger();
        var reopened = new AtomicInteger(); // kept connections the servers had closed between two reads
        // sessions sign in first, a few at a time (Argon2id is slow by design: a sign-in storm is not a page
        // read), then all read at once
        var signingIn = new java.util.concurrent.Semaphore(4);
        var signedIn = new java.util.concurrent.CountDownLatch(sessions);
        long[] started = new long[1];
        var start = new java.util.concurrent.atomic.AtomicReference<CpuMark>();
        // the second half of the reads: the JIT has compiled the hot paths by then, as on a server that has run a while
        var halfway = new java.util.concurrent.atomic.AtomicReference<CpuMark>();
        var readsDone = new AtomicInteger();
        int halfOfReads = Math.max(1, sessions * reads / 2);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < sessions; s++) {
                String base = bases.get(s % bases.size());
                String opened = openedSessions.isEmpty() ? null : openedSessions.get(s);
                pool.submit(() -> {
                    var client = new WebClient(base, http);
                    boolean ok = false;
                    try {
                        signingIn.acquire();
                        ok = opened != null
                                || client.signIn("physician", password).statusCode() == 303;
                    } catch (RuntimeException e) { // a refused or timed-out connection
                        ok = false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        signingIn.release();
                        signedIn.countDown();
                    }
                    if (!ok) {
                        signInFailures.incrementAndGet();
                        return;
                    }
                    try {
                        signedIn.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    var random = new java.util.Random(Thread.currentThread().threadId());
                    // the reads on one kept connection per session, as a browser tab keeps one (see
                    // KeepAliveConnection)
                    try (var tab = new KeepAliveConnection(base, opened != null ? opened : client.sessionCookie())) {
                        for (int r = 0; r < reads; r++) {
                            if (thinkMs > 0) {
                                try {
                                    // a person reads the page before the next click; the jitter keeps sessions
                                    // unsynchronised
                                    Thread.sleep(thinkMs / 2 + random.nextLong(thinkMs + 1));
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                            }
                            long t0 = System.nanoTime();
                            // every other read the list, else one patient's chart
                            String id = ids.get(random.nextInt(ids.size()));
                            try {
                                var res = tab.get(r % 2 == 0 ? "/patients" : "/patients/" + id);
                                if (res.status() != 200 || !res.bodyContains(id.getBytes(StandardCharsets.US_ASCII))) {
                                    errors.incrementAndGet();
                                    String kind = res.status() != 200 ? "HTTP " + res.status() : "page without the id";
                                    errorKinds
                                            .computeIfAbsent(kind, k -> new AtomicInteger())
                                            .incrementAndGet();
                                }
                            } catch (IOException | RuntimeException e) {
                                errors.incrementAndGet();
                                errorKinds
                                        .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                            long micros = (System.nanoTime() - t0) / 1000;
                            latenciesMicros.add(micros);
                            (r % 2 == 0 ? listMicros : chartMicros).add(micros);
                            if (readsDone.incrementAndGet() == halfOfReads) {
                                halfway.set(CpuMark.now(servers, halfOfReads));
                            }
                        }
                        reopened.addAndGet(tab.reopened());
                    }
                });
            }
            signedIn.await();
            started[0] = System.nanoTime();
            start.set(CpuMark.now(servers, 0));
            pool.shutdown();
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                pool.shutdownNow();
                System.out.println("stopped after 5 minutes: the run is incomplete");
            }
        }
        double seconds = (System.nanoTime() - started[0]) / 1e9;
        var end = CpuMark.now(servers, readsDone.get());
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "netra load test: %d sessions x %d reads of /patients and /patients/{id}, %s (%d patients, %s)"
                        + " on loopback, %d cores%n",
                sessions,
                reads,
                thinkMs == 0 ? "back to back" : thinkMs / 2 + "–" + (thinkMs * 3 / 2) + " ms apart",
                ids.size(),
                what,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "reads %d in %.1f s (%.0f/s, after every session signed in), errors %d, sign-in failures %d,"
                        + " connections reopened %d%n",
                sorted.size(),
                seconds,
                sorted.size() / seconds,
                errors.get(),
                signInFailures.get(),
                reopened.get());
        if (!errorKinds.isEmpty()) {
            System.out.println("  errors by kind: " + new java.util.TreeMap<>(errorKinds));
        }
        System.out.printf(
                Locale.ROOT,
                "latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                pct(sorted, 50),
                pct(sorted, 95),
                pct(sorted, 99),
                pct(sorted, 100));
        // the same, for the second half of the reads to finish (the queue keeps completion order): the JIT has
        // compiled the hot paths by then, as on nodes that have served a while
        List<Long> inOrder = new ArrayList<>(latenciesMicros);
        List<Long> warm = new ArrayList<>(inOrder.subList(inOrder.size() / 2, inOrder.size()));
        Collections.sort(warm);
        System.out.printf(
                Locale.ROOT,
                "  second half of the reads (JIT warm): p50 %.1f  p95 %.1f  p99 %.1f%n",
                pct(warm, 50),
                pct(warm, 95),
                pct(warm, 99));
        List<Long> lists = new ArrayList<>(listMicros);
        List<Long> charts = new ArrayList<>(chartMicros);
        Collections.sort(lists);
        Collections.sort(charts);
        System.out.printf(
                Locale.ROOT,
                "  patient list p50 %.1f  p95 %.1f; chart p50 %.1f  p95 %.1f%n",
                pct(lists, 50),
                pct(lists, 95),
                pct(charts, 50),
                pct(charts, 95));
        printCpu("all reads", start.get(), end);
        if (halfway.get() != null) {
            printCpu("second half of the reads (JIT warm)", halfway.get(), end);
        }
        http.close();
    }

    /** The clocks at one moment of the run: wall time, reads done, the servers' and this JVM's CPU. */
    record CpuMark(long nanos, int reads, CpuSample servers, Duration client) {
        static CpuMark now(CpuMeter meter, int reads) {
            return new CpuMark(
                    System.nanoTime(),
                    reads,
                    meter.sample(),
                    ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        }
    }

    /**
     * CPU per read between two marks (sign-ins excluded), and what it means for a machine with nothing else on it:
     * the reads per second the cores could serve if netra and its database had them alone (the client on another
     * machine). The load average tells how much else ran.
     */
    private static void printCpu(String span, CpuMark from, CpuMark to) {
        int cores = Runtime.getRuntime().availableProcessors();
        int readCount = Math.max(1, to.reads() - from.reads());
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        double clientMs = to.client().minus(from.client()).toNanos() / 1e6 / readCount;
        if (from.servers() == null || to.servers() == null) {
            System.out.printf(
                    Locale.ROOT,
                    "CPU, %s: %.2f ms per read for client and server together (one JVM); load average (1 min) %.1f%n",
                    span,
                    clientMs,
                    load);
            return;
        }
        double nodesMs = to.servers().nodes().minus(from.servers().nodes()).toNanos() / 1e6 / readCount;
        String dbText = "not readable";
        double serverMs = nodesMs;
        if (from.servers().database() != null && to.servers().database() != null) {
            double dbMs =
                    to.servers().database().minus(from.servers().database()).toNanos() / 1e6 / readCount;
            serverMs += dbMs;
            dbText = String.format(Locale.ROOT, "%.2f ms", dbMs);
        }
        System.out.printf(
                Locale.ROOT,
                "CPU, %s (%d reads in %.1f s, %.0f/s): server %.2f ms per read (nodes %.2f ms, PostgreSQL %s:"
                        + " every postgres process on this machine, so another user of it counts too), client %.2f"
                        + " ms; the server used %.2f of %d cores; load average (1 min) %.1f%n",
                span,
                readCount,
                seconds,
                readCount / seconds,
                serverMs,
                nodesMs,
                dbText,
                clientMs,
                serverMs * readCount / 1000 / seconds,
                cores,
                load);
        System.out.printf(
                Locale.ROOT,
                "  capacity of %d idle cores for netra and PostgreSQL alone ≈ %.0f reads/s (cores ÷ server CPU per"
                        + " read; latency grows as the offered rate nears it)%n",
                cores,
                cores * 1000 / serverMs);
    }

    /** The nearest-rank percentile, in milliseconds. */
    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1000.0;
    }
}
