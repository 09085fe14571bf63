package io.jawait.examples.net;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.withTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.net.UdpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A UDP echo server and clients as @Async code on one loop. */
@Timeout(60)
class UdpUsageTest {

    @Async
    static Task<Void> echoForever(UdpSocket server) throws IOException {
        while (true) {
            UdpSocket.Datagram d = await(server.receive(1500));
            String text = new String(d.data(), StandardCharsets.UTF_8);
            await(server.send(text.toUpperCase().getBytes(StandardCharsets.UTF_8), d.sender()));
        }
    }

    @Async
    static Task<String> ask(InetSocketAddress server, String question) throws IOException, TimeoutException {
        try (UdpSocket client = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            await(client.send(question.getBytes(StandardCharsets.UTF_8), server));
            return Task.of(new String(await(withTimeout(10_000, client.receive(1500))).data(), StandardCharsets.UTF_8));
        }
    }

    @Async
    static Task<List<String>> scenario() throws IOException, TimeoutException {
        UdpSocket server = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
        Task<Void> echo = echoForever(server);
        List<Task<String>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(ask(server.localAddress(), "question " + i));
        }
        List<String> all = await(gather(answers));
        echo.cancel();
        try {
            await(echo);
        } catch (CancellationException expected) {
            // the server loop was waiting in receive
        }
        server.close();
        return Task.of(all);
    }

    @Test
    void twentyClientsGetTheirOwnAnswers() throws TimeoutException {
        List<String> answers = Tasks.run(() -> {
            try {
                return Tasks.withTimeout(30_000, scenario());
            } catch (IOException e) {
                return Task.failed(e);
            }
        });
        for (int i = 0; i < 20; i++) {
            assertEquals("QUESTION " + i, answers.get(i));
        }
    }
}
