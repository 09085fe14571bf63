package io.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.EventLoopGroup;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.internal.Promise;
import io.jawait.io.LoopDriver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A TcpServer that accepts on the test thread's loop and serves its connections on the loops of a
 * group of two.
 */
@Timeout(60)
class TcpGroupTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);
    private LoopDriver driver;
    private EventLoopGroup group;
    private final List<String> unhandled = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() {
        driver = new LoopDriver();
        driver.loop().setUnhandledErrorHandler((name, e) -> unhandled.add("acceptor: " + e.getMessage()));
        group = new EventLoopGroup("srv", 2);
        group.setUnhandledErrorHandler((name, e) -> unhandled.add(Thread.currentThread().getName() + ": " + e.getMessage()));
    }

    @AfterEach
    void tearDown() {
        group.close();
        driver.close();
    }

    private <T> T run(Task<T> task) {
        return driver.run(task);
    }

    /** Sends the name of the thread serving the connection, then echoes lines in upper case. */
    static Task<Void> nameThenEcho(TcpStream stream) throws IOException {
        stream.write(Thread.currentThread().getName() + "\n");
        return TcpTest.upperEcho(stream);
    }

    private void waitForConnections(TcpServer server, int count) {
        while (server.connectionCount() != count) {
            run(Tasks.sleep(1));
        }
    }

    @Test
    void eachConnectionGoesToTheLoopServingTheFewestAndInTurnAmongEquals() throws IOException {
        TcpServer server = TcpServer.start(ANY_LOCAL, TcpServer.options().loops(group), TcpGroupTest::nameThenEcho);
        List<TcpStream> clients = new ArrayList<>();
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TcpStream c = run(TcpStream.connect(server.address()));
            clients.add(c);
            servedBy.add(run(c.readLine(100)));
        }
        assertEquals(List.of("srv-0", "srv-1", "srv-0", "srv-1"), servedBy);
        waitForConnections(server, 4);
        clients.get(0).close();
        clients.get(2).close();
        waitForConnections(server, 2);
        for (int i = 0; i < 2; i++) {
            TcpStream c = run(TcpStream.connect(server.address()));
            clients.add(c);
            servedBy.add(run(c.readLine(100)));
        }
        assertEquals(List.of("srv-0", "srv-0"), servedBy.subList(4, 6), "srv-0 served none, srv-1 two");
        List<TcpStream> open = List.of(clients.get(1), clients.get(3), clients.get(4), clients.get(5));
        for (TcpStream c : open) {
            c.write("hello\n");
            assertEquals("HELLO", run(c.readLine(100)));
        }
        run(server.closeAsync());
        assertEquals(0, server.connectionCount());
        for (TcpStream c : open) {
            assertNull(run(c.readLine(100)), "closed by the loop that served it");
            c.close();
        }
        assertEquals(List.of(), unhandled);
    }

    @Test
    void aStreamBelongsToTheLoopServingItAndClosingTheServerCancelsItsHandlerThere() throws IOException {
        List<TcpStream> streams = Collections.synchronizedList(new ArrayList<>());
        List<Promise<Void>> handlers = Collections.synchronizedList(new ArrayList<>());
        TcpServer server = TcpServer.start(ANY_LOCAL, TcpServer.options().loops(group), stream -> {
            Promise<Void> pending = new Promise<>();
            streams.add(stream);
            handlers.add(pending);
            return pending;
        });
        TcpStream client = run(TcpStream.connect(server.address()));
        waitForConnections(server, 1);
        while (streams.isEmpty()) {
            run(Tasks.sleep(1));
        }
        IllegalStateException misuse = assertThrows(IllegalStateException.class, () -> streams.get(0).write("x"));
        assertTrue(misuse.getMessage().contains("belongs to the event loop of thread 'srv-0' and cannot be used from the event"
                + " loop of thread '" + Thread.currentThread().getName() + "'"), misuse.getMessage());
        run(server.closeAsync());
        assertTrue(handlers.get(0).isCancelled());
        assertEquals(0, server.connectionCount());
        assertNull(run(client.readLine(100)));
        client.close();
        assertEquals(List.of(), unhandled);
    }

    @Test
    void handlerFailuresAreReportedByTheLoopThatServedThem() throws IOException {
        TcpServer server = TcpServer.start(ANY_LOCAL, TcpServer.options().loops(group), stream -> {
            throw new IllegalStateException("handler on " + Thread.currentThread().getName() + " threw");
        });
        for (int i = 0; i < 2; i++) {
            TcpStream c = run(TcpStream.connect(server.address()));
            assertNull(run(c.readLine(10)));
            c.close();
        }
        waitForConnections(server, 0);
        while (unhandled.size() < 2) {
            run(Tasks.sleep(1));
        }
        assertEquals(List.of("srv-0: handler on srv-0 threw", "srv-1: handler on srv-1 threw"), unhandled);
        server.close();
    }

    @Test
    void shutdownWaitsForTheHandlersOfEveryLoop() throws IOException {
        TcpServer server = TcpServer.start(ANY_LOCAL, TcpServer.options().loops(group), TcpGroupTest::nameThenEcho);
        TcpStream a = run(TcpStream.connect(server.address()));
        TcpStream b = run(TcpStream.connect(server.address()));
        assertEquals("srv-0", run(a.readLine(100)));
        assertEquals("srv-1", run(b.readLine(100)));
        Task<Void> stopped = server.shutdown(Duration.ofMinutes(1));
        assertFalse(server.isAccepting());
        run(a.shutdownOutput());
        assertNull(run(a.readLine(100)));
        assertFalse(stopped.isDone(), "b's handler still runs on srv-1");
        run(b.shutdownOutput());
        run(stopped);
        assertEquals(0, server.connectionCount());
        a.close();
        b.close();
        assertEquals(List.of(), unhandled);
    }
}
