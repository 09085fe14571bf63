package io.jawait.benchmarks.echo;

import java.io.IOException;
import java.util.List;

/**
 * Child-process entry point of the echo benchmark: {@code EchoServers <kind> [loops] [work]} starts
 * the server on 127.0.0.1 with an ephemeral port, prints {@code PORT <n>}, and serves until its
 * standard input closes (the suite closes it, or dies). Kinds: {@code jawait} (one loop, no group),
 * {@code jawait-group} and {@code netty} ({@code loops} event loops, default 1), {@code virtual}
 * (a virtual thread per connection on the default scheduler). {@code work}: iterations of
 * {@link RequestWork} per message read (default 0), for jawait and Netty.
 */
public final class EchoServers {
    private EchoServers() {
    }

    /** The servers of the single-loop comparison, in the order the report lists them. */
    public static List<String> kinds() {
        return List.of("jawait", "netty", "virtual");
    }

    static EchoServer start(String kind, int loops, int work) throws Exception {
        switch (kind) {
            case "jawait":
                return new JawaitEchoServer(work);
            case "jawait-group":
                return new JawaitEchoServer(loops, work);
            case "netty":
                return new NettyEchoServer(loops, work);
            case "virtual":
                return new VirtualThreadEchoServer();
            default:
                throw new IllegalArgumentException("unknown echo server " + kind + "; use jawait, jawait-group, netty or virtual");
        }
    }

    public static void main(String[] args) throws Exception {
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int work = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        try (EchoServer server = start(args[0], loops, work)) {
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
