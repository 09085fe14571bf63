package io.jawait.benchmarks.sleepers;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the whole-process benchmarks measure about themselves: live heap and resident memory. */
public final class ProcessMetrics {
    private ProcessMetrics() {
    }

    /** Heap bytes still in use after full collections (the live set). */
    public static long liveHeapBytes() {
        long used = Long.MAX_VALUE;
        // Several rounds: a collection can free objects whose finalization or references another one clears.
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Peak resident set size in KiB (VmHWM), or -1 where /proc is not available. */
    public static long peakRssKib() {
        return procStatusKib("VmHWM:");
    }

    /** Current resident set size in KiB (VmRSS), or -1 where /proc is not available. */
    public static long rssKib() {
        return procStatusKib("VmRSS:");
    }

    private static long procStatusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
