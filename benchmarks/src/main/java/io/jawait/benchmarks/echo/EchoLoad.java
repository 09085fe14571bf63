package io.jawait.benchmarks.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The load generator shared by every echo server: one thread, one NIO selector, a fixed number of
 * connections that each send a message of a fixed size, wait for all of it to come back, and send
 * again (closed loop, one request in flight per connection). Counts round trips and records their
 * latency during the measured window, after a warm-up, and reads the CPU time the server and the
 * generator itself spent in that window: when the generator is the bottleneck, requests/s says
 * more about the client than about the server, and the server's CPU per request is what still
 * compares servers fairly.
 */
public final class EchoLoad {
    /**
     * @param requests round trips completed in the measured window
     * @param seconds length of the measured window
     * @param serverCpuSeconds CPU time the server process used in the window (all its threads), NaN if unknown
     * @param clientCpuSeconds CPU time of the generator's thread in the window, NaN if unknown
     */
    public record Result(long requests, double seconds, double p50Micros, double p99Micros, double maxMicros,
            double serverCpuSeconds, double clientCpuSeconds) {
        public double requestsPerSecond() {
            return requests / seconds;
        }

        /** Server CPU time per round trip; NaN if unknown or too small to read (below one clock tick). */
        public double serverCpuMicrosPerRequest() {
            return serverCpuSeconds > 0 ? serverCpuSeconds * 1e6 / requests : Double.NaN;
        }

        /** Round trips per second of server CPU: the server's throughput if it had one core to itself and no other cap. */
        public double requestsPerServerCpuSecond() {
            return serverCpuSeconds > 0 ? requests / serverCpuSeconds : Double.NaN;
        }

        /** Fraction of one core the server used during the window (above 1 with several busy threads). */
        public double serverCores() {
            return serverCpuSeconds / seconds;
        }

        /** Fraction of one core the generator's thread used during the window: near 1, the generator is the cap. */
        public double clientCores() {
            return clientCpuSeconds / seconds;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Per connection: the message to send, the buffer its echo comes back into, and when it left. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in;
        SelectionKey key;
        long sentAt;

        Conn(SocketChannel channel, int size) {
            this.channel = channel;
            this.out = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < size; i++) {
                out.put((byte) ('a' + i % 26));
            }
            this.in = ByteBuffer.allocateDirect(size);
        }
    }

    private final Histogram latency = new Histogram(Duration.ofSeconds(10).toNanos(), 3);
    private boolean measuring;
    private long requests;

    private EchoLoad() {
    }

    /**
     * Drives {@code server} for {@code warmup}, then measures for {@code measure}; {@code serverCpuNanos}
     * reads the server's CPU time so far (negative if it cannot).
     */
    public static Result run(InetSocketAddress server, int connections, int messageSize, Duration warmup,
            Duration measure, LongSupplier serverCpuNanos) {
        return new EchoLoad().drive(server, connections, messageSize, warmup, measure, serverCpuNanos);
    }

    private Result drive(InetSocketAddress server, int connections, int messageSize, Duration warmup, Duration measure,
            LongSupplier serverCpuNanos) {
        List<Conn> conns = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(server); // blocking connect, then non-blocking I/O
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                Conn c = new Conn(ch, messageSize);
                conns.add(c);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
            }
            long now = System.nanoTime();
            long measureFrom = now + warmup.toNanos();
            long end = measureFrom + measure.toNanos();
            // A window without a single answer measures nothing (a server JVM still starting on a loaded
            // machine): it is stretched, within a bound, until the first answer arrives.
            long latest = end + Duration.ofSeconds(30).toNanos();
            long windowStart = 0;
            long serverCpuStart = -1;
            long clientCpuStart = -1;
            for (Conn c : conns) {
                send(c, now);
            }
            while (true) {
                now = System.nanoTime();
                if (!measuring && now >= measureFrom) {
                    measuring = true;
                    windowStart = now;
                    serverCpuStart = serverCpuNanos.getAsLong();
                    clientCpuStart = threadCpuNanos();
                }
                if (measuring && now >= end && (requests > 0 || now >= latest)) {
                    break;
                }
                selector.select(this::ready, 100);
            }
            long serverCpuEnd = serverCpuNanos.getAsLong();
            long clientCpuEnd = threadCpuNanos();
            return new Result(requests, (now - windowStart) / 1e9, latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3,
                    cpuSeconds(serverCpuStart, serverCpuEnd), cpuSeconds(clientCpuStart, clientCpuEnd));
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("echo load against " + server + " failed",
                    e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        } finally {
            for (Conn c : conns) {
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** One selected connection: finish sending, or take in its echo and, when complete, send again. */
    private void ready(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        try {
            if (key.isWritable()) {
                flush(c);
            }
            if (key.isReadable()) {
                if (c.channel.read(c.in) < 0) {
                    throw new IOException("the server closed a connection");
                }
                if (!c.in.hasRemaining()) {
                    long now = System.nanoTime();
                    if (measuring) {
                        latency.recordValue(Math.min(now - c.sentAt, latency.getHighestTrackableValue()));
                        requests++;
                    }
                    check(c);
                    send(c, now);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(Conn c, long now) throws IOException {
        c.sentAt = now;
        c.in.clear();
        c.out.clear();
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private static void flush(Conn c) throws IOException {
        c.channel.write(c.out);
        if (!c.out.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** An echo server that answers with the wrong bytes would make every figure meaningless. */
    private static void check(Conn c) throws IOException {
        c.in.flip();
        c.out.rewind();
        if (!c.in.equals(c.out)) {
            throw new IOException("the echo differs from what was sent");
        }
    }

    private static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private static double cpuSeconds(long start, long end) {
        return start < 0 || end < 0 ? Double.NaN : (end - start) / 1e9;
    }
}
