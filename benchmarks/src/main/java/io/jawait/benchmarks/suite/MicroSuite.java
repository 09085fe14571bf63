package io.jawait.benchmarks.suite;

import io.jawait.benchmarks.peers.VirtualThreads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks of {@code io.jawait.benchmarks.micro} with the GC profiler and returns,
 * per workload class and peer method, the time and the allocation per operation.
 */
final class MicroSuite {
    /** One benchmark method's figures. */
    record Score(String workload, String peer, double score, double error, String unit, double bytesPerOp) {
    }

    /** JVM forks per benchmark: results differ from fork to fork (JIT decisions, memory layout), so more than one. */
    static final int FORKS = 2;

    private MicroSuite() {
    }

    /**
     * @param smoke a tiny in-process run (no fork, one short iteration) that only proves the benchmarks work
     */
    static Map<String, Map<String, Score>> run(boolean smoke) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("io\\.jawait\\.benchmarks\\.micro\\..*")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (!VirtualThreads.available()) {
            options.exclude(".*\\.virtualThreads");
        }
        if (smoke) {
            // JMH refuses to run while another JMH holds /tmp/jmh.lock (say, a parallel build's smoke
            // test); a smoke run measures nothing, so it need not wait for exclusive use of the machine.
            System.setProperty("jmh.ignoreLock", "true");
            options.forks(0).verbosity(VerboseMode.SILENT).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(50));
        } else {
            // -Xmx fixed so that heap sizing does not differ between forks.
            options.forks(FORKS).jvmArgsPrepend("-Xms1g", "-Xmx1g")
                    .warmupIterations(4).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed", e);
        }
        Map<String, Map<String, Score>> byWorkload = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark(); // io.jawait.benchmarks.micro.Chain.jawait
            String[] parts = label.split("\\.");
            String workload = parts[parts.length - 2];
            String peer = parts[parts.length - 1];
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            byWorkload.computeIfAbsent(workload, k -> new LinkedHashMap<>()).put(peer, new Score(workload, peer,
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                    alloc == null ? Double.NaN : alloc.getScore()));
        }
        return byWorkload;
    }

    /** Peers in the order the report lists them. */
    static List<String> order(Map<String, Score> peers) {
        List<String> names = new ArrayList<>(peers.keySet());
        List<String> preferred = List.of("jawait", "callbacks", "completableFuture", "thenCompose", "kotlin", "virtualThreads");
        names.sort((a, b) -> Integer.compare(rank(preferred, a), rank(preferred, b)));
        return names;
    }

    private static int rank(List<String> preferred, String name) {
        int i = preferred.indexOf(name);
        return i < 0 ? preferred.size() : i;
    }
}
