package io.jawait.examples.net;

import static io.jawait.Tasks.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.internal.LoopCore;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streams and servers as resources of try-with-resources in @Async code (AsyncCloseable). */
@Timeout(60)
class TcpResourcesTest {

    @Async
    static Task<Void> countBytes(TcpStream client, List<String> log) throws IOException {
        byte[] all = await(client.readAll(64 << 20));
        log.add("server got " + all.length + " bytes");
        return Task.done();
    }

    @Async
    @SuppressWarnings("jawait-dropped-task")   // the write is not awaited on purpose: close must flush it
    static Task<List<String>> sendThroughResources() throws Exception {
        List<String> log = new ArrayList<>();
        try (TcpServer server = TcpServer.start(new InetSocketAddress("127.0.0.1", 0), c -> countBytes(c, log))) {
            try (TcpStream stream = await(TcpStream.connect("127.0.0.1", server.port()))) {
                stream.write(new byte[32 << 20]);   // not awaited: mostly queued, flushed by the awaited close
                log.add("queued more than 1 MB: " + (stream.writeBufferSize() > (1 << 20)));
            }
            log.add("client closed");
            while (!log.contains("server got 33554432 bytes")) {
                await(Tasks.sleep(1));
            }
        }
        log.add("server closed, accepting: false");
        await(Tasks.sleep(1));
        log.add("channels: " + LoopCore.currentOrNull().channelCount());
        return Task.of(log);
    }

    @Test
    void tryWithResourcesAwaitsTheFlushAndClose() {
        List<String> log = Tasks.run(() -> {
            try {
                return Tasks.withTimeout(60_000, sendThroughResources());
            } catch (Exception e) {
                return Task.failed(e);
            }
        });
        assertEquals(List.of("queued more than 1 MB: true", "client closed", "server got 33554432 bytes",
                "server closed, accepting: false", "channels: 0"), log);
    }
}
