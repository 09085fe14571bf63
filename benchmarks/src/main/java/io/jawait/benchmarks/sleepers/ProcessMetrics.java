package io.jawait.benchmarks.sleepers;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/** What the whole-process benchmarks measure about themselves: live heap and resident memory. */
public final class ProcessMetrics {
    private ProcessMetrics() {
    }

    /**
     * Bytes of all live objects, from HotSpot's class histogram (which runs a full GC first): the
     * sum of object sizes, unlike the heap's "used" figure, which counts whole G1 regions for large
     * arrays. Falls back to {@link #usedHeapAfterGc()} on JVMs without that diagnostic command.
     */
    public static long liveHeapBytes() {
        try {
            System.gc();
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : histogram.split("\n")) {
                String t = line.trim();
                if (t.startsWith("Total")) {
                    String[] parts = t.split("\\s+");
                    return Long.parseLong(parts[parts.length - 1]);
                }
            }
        } catch (JMException | RuntimeException e) {
            // no diagnostic command here
        }
        return usedHeapAfterGc();
    }

    /** Heap bytes in use after full collections, as the memory MXBean reports them. */
    public static long usedHeapAfterGc() {
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
