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
}
