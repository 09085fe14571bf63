package io.jawait.benchmarks.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The load generator shared by every echo server: one thread, one NIO selector, a fixed number of
 * connections that each send a message of a fixed size, wait for all of it to come back, and send
 * again (closed loop, one request in flight per connection). Counts round trips and records their
 * latency during the measured window, after a warm-up.
 */
public final class EchoLoad {
    /**
     * @param requests round trips completed in the measured window
     * @param seconds length of the measured window
     */
    public record Result(long requests, double seconds, double p50Micros, double p99Micros, double maxMicros) {
        public double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private EchoLoad() {
    }

    /** Per connection: the message to send, the buffer its echo comes back into, and when it left. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in;
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

    public static Result run(InetSocketAddress server, int connections, int messageSize, Duration warmup,
            Duration measure) {
        Histogram latency = new Histogram(Duration.ofSeconds(10).toNanos(), 3);
        List<Conn> conns = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(server); // blocking connect, then non-blocking I/O
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                Conn c = new Conn(ch, messageSize);
                conns.add(c);
                ch.register(selector, SelectionKey.OP_READ, c);
            }
            long now = System.nanoTime();
            long measureFrom = now + warmup.toNanos();
            long end = measureFrom + measure.toNanos();
            long requests = 0;
            for (Conn c : conns) {
                send(c, selector, now);
            }
            // A window without a single answer measures nothing (a server JVM still starting on a loaded
            // machine): it is stretched, within a bound, until the first answer arrives.
            long latest = end + Duration.ofSeconds(30).toNanos();
            long windowEnd = end;
            while ((now = System.nanoTime()) < end || (requests == 0 && now < latest)) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        flush(c, key);
                    }
                    if (key.isValid() && key.isReadable()) {
                        if (c.channel.read(c.in) < 0) {
                            throw new IOException("the server closed a connection");
                        }
                        if (!c.in.hasRemaining()) {
                            now = System.nanoTime();
                            if (now >= measureFrom && (now < end || requests == 0)) {
                                latency.recordValue(Math.min(now - c.sentAt, latency.getHighestTrackableValue()));
                                requests++;
                                windowEnd = Math.max(windowEnd, now);
                            }
                            check(c);
                            send(c, selector, now);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            return new Result(requests, (windowEnd - measureFrom) / 1e9, latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3);
        } catch (IOException e) {
            throw new UncheckedIOException("echo load against " + server + " failed", e);
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

    private static void send(Conn c, Selector selector, long now) throws IOException {
        c.sentAt = now;
        c.in.clear();
        c.out.clear();
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private static void flush(Conn c, SelectionKey key) throws IOException {
        c.channel.write(c.out);
        if (!c.out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
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
}
