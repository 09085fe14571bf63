package io.jawait.benchmarks.suite;

import io.jawait.benchmarks.peers.VirtualThreads;
import io.jawait.benchmarks.sleepers.SleeperResult;
import io.jawait.benchmarks.sleepers.Sleepers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** N tasks that each sleep, per runtime, each run in a fresh process so that memory figures stay apart. */
final class SleepersSuite {
    record Row(String runtime, SleeperResult result) {
    }

    static final String JAWAIT = "jawait";
    static final String KOTLIN = "Kotlin coroutines";
    static final String VIRTUAL = "virtual threads";
    static final String PYTHON = "Python asyncio";

    /** Same heap limits for every JVM peer; 1M virtual threads need a few GiB. */
    private static final List<String> JVM_ARGS = List.of("-Xms256m", "-Xmx6g");

    private SleepersSuite() {
    }

    static List<Row> run(int[] sizes, long millis, Path work, boolean python, Progress progress) {
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.add(jvm(JAWAIT, "jawait", n, millis, progress));
            rows.add(jvm(KOTLIN, "kotlin", n, millis, progress));
            if (VirtualThreads.available()) {
                rows.add(jvm(VIRTUAL, "virtual", n, millis, progress));
            }
            if (python) {
                progress.say("sleepers: " + PYTHON + " n=" + n);
                Path script = PythonScripts.extract("sleepers.py", work);
                String out = ChildProcess.run(List.of("python3", script.toString(), String.valueOf(n), String.valueOf(millis)), 600);
                rows.add(new Row(PYTHON, SleeperResult.parse(out)));
            }
        }
        return rows;
    }

    private static Row jvm(String label, String runtime, int n, long millis, Progress progress) {
        progress.say("sleepers: " + label + " n=" + n);
        String out = ChildProcess.run(ChildProcess.java(JVM_ARGS, Sleepers.class.getName(), runtime,
                String.valueOf(n), String.valueOf(millis)), 600);
        return new Row(label, SleeperResult.parse(out));
    }
}
