package io.jawait.examples.net;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.withTimeout;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Many concurrent clients on one thread: opens {@code connections} connections to an
 * {@link EchoServer} (started here, on its own thread) and has each one send {@code messages}
 * lines and check the echo.
 * <pre>{@code java ... io.jawait.examples.net.EchoClients 500 20}</pre>
 */
public final class EchoClients {
    private EchoClients() {
    }

    /** One client: {@code messages} round trips, each checked; returns the bytes echoed. */
    @Async
    static Task<Integer> client(int port, int id, int messages) throws IOException, TimeoutException {
        int bytes = 0;
        // try-with-resources awaits closeAsync(): queued bytes are flushed, then the socket closes.
        try (TcpStream stream = await(withTimeout(5_000, TcpStream.connect("127.0.0.1", port)))) {
            for (int i = 0; i < messages; i++) {
                String line = "client " + id + " message " + i;
                await(stream.write(line + "\n"));
                String echoed = await(withTimeout(5_000, stream.readLine(1024)));
                if (!line.equals(echoed)) {
                    throw new IOException("client " + id + " sent '" + line + "' but got back '" + echoed + "'");
                }
                bytes += line.length() + 1;
            }
        }
        return Task.of(bytes);
    }

    /** All clients at once; completes with the total of echoed bytes. */
    @Async
    static Task<Long> run(int port, int connections, int messages) throws IOException, TimeoutException {
        List<Task<Integer>> clients = new ArrayList<>();
        for (int id = 0; id < connections; id++) {
            clients.add(client(port, id, messages));
        }
        long total = 0;
        for (int bytes : await(gather(clients))) {
            total += bytes;
        }
        return Task.of(total);
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (EchoServer server = EchoServer.start(0)) {
            long started = System.nanoTime();
            long bytes = Tasks.run(() -> run(server.port(), connections, messages));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%d connections x %d round trips: %d bytes echoed and checked in %.2f s%n",
                    connections, messages, bytes, seconds);
        }
    }
}
