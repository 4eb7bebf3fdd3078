package org.netra.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.netra.app.cli.Main;

/**
 * One netra command line run several times in one JVM, the in-process half of bench/run-peer-table.sh: the first
 * run warms the JVM up (class loading, JIT), the rest are timed, wall and process CPU seconds (user + sys of all
 * threads, which a loaded machine inflates much less than wall time). The command's own output is discarded.
 * Usage: {@code java -cp … org.netra.bench.CliRepeatDriver RUNS netra-arguments…}; prints
 * {@code in-process wall-median cpu-median runs} in seconds.
 */
public final class CliRepeatDriver {
    private CliRepeatDriver() {}

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PrintStream out = System.out;
        double[] wall = new double[runs], cpu = new double[runs];
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (int r = -1; r < runs; r++) {
                long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
                int status = Main.commandLine(command).execute(command);
                long c1 = os.getProcessCpuTime(), t1 = System.nanoTime();
                if (status != 0) {
                    throw new IllegalStateException("netra " + String.join(" ", command) + " exited " + status);
                }
                if (r >= 0) {
                    wall[r] = (t1 - t0) / 1e9;
                    cpu[r] = (c1 - c0) / 1e9;
                }
            }
        } finally {
            System.setOut(out);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        out.printf(Locale.ROOT, "in-process %.3f %.3f %d%n", wall[runs / 2], cpu[runs / 2], runs);
    }
}
