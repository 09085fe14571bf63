package io.jawait.benchmarks.suite;

import io.jawait.benchmarks.echo.EchoLoad;
import io.jawait.benchmarks.echo.EchoServers;
import io.jawait.benchmarks.peers.VirtualThreads;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP echo benchmark: each server in its own process on 127.0.0.1, driven in turn by the same
 * load generator ({@link EchoLoad}) running in this process.
 */
final class EchoSuite {
    /** @param load the machine's 1-minute load average at the end of the measured window */
    record Row(String server, EchoLoad.Result result, String load) {
    }

    /** @param rounds interleaved rounds; each server's best counts */
    record Settings(int connections, int messageSize, Duration warmup, Duration measure, int rounds) {
    }

    static final String JAWAIT = "jawait";
    static final String NETTY = "Netty (NIO, 1 event loop)";
    static final String VIRTUAL = "virtual threads (thread per connection)";
    static final String PYTHON = "Python asyncio streams";

    private static final List<String> JVM_ARGS = List.of("-Xms256m", "-Xmx1g");

    private EchoSuite() {
    }

    /**
     * Measures every server {@code s.rounds()} times, interleaved (A B C D A B C D), and keeps each
     * server's best round, so that a burst of load from elsewhere on the machine does not decide a
     * comparison by hitting one server only.
     */
    static List<Row> run(Settings s, Path work, boolean python, Progress progress) {
        Map<String, List<String>> servers = new LinkedHashMap<>();
        for (String kind : EchoServers.kinds()) {
            if (kind.equals("virtual") && !VirtualThreads.available()) {
                continue;
            }
            String label = kind.equals("jawait") ? JAWAIT : kind.equals("netty") ? NETTY : VIRTUAL;
            servers.put(label, server(kind, 1, 0));
        }
        if (python) {
            Path script = PythonScripts.extract("echo_server.py", work);
            servers.put(PYTHON, List.of("python3", script.toString()));
        }
        return measureAll(servers, s, progress);
    }

    /** The command line of an {@link EchoServers} child process. */
    static List<String> server(String kind, int loops, int work) {
        return ChildProcess.java(JVM_ARGS, EchoServers.class.getName(), kind, String.valueOf(loops), String.valueOf(work));
    }

    /**
     * Measures each of {@code servers} (label to command line) {@code s.rounds()} times, interleaved;
     * returns each one's best round, in the map's order.
     */
    static List<Row> measureAll(Map<String, List<String>> servers, Settings s, Progress progress) {
        Map<String, Row> best = new LinkedHashMap<>();
        int rounds = s.rounds();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, List<String>> server : servers.entrySet()) {
                Row r = measure(server.getKey() + " (round " + round + " of " + rounds + ")", server.getKey(),
                        server.getValue(), s, progress);
                Row previous = best.get(server.getKey());
                if (previous == null || r.result().requestsPerSecond() > previous.result().requestsPerSecond()) {
                    best.put(server.getKey(), r);
                }
            }
        }
        return new ArrayList<>(best.values());
    }

    private static Row measure(String what, String label, List<String> command, Settings s, Progress progress) {
        progress.say("echo: " + what);
        try (ServerProcess server = new ServerProcess(command)) {
            EchoLoad.Result r = EchoLoad.run(new InetSocketAddress("127.0.0.1", server.port()), s.connections(),
                    s.messageSize(), s.warmup(), s.measure(), server::cpuNanos);
            return new Row(label, r, Machine.loadAverage1());
        }
    }
}
