package org.netra.app.web;

import java.net.http.HttpClient;
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
 * <p>Arguments: sessions (200), reads per session (20), patients in the list (50).
 */
public final class LoadDriver {
    private LoadDriver() {}

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int patients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        if (sessions < 1 || sessions > 1000 || reads < 1 || reads > 1000) {
            throw new IllegalArgumentException("sessions 1–1000 and reads 1–1000 keep the test bounded");
        }
        try (var server = TestServer.custom(null, b -> b)) {
            // the clinical records in the store, as the pages read them in use
            new org.netra.app.demo.DemoClinic(7, patients, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                    .load(server.store, "load-test");
            var http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            var latenciesMicros = new ConcurrentLinkedQueue<Long>();
            var errors = new AtomicInteger();
            var signInFailures = new AtomicInteger();
            long started = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int s = 0; s < sessions; s++) {
                    pool.submit(() -> {
                        var client = new WebClient(server.base, http);
                        try {
                            if (client.signIn("physician", TestServer.password("physician"))
                                            .statusCode()
                                    != 303) {
                                signInFailures.incrementAndGet();
                                return;
                            }
                        } catch (RuntimeException e) { // a refused or timed-out connection
                            signInFailures.incrementAndGet();
                            return;
                        }
                        var random = new java.util.Random(Thread.currentThread().threadId());
                        for (int r = 0; r < reads; r++) {
                            long t0 = System.nanoTime();
                            try {
                                // every other read the list, else one patient's chart
                                String id = org.netra.app.demo.DemoClinic.patientId(1 + random.nextInt(patients));
                                var res = r % 2 == 0 ? client.get("/patients") : client.get("/patients/" + id);
                                if (res.statusCode() != 200 || !res.body().contains(id)) {
                                    errors.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                errors.incrementAndGet();
                            }
                            latenciesMicros.add((System.nanoTime() - t0) / 1000);
                        }
                    });
                }
                pool.shutdown();
                if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                    System.out.println("stopped after 5 minutes: the run is incomplete");
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "netra load test: %d sessions x %d reads of /patients and /patients/{id} (%d patients in the store)"
                            + " on loopback, %d cores%n",
                    sessions,
                    reads,
                    patients,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    Locale.ROOT,
                    "requests %d in %.1f s (%.0f/s incl. sign-in), errors %d, sign-in failures %d%n",
                    sorted.size(),
                    seconds,
                    sorted.size() / seconds,
                    errors.get(),
                    signInFailures.get());
            System.out.printf(
                    Locale.ROOT,
                    "latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                    pct(sorted, 50),
                    pct(sorted, 95),
                    pct(sorted, 99),
                    pct(sorted, 100));
            http.close();
        }
        System.exit(0); // Jetty's and the HTTP client's idle threads must not keep a finished run alive
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
