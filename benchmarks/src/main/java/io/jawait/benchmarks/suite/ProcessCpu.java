package io.jawait.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU time a whole process has used (all its threads, user and kernel: {@code utime + stime} of
 * {@code /proc/<pid>/stat}), so that a benchmark can say how much CPU a server spent on its
 * requests, whatever else runs on the machine. Linux only: elsewhere every reading is -1.
 */
final class ProcessCpu {
    /** Kernel clock ticks per second, the unit of {@code /proc/<pid>/stat}'s times. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /** CPU nanoseconds process {@code pid} has used so far, or -1 if it cannot be read. */
    static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {@code getconf CLK_TCK}; 100 (what Linux has reported on every common architecture for
     * decades) if getconf cannot answer. A value that is no positive number is refused, since
     * every CPU figure would be off by its factor.
     */
    private static long ticksPerSecond() {
        String answer;
        try {
            Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return 100;
            }
        } catch (IOException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
        long ticks;
        try {
            ticks = Long.parseLong(answer);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("getconf CLK_TCK answered '" + answer + "', not a number", e);
        }
        if (ticks <= 0) {
            throw new IllegalStateException("getconf CLK_TCK answered " + ticks);
        }
        return ticks;
    }
}
