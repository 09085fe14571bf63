package io.jawait.benchmarks.suite;

import io.jawait.benchmarks.echo.EchoLoad;
import io.jawait.benchmarks.echo.EchoServers;
import io.jawait.benchmarks.peers.VirtualThreads;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP echo benchmark: each server in its own process on 127.0.0.1, driven in turn by the same
 * load generator ({@link EchoLoad}) running in this process.
 */
final class EchoSuite {
    record Row(String server, EchoLoad.Result result) {
    }

    record Settings(int connections, int messageSize, Duration warmup, Duration measure) {
    }

    static final String JAWAIT = "jawait";
    static final String NETTY = "Netty (NIO, 1 event loop)";
    static final String VIRTUAL = "virtual threads (thread per connection)";
    static final String PYTHON = "Python asyncio streams";

    private static final List<String> JVM_ARGS = List.of("-Xms256m", "-Xmx1g");

    private EchoSuite() {
    }

    static List<Row> run(Settings s, Path work, boolean python, Progress progress) {
        List<Row> rows = new ArrayList<>();
        for (String kind : EchoServers.kinds()) {
            if (kind.equals("virtual") && !VirtualThreads.available()) {
                continue;
            }
            String label = kind.equals("jawait") ? JAWAIT : kind.equals("netty") ? NETTY : VIRTUAL;
            rows.add(measure(label, ChildProcess.java(JVM_ARGS, EchoServers.class.getName(), kind), s, progress));
        }
        if (python) {
            Path script = PythonScripts.extract("echo_server.py", work);
            rows.add(measure(PYTHON, List.of("python3", script.toString()), s, progress));
        }
        return rows;
    }

    private static Row measure(String label, List<String> command, Settings s, Progress progress) {
        progress.say("echo: " + label);
        try (ServerProcess server = new ServerProcess(command)) {
            EchoLoad.Result r = EchoLoad.run(new InetSocketAddress("127.0.0.1", server.port()), s.connections(),
                    s.messageSize(), s.warmup(), s.measure());
            return new Row(label, r);
        }
    }
}
