package io.jawait.benchmarks.echo;

import java.io.IOException;
import java.util.List;

/**
 * Child-process entry point of the echo benchmark: {@code EchoServers <jawait|netty|virtual>} starts the
 * server on 127.0.0.1 with an ephemeral port, prints {@code PORT <n>}, and serves until its
 * standard input closes (the suite closes it, or dies).
 */
public final class EchoServers {
    private EchoServers() {
    }

    /** The servers this JVM can start, in the order the report lists them. */
    public static List<String> kinds() {
        return List.of("jawait", "netty", "virtual");
    }

    static EchoServer start(String kind) throws Exception {
        switch (kind) {
            case "jawait":
                return new JawaitEchoServer();
            case "netty":
                return new NettyEchoServer();
            case "virtual":
                return new VirtualThreadEchoServer();
            default:
                throw new IllegalArgumentException("unknown echo server " + kind + "; use jawait, netty or virtual");
        }
    }

    public static void main(String[] args) throws Exception {
        try (EchoServer server = start(args[0])) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the suite closes our input
            }
        } catch (IOException e) {
            System.err.println("echo server stopped: " + e);
        }
    }
}
