package org.netra.app.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a one-shot command's wall time goes, for start-up work (issue 22): with {@code NETRA_TIMELINE=1} in the
 * environment each phase's end is written to stderr as milliseconds since the JVM started, with the CPU time the
 * process had used by then; stdout (a {@code --json} document) is untouched. Off, it costs one environment look-up.
 * The JVM's start time and the process CPU time come from the management beans, loaded only when switched on (before
 * the first mark, which therefore includes their loading).
 */
final class PhaseTimeline {
    private static final boolean ON = "1".equals(System.getenv("NETRA_TIMELINE"));

    /** Loaded on the first mark, so that their loading falls before it and not into the phase after it. */
    private static final java.lang.management.RuntimeMXBean RUNTIME =
            ON ? java.lang.management.ManagementFactory.getRuntimeMXBean() : null;

    private static final com.sun.management.OperatingSystemMXBean OS = ON
            ? (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            : null;

    private PhaseTimeline() {}

    static boolean on() {
        return ON;
    }

    /** Marks the end of {@code phase}. */
    static void mark(String phase) {
        if (!ON) {
            return;
        }
        long now = System.currentTimeMillis();
        PrintStream err = System.err;
        err.printf(
                Locale.ROOT,
                "timeline %7d ms wall %7d ms cpu  %s%n",
                now - RUNTIME.getStartTime(),
                OS.getProcessCpuTime() / 1_000_000,
                phase);
    }

    /**
     * The CPU each of the process's threads has used so far (Linux: {@code /proc/self/task}), summed by the thread's
     * name without its number (the compiler, the collector, the fork-join workers, netra's readers), largest first:
     * what ran beside the main thread and what the second core did. Nothing where there is no such folder.
     */
    static void threads() {
        if (!ON) {
            return;
        }
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return;
        }
        java.util.Map<String, Long> ticksByName = new java.util.TreeMap<>();
        long mainQueuedMs = -1;
        try (var list = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path task : list.toList()) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(task.resolve("stat"));
                } catch (java.io.IOException gone) { // the thread ended meanwhile
                    continue;
                }
                // pid (comm) state … utime stime: fields 14 and 15, counted after the closing parenthesis
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[0-9]+$", "#")
                        .replaceAll("-[0-9]+-", "-#-");
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticksByName.merge(name, Long.parseLong(rest[11]) + Long.parseLong(rest[12]), Long::sum);
                if (task.getFileName()
                        .toString()
                        .equals(String.valueOf(ProcessHandle.current().pid()))) {
                    mainQueuedMs = queuedMs(task);
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("timeline: threads not read (" + e.getMessage() + ")");
            return;
        }
        // the kernel counts in clock ticks, 100 a second on Linux; threads that ended are in the process's total only
        long live = ticksByName.values().stream().mapToLong(Long::longValue).sum() * 10;
        ticksByName.put(
                "(threads ended, e.g. the cycle's readers)",
                Math.max(0, OS.getProcessCpuTime() / 1_000_000 - live) / 10);
        ticksByName.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.err.printf(
                        Locale.ROOT, "timeline threads %7d ms cpu  %s%n", e.getValue() * 10, e.getKey()));
        if (mainQueuedMs >= 0) {
            // on a loaded machine the main thread waits for a core; this much of the wall would not be there alone
            System.err.printf(
                    Locale.ROOT, "timeline main thread runnable but waiting for a core: %d ms%n", mainQueuedMs);
        }
    }

    /** The time the thread {@code task} spent runnable, waiting for a core ({@code schedstat}'s second field, ns). */
    private static long queuedMs(java.nio.file.Path task) {
        try {
            String[] f = java.nio.file.Files.readString(task.resolve("schedstat"))
                    .strip()
                    .split(" ");
            return Long.parseLong(f[1]) / 1_000_000;
        } catch (java.io.IOException | RuntimeException e) { // no schedstat in this kernel
            return -1;
        }
    }
}
