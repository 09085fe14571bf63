package io.jawait.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.io.LoopDriver;
import io.jawait.Task;
import io.jawait.Tasks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 0);
    private LoopDriver driver;

    @BeforeEach
    void setUp() {
        driver = new LoopDriver();
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private <T> Task<T> settle(Task<T> task) {
        return driver.settle(task);
    }

    private <T> T run(Task<T> task) {
        return driver.run(task);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void datagramsGoBothWaysWithTheirSender() throws IOException {
        UdpSocket server = UdpSocket.bind(LOCAL);
        UdpSocket client = UdpSocket.bind(LOCAL);
        Task<UdpSocket.Datagram> pending = server.receive(100);
        assertFalse(pending.isDone());
        run(client.send(bytes("ping"), server.localAddress()));
        UdpSocket.Datagram request = run(pending);
        assertArrayEquals(bytes("ping"), request.data());
        assertEquals(client.localAddress(), request.sender());
        run(server.send(bytes("pong"), request.sender()));
        assertArrayEquals(bytes("pong"), run(client.receive(100)).data());
        server.close();
        client.close();
        assertEquals(0, driver.channelsAfterASelect());
    }

    @Test
    void aHundredDatagramsInOrderOnLoopback() throws IOException {
        UdpSocket a = UdpSocket.bind(LOCAL);
        UdpSocket b = UdpSocket.bind(LOCAL);
        for (int i = 0; i < 100; i++) {
            run(a.send(bytes("message " + i), b.localAddress()));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals("message " + i, new String(run(b.receive(100)).data(), StandardCharsets.UTF_8));
        }
        a.close();
        b.close();
    }

    @Test
    void longDatagramsAreTruncatedToMaxSize() throws IOException {
        UdpSocket a = UdpSocket.bind(LOCAL);
        UdpSocket b = UdpSocket.bind(LOCAL);
        run(a.send(bytes("0123456789"), b.localAddress()));
        assertArrayEquals(bytes("0123"), run(b.receive(4)).data());
        a.close();
        b.close();
    }

    @Test
    void receiveTimeoutLeavesTheSocketUsable() throws Exception {
        UdpSocket a = UdpSocket.bind(LOCAL);
        UdpSocket b = UdpSocket.bind(LOCAL);
        Task<UdpSocket.Datagram> timed = settle(Tasks.withTimeout(20, b.receive(100)));
        assertInstanceOf(TimeoutException.class, timed.exceptionNow());
        run(a.send(bytes("late"), b.localAddress()));
        assertArrayEquals(bytes("late"), run(b.receive(100)).data());
        a.close();
        b.close();
    }

    @Test
    void oneReceiveAtATimeAndCloseFailsThePendingOne() throws IOException {
        UdpSocket s = UdpSocket.bind(LOCAL);
        Task<UdpSocket.Datagram> pending = s.receive(10);
        assertThrows(IllegalStateException.class, () -> s.receive(10));
        s.close();
        assertInstanceOf(AsynchronousCloseException.class, pending.exceptionNow());
        assertInstanceOf(java.nio.channels.ClosedChannelException.class, s.receive(10).exceptionNow());
        assertTrue(s.send(new byte[1], LOCAL).isFailed());
        assertFalse(s.isOpen());
    }
}
