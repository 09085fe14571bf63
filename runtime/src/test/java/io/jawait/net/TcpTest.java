package io.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.io.LoopDriver;
import io.jawait.internal.Promise;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousCloseException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP on 127.0.0.1, driven step by step from the test thread (which owns the loop). Handlers are
 * written with callbacks here; the @Async versions live in the examples module's tests.
 */
@Timeout(30)
class TcpTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);
    private LoopDriver driver;
    private final List<Throwable> unhandled = new ArrayList<>();

    @BeforeEach
    void setUp() {
        driver = new LoopDriver();
        driver.loop().setUnhandledErrorHandler((name, e) -> unhandled.add(e));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private <T> T run(Task<T> task) {
        return driver.run(task);
    }

    private void settle(Task<?> task) {
        driver.settle(task);
    }

    private int channelsAfterASelect() {
        return driver.channelsAfterASelect();
    }

    /** Accepts one connection on another thread (the peer is plain blocking java.net code). */
    private static CompletableFuture<Socket> acceptOnAThread(ServerSocket peer) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return peer.accept();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** Echoes lines in upper case until the end of the stream, with callbacks. */
    static Task<Void> upperEcho(TcpStream stream) {
        Promise<Void> done = new Promise<>();
        new Runnable() {
            @Override
            public void run() {
                try {
                    stream.readLine(1000).onComplete((line, e) -> {
                        if (e != null) {
                            done.fail(e);
                        } else if (line == null) {
                            done.complete(null);
                        } else {
                            try {
                                stream.write(line.toUpperCase() + "\n").onComplete((v, e2) -> {
                                    if (e2 != null) {
                                        done.fail(e2);
                                    } else {
                                        run();
                                    }
                                });
                            } catch (IOException declaredOnly) {
                                done.fail(declaredOnly);   // a write fails through its task, never here
                            }
                        }
                    });
                } catch (IOException declaredOnly) {
                    done.fail(declaredOnly);   // a read fails through its task, never here
                }
            }
        }.run();
        return done;
    }

    @Test
    void clientAndServerExchangeLinesAndEverythingIsClosedAfterwards() throws IOException {
        TcpServer server = TcpServer.start(ANY_LOCAL, TcpTest::upperEcho);
        TcpStream client = run(TcpStream.connect("127.0.0.1", server.port()));
        assertEquals(server.port(), client.remoteAddress().getPort());
        for (int i = 0; i < 20; i++) {
            client.write("hello " + i + "\n");
            assertEquals("HELLO " + i, run(client.readLine(100)));
        }
        assertEquals(1, server.connectionCount());
        run(client.shutdownOutput());
        assertNull(run(client.readLine(100)), "server closed after its handler ended");
        client.close();
        assertEquals(0, server.connectionCount());
        run(server.shutdown(Duration.ofSeconds(5)));
        assertEquals(0, channelsAfterASelect());
        assertEquals(List.of(), unhandled);
    }

    @Test
    void connectRefusedNamesTheAddress() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Task<TcpStream> t = TcpStream.connect("127.0.0.1", port);
        settle(t);
        ConnectException e = assertInstanceOf(ConnectException.class, t.exceptionNow());
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port + ": "), e.getMessage());
        assertEquals(0, channelsAfterASelect());
    }

    @Test
    void cancellingAConnectClosesItsSocket() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Task<TcpStream> t = TcpStream.connect("127.0.0.1", s.getLocalPort());
            if (!t.isDone()) {
                assertTrue(t.cancel());
                assertTrue(t.isCancelled());
            } else {
                t.join().abort();
            }
            assertEquals(0, channelsAfterASelect());
        }
    }

    @Test
    void connectByHostNameResolvesOffTheLoop() throws IOException {
        TcpServer server = TcpServer.start(ANY_LOCAL, TcpTest::upperEcho);
        TcpStream client = run(TcpStream.connect(InetSocketAddress.createUnresolved("localhost", server.port())));
        client.write("x\n");
        assertEquals("X", run(client.readLine(10)));
        client.close();
        server.close();
    }

    @Test
    void halfCloseLetsThePeerSeeTheEndWhileWeStillRead() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peerDone = CompletableFuture.runAsync(() -> {
                try (Socket s = peer.accept()) {
                    byte[] all = s.getInputStream().readAllBytes();   // until our half-close
                    s.getOutputStream().write(("got " + all.length + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            TcpStream client = run(TcpStream.connect("127.0.0.1", peer.getLocalPort()));
            client.write("abc");
            run(client.shutdownOutput());
            assertInstanceOf(IllegalStateException.class, client.write("more").exceptionNow());
            assertEquals("got 3", run(client.readLine(100)));
            assertNull(run(client.readLine(100)));
            client.close();
            peerDone.join();
        }
    }

    @Test
    void writerFeelsBackPressureFromAPeerThatDoesNotRead() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = acceptOnAThread(peer);
            TcpStream client = run(TcpStream.connect("127.0.0.1", peer.getLocalPort()));
            byte[] chunk = new byte[16 * 1024];
            long written = 0;
            Task<Void> suspended = null;
            for (int i = 0; i < 10_000 && suspended == null; i++) {   // kernel buffers fill within a few MB
                Task<Void> w = client.write(chunk);
                written += chunk.length;
                if (!w.isDone()) {
                    suspended = w;
                }
            }
            assertTrue(suspended != null, "the writer was never suspended");
            assertTrue(client.writeBufferSize() > 64 * 1024, "queued " + client.writeBufferSize());
            assertTrue(client.writeBufferSize() <= 64 * 1024 + chunk.length, "queued " + client.writeBufferSize());
            long expected = written;
            Socket s = accepted.join();
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                try (s; InputStream in = s.getInputStream()) {
                    long n = 0;
                    byte[] buf = new byte[65536];
                    for (int r; (r = in.read(buf)) > 0; ) {
                        n += r;
                    }
                    return n;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            run(suspended);
            run(client.drain());
            client.close();
            assertEquals(expected, reader.join());
        }
    }

    @Test
    void peerResetFailsTheWriterAndClosesTheStream() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> resetter = CompletableFuture.runAsync(() -> {
                try {
                    Socket s = peer.accept();
                    s.getInputStream().read();
                    s.setSoLinger(true, 0);   // close with RST
                    s.close();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            TcpStream client = run(TcpStream.connect("127.0.0.1", peer.getLocalPort()));
            Task<String> read = client.readLine(10);
            byte[] chunk = new byte[64 * 1024];
            Task<Void> failed = null;
            client.write(chunk);
            resetter.join();
            for (int i = 0; i < 1000 && failed == null; i++) {
                Task<Void> w = client.write(chunk);
                settle(w);
                if (w.isFailed()) {
                    failed = w;
                }
            }
            assertTrue(failed != null, "writes never failed after the peer reset");
            assertInstanceOf(IOException.class, failed.exceptionNow());
            settle(read);
            assertTrue(read.isFailed(), "the pending read fails too: " + read);
            assertFalse(client.isOpen());
            assertEquals(0, channelsAfterASelect());
        }
    }

    @Test
    void closeFailsAPendingReadAndFlushesQueuedOutput() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = peer.accept()) {
                    return s.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            TcpStream client = run(TcpStream.connect("127.0.0.1", peer.getLocalPort()));
            Task<String> read = client.readLine(10);
            byte[] big = new byte[4 << 20];
            big[big.length - 1] = 42;
            client.write(big);
            client.close();
            assertInstanceOf(AsynchronousCloseException.class, read.exceptionNow());
            assertFalse(client.isOpen());
            while (!received.isDone()) {
                run(Tasks.sleep(1));
            }
            assertEquals(big.length, received.join().length);
            assertEquals(42, received.join()[big.length - 1]);
            assertEquals(0, channelsAfterASelect());
        }
    }

    @Test
    void closeAsyncCompletesOnceFlushedAndClosed() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = acceptOnAThread(peer);
            TcpStream client = run(TcpStream.connect("127.0.0.1", peer.getLocalPort()));
            byte[] big = new byte[8 << 20];
            client.write(big);
            Task<Void> closed = client.closeAsync();
            assertFalse(closed.isDone(), "8 MB cannot have been flushed to a peer that did not read yet");
            Socket s = accepted.join();
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
                try (s) {
                    return s.getInputStream().readAllBytes().length;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            run(closed);
            assertEquals(big.length, reader.join());
            assertTrue(client.closeAsync().isDone(), "already closed");
        }
    }

    @Test
    void serverCloseAsyncWaitsForItsCancelledHandlers() throws IOException {
        List<String> events = new ArrayList<>();
        TcpServer server = TcpServer.start(ANY_LOCAL, stream -> {
            Promise<Void> p = new Promise<>();
            p.onComplete((v, e) -> events.add("handler ended: " + e.getClass().getSimpleName()));
            return p;
        });
        TcpStream client = run(TcpStream.connect(server.address()));
        while (server.connectionCount() < 1) {
            run(Tasks.sleep(1));
        }
        run(server.closeAsync());
        assertEquals(List.of("handler ended: CancellationException"), events);
        assertEquals(0, server.connectionCount());
        client.close();
        assertEquals(0, channelsAfterASelect());
    }

    @Test
    void maxConnectionsMakesFurtherClientsWaitInTheBacklog() throws IOException {
        List<Promise<Void>> running = new ArrayList<>();
        TcpServer server = TcpServer.start(ANY_LOCAL, TcpServer.options().maxConnections(2), stream -> {
            Promise<Void> p = new Promise<>();
            running.add(p);
            return p;
        });
        List<TcpStream> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(run(TcpStream.connect(server.address())));   // the kernel completes the handshake
        }
        for (int i = 0; i < 20; i++) {
            run(Tasks.sleep(1));
        }
        assertEquals(2, running.size());
        assertEquals(2, server.connectionCount());
        running.get(0).complete(null);
        while (running.size() < 3) {
            run(Tasks.sleep(1));
        }
        assertEquals(2, server.connectionCount());
        server.close();
        assertTrue(running.get(1).isCancelled() && running.get(2).isCancelled());
        for (TcpStream c : clients) {
            assertNull(run(c.readLine(10)), "the server closed every connection");
            c.close();
        }
        assertEquals(0, channelsAfterASelect());
    }

    @Test
    void failingHandlersAreReportedAndTheServerGoesOn() throws IOException {
        int[] calls = {0};
        TcpServer server = TcpServer.start(ANY_LOCAL, stream -> {
            if (++calls[0] == 1) {
                throw new IllegalStateException("handler threw at once");
            }
            if (calls[0] == 2) {
                return Task.failed(new IOException("handler failed"));
            }
            return upperEcho(stream);
        });
        for (int i = 0; i < 2; i++) {
            TcpStream c = run(TcpStream.connect(server.address()));
            assertNull(run(c.readLine(10)));
            c.close();
        }
        TcpStream ok = run(TcpStream.connect(server.address()));
        ok.write("still here\n");
        assertEquals("STILL HERE", run(ok.readLine(100)));
        ok.close();
        assertEquals(2, unhandled.size());
        assertEquals("handler threw at once", unhandled.get(0).getMessage());
        assertEquals("handler failed", unhandled.get(1).getMessage());
        server.close();
        assertEquals(0, channelsAfterASelect());
    }

    @Test
    void shutdownWaitsForHandlersThenCancelsTheRestAfterTheGracePeriod() throws IOException {
        List<Promise<Void>> running = new ArrayList<>();
        TcpServer server = TcpServer.start(ANY_LOCAL, stream -> {
            Promise<Void> p = new Promise<>();
            running.add(p);
            return p;
        });
        TcpStream a = run(TcpStream.connect(server.address()));
        TcpStream b = run(TcpStream.connect(server.address()));
        while (running.size() < 2) {
            run(Tasks.sleep(1));
        }
        Task<Void> stopped = server.shutdown(Duration.ofMillis(200));
        assertFalse(server.isAccepting());
        Task<TcpStream> late = TcpStream.connect(server.address());
        settle(late);
        // refused, or reset if it reached the backlog before the selector released the listening socket
        assertTrue(late.exceptionNow().getMessage().startsWith("cannot connect to "), late.exceptionNow().toString());
        running.get(0).complete(null);
        assertFalse(stopped.isDone());
        run(stopped);
        assertTrue(running.get(1).isCancelled(), "cancelled once the grace period was over");
        assertNull(run(a.readLine(10)));
        assertNull(run(b.readLine(10)));
        a.close();
        b.close();
        assertEquals(0, channelsAfterASelect());
        assertEquals(List.of(), unhandled);
    }

    @Test
    void closingTheLoopClosesServersAndStreamsLeftOpen() throws IOException {
        TcpServer server = TcpServer.start(ANY_LOCAL, TcpTest::upperEcho);
        TcpStream client = run(TcpStream.connect(server.address()));
        client.write("x\n");
        assertEquals("X", run(client.readLine(10)));
        driver.close();
        assertTrue(unhandled.stream().allMatch(e -> e instanceof CancellationException), unhandled.toString());
        try (Socket probe = new Socket()) {
            assertThrows(ConnectException.class,
                    () -> probe.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000));
        }
    }

    private static void assertThrows(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(type, e);
    }
}
