package org.netra.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code netra serve} in its own JVM on loopback, with the test's classpath; its output goes to {@code log}. */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("running at http://[^:]+:(\\d+)/");

    final Process process;
    public final int port;

    private ServeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code netra serve --host 127.0.0.1 --port 0 <options>} and waits until it listens. */
    static ServeProcess start(List<String> options, Path log) throws IOException, InterruptedException {
        return start(options, log, "256m");
    }

    /** The same with {@code heap} (a dosimetry job on the real SPECT needs more than the 256 MiB of a plain server). */
    public static ServeProcess start(List<String> options, Path log, String heap)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx" + heap,
                "-cp",
                classpath,
                Main.class.getName(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0"));
        command.addAll(options);
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("NETRA_") && !k.startsWith("NETRA_TEST"));
        Process p = pb.start();
        try {
            return new ServeProcess(p, awaitPort(p, log));
        } catch (AssertionError | IOException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
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

    /** The CPU time (user + system) the node has used so far: the load test divides it by the reads it served. */
    public java.time.Duration cpuTime() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .orElseThrow(
                        () -> new IllegalStateException("the operating system does not tell netra serve's CPU time"));
    }

    /** SIGKILL (on Linux): no shutdown hook runs, nothing is closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
