package io.jawait.benchmarks.fairness;

import static io.jawait.Tasks.await;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.benchmarks.ServerOnLoop;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A jawait server on one loop thread whose connections say in their first byte what they want:
 * {@code U} streams bytes in (the server reads and drops them), {@code D} asks for a stream of
 * bytes out (8-byte length first), {@code P} pings (each byte is echoed).
 */
final class StreamingServer implements AutoCloseable {
    private final ServerOnLoop server;

    StreamingServer() throws Exception {
        server = ServerOnLoop.onOwnThread("jawait-streaming",
                () -> TcpServer.start(new InetSocketAddress("127.0.0.1", 0), StreamingServer::handle));
    }

    int port() throws Exception {
        return server.port();
    }
    @Async
    static Task<Void> handle(TcpStream client) {
        try {
            byte[] kind = await(client.readExactly(1));
            if (kind[0] == 'U') {
                ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024); // as the echo benchmark reads
                while (await(client.read(buffer.clear())) >= 0) {
                    // dropped
                }
            } else if (kind[0] == 'D') {
                long left = ByteBuffer.wrap(await(client.readExactly(8))).getLong();
                ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
                while (left > 0) {
                    int n = (int) Math.min(left, chunk.capacity());
                    await(client.write(chunk.clear().limit(n)));
                    left -= n;
                }
                await(client.drain());
            } else {
                ByteBuffer one = ByteBuffer.allocate(1);
                while (await(client.read(one.clear())) >= 0) {
                    await(client.write(one.flip()));
                }
            }
        } catch (IOException e) {
            // the client went away
        }
        client.close();
        return Task.done();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
