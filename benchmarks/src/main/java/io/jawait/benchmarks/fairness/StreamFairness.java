package io.jawait.benchmarks.fairness;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Fairness under a stream (issue 11): while one client streams bytes into a jawait server on one
 * loop, and then out of it, other connections to the same loop make one-byte round trips; prints
 * the p50, p99 and max of those round trips for each direction. A loop that lets a task whose
 * reads or writes keep completing at once run without yielding shows it here as round trips as
 * long as the stream.
 *
 * <p>{@code java -cp ... io.jawait.benchmarks.fairness.StreamFairness [gigabytes] [pingers]}
 * (defaults: 2 and 4).
 */
public final class StreamFairness {
    private static final int CHUNK = 64 * 1024;

    private StreamFairness() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = (long) (Double.parseDouble(args.length > 0 ? args[0] : "2") * (1L << 30));
        int pingers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (StreamingServer server = new StreamingServer()) {
            measure("upload  ", server.port(), pingers, bytes, () -> upload(server.port(), bytes));
            measure("download", server.port(), pingers, bytes, () -> download(server.port(), bytes));
        }
    }

    interface Stream {
        void run() throws Exception;
    }

    private static void measure(String what, int port, int pingers, long bytes, Stream stream) throws Exception {
        Histogram roundTrips = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
        List<Pinger> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < pingers; i++) {
            Pinger p = new Pinger(port, roundTrips);
            clients.add(p);
            Thread t = new Thread(p, "pinger-" + i);
            threads.add(t);
            t.start();
        }
        Thread.sleep(200); // the pingers connect and warm up before the stream starts
        synchronized (roundTrips) {
            roundTrips.reset();
        }
        long start = System.nanoTime();
        stream.run();
        long took = System.nanoTime() - start;
        clients.forEach(Pinger::stop);
        for (Thread t : threads) {
            t.join();
        }
        for (Pinger p : clients) {
            if (p.failure() != null) {
                throw p.failure();
            }
        }
        System.out.printf("%s %.1f GiB in %.1f s (%.0f MiB/s); %d round trips of %d other connections:"
                        + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                what, bytes / (double) (1L << 30), took / 1e9, bytes / (took / 1e9) / (1 << 20),
                roundTrips.getTotalCount(), pingers, roundTrips.getValueAtPercentile(50) / 1e6,
                roundTrips.getValueAtPercentile(99) / 1e6, roundTrips.getMaxValue() / 1e6);
    }

    private static void upload(int port, long bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write('U');
            byte[] chunk = new byte[CHUNK];
            for (long left = bytes; left > 0; left -= CHUNK) {
                out.write(chunk, 0, (int) Math.min(left, CHUNK));
            }
            socket.shutdownOutput();
            if (socket.getInputStream().read() >= 0) {
                throw new IllegalStateException("the server answered an upload");
            }
        }
    }

    private static void download(int port, long bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write('D');
            out.writeLong(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[CHUNK];
            long received = 0;
            for (int n; (n = in.read(chunk)) >= 0; ) {
                received += n;
            }
            if (received != bytes) {
                throw new IllegalStateException("received " + received + " of " + bytes + " bytes");
            }
        }
    }
}
