package org.netra.app.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The CPU time used by the PostgreSQL server on this machine, read from Linux's {@code /proc}: every process whose
 * name is {@code postgres}, plus what its finished children used (a backend that ended is charged to the
 * postmaster). The load test subtracts two readings; a PostgreSQL on another machine, or not on Linux, gives null.
 */
final class PostgresCpu {
    private PostgresCpu() {}

    /** Clock ticks per second of /proc/PID/stat's times: 100 on every Linux architecture netra runs on. */
    private static final long TICKS_PER_SECOND = 100;

    static Duration total() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return null;
        }
        long ticks = 0;
        boolean found = false;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                if (!dir.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException | RuntimeException gone) { // the process ended while we listed
                    continue;
                }
                // pid (comm) state ppid ...: the name is in parentheses and may hold spaces
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" ");
                // after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                found = true;
            }
        } catch (IOException e) {
            return null;
        }
        return found ? Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND) : null;
    }
}
