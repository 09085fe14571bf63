package io.jawait.benchmarks.suite;

import io.jawait.benchmarks.compile.CompileTimeBenchmark;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of the suite measured, plus how and where; parts that were not run are
 * empty or null.
 */
record SuiteResults(
        RunInfo info,
        Map<String, Map<String, MicroSuite.Score>> micro,
        List<SleepersSuite.Row> sleepers,
        long sleepMillis,
        List<EchoSuite.Row> echo,
        EchoSuite.Settings echoSettings,
        MulticoreEchoSuite.Results multicore,
        CompileTimeBenchmark.Result compile) {

    /** Facts about the run itself. */
    record RunInfo(String command, String startedAt, double minutes, boolean smoke, String loadBefore,
            String loadAfter, List<String> othersBefore, List<String> othersAfter, Map<String, String> versions) {
    }

    MicroSuite.Score micro(String workload, String peer) {
        Map<String, MicroSuite.Score> w = micro.get(workload);
        return w == null ? null : w.get(peer);
    }

    /** The sleepers row of {@code runtime} with the largest n. */
    SleepersSuite.Row largestSleepers(String runtime) {
        SleepersSuite.Row best = null;
        for (SleepersSuite.Row r : sleepers) {
            if (r.runtime().equals(runtime) && (best == null || r.result().tasks() > best.result().tasks())) {
                best = r;
            }
        }
        return best;
    }

    EchoSuite.Row echo(String server) {
        for (EchoSuite.Row r : echo) {
            if (r.server().equals(server)) {
                return r;
            }
        }
        return null;
    }
}
