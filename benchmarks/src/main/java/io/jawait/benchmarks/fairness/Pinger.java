package io.jawait.benchmarks.fairness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.HdrHistogram.Histogram;

/** A plain blocking client that makes one-byte round trips, one per millisecond, until told to stop. */
final class Pinger implements Runnable {
    private final int port;
    private final Histogram roundTrips;
    private volatile boolean stop;
    private volatile IOException failure;

    Pinger(int port, Histogram roundTrips) {
        this.port = port;
        this.roundTrips = roundTrips;
    }

    void stop() {
        stop = true;
    }

    IOException failure() {
        return failure;
    }

    @Override
    public void run() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write('P');
            while (!stop) {
                long start = System.nanoTime();
                out.write(1);
                if (in.read() < 0) {
                    throw new IOException("the server closed the ping connection");
                }
                long took = System.nanoTime() - start;
                synchronized (roundTrips) {
                    roundTrips.recordValue(Math.min(took, roundTrips.getHighestTrackableValue()));
                }
                Thread.sleep(1);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
