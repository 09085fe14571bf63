package io.jawait.benchmarks.sleepers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of the sleepers workload, printed by the child process as a single {@code RESULT} line
 * of {@code key=value} pairs (the Python peer prints the same line) and parsed back by the suite.
 *
 * @param tasks how many tasks slept
 * @param wallMillis from the first start to the end of the last sleep
 * @param bytesPerTask memory held per sleeping task (live heap after GC for the JVM peers; resident
 *     memory for Python, which has no comparable heap figure)
 * @param peakRssKib peak resident set size of the process
 * @param sleepingAtMeasure how many tasks were still asleep when memory was measured
 */
public record SleeperResult(int tasks, long wallMillis, double bytesPerTask, long peakRssKib, int sleepingAtMeasure) {
    static final String PREFIX = "RESULT ";

    /** The line the child process prints. */
    public String toLine() {
        return PREFIX + "tasks=" + tasks + " wall_ms=" + wallMillis + " bytes_per_task=" + bytesPerTask
                + " peak_rss_kib=" + peakRssKib + " sleeping_at_measure=" + sleepingAtMeasure;
    }

    /** Parses the RESULT line out of a child's output. */
    public static SleeperResult parse(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith(PREFIX)) {
                Map<String, String> kv = new LinkedHashMap<>();
                for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    kv.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                return new SleeperResult(Integer.parseInt(kv.get("tasks")), Long.parseLong(kv.get("wall_ms")),
                        Double.parseDouble(kv.get("bytes_per_task")), Long.parseLong(kv.get("peak_rss_kib")),
                        Integer.parseInt(kv.get("sleeping_at_measure")));
            }
        }
        throw new IllegalArgumentException("no RESULT line in the output:\n" + output);
    }
}
