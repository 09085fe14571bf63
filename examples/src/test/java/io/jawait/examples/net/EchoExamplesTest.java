package io.jawait.examples.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EchoExamplesTest {

    @Test
    void manyConcurrentClientsGetTheirOwnBytesBack() throws Exception {
        long filesBefore = OpenFiles.open();
        try (EchoServer server = EchoServer.start(0)) {
            long bytes = Tasks.run(() -> Tasks.withTimeout(60_000, EchoClients.run(server.port(), 100, 20)));
            long expected = 0;
            for (int id = 0; id < 100; id++) {
                for (int i = 0; i < 20; i++) {
                    expected += ("client " + id + " message " + i).length() + 1;
                }
            }
            assertEquals(expected, bytes);
        }
        assertTrue(OpenFiles.open() <= filesBefore + 3, "the server and its loop closed their sockets");
    }

    @Test
    void echoServerEchoesArbitraryBytesToABlockingClient() throws IOException {
        try (EchoServer server = EchoServer.start(0);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] payload = new byte[1 << 20];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 7);
            }
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(payload);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            InputStream in = socket.getInputStream();
            byte[] back = in.readAllBytes();   // the server closes after our half-close
            assertEquals(payload.length, back.length);
            assertTrue(java.util.Arrays.equals(payload, back));
        }
    }

    @Test
    void closedServerRefusesConnections() throws IOException {
        int port;
        try (EchoServer server = EchoServer.start(0)) {
            port = server.port();
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals('p', s.getInputStream().read());
            }
        }
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void startingOnAPortInUseFailsWithTheReason() throws IOException {
        try (EchoServer first = EchoServer.start(0)) {
            IOException e = assertThrows(IOException.class, () -> EchoServer.start(first.port()));
            assertTrue(e.getMessage().startsWith("cannot listen on "), e.getMessage());
        }
    }
}
