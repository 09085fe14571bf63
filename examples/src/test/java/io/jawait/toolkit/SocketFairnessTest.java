package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.yieldNow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fairness budget on sockets: a connection whose reads keep completing at once (its peer has
 * already written everything) or whose writes never block still lets other ready tasks run after
 * at most 128 awaits. Counts interleavings, not time: a watcher task that yields in a loop records
 * how far the busy task got each time it runs.
 */
@Timeout(60)
class SocketFairnessTest {
    private static final int BUDGET = 128;
    /** Small enough to sit in the kernel's socket buffers at once on loopback. */
    private static final int BYTES = 32 * 1024;

    /** How far the busy task got; the loop's tasks share it on one thread. */
    private int progress;

    @Async
    Task<List<Integer>> watch(Task<?> busy) {
        List<Integer> seen = new ArrayList<>();
        while (!busy.isDone()) {
            seen.add(progress);
            await(yieldNow());
        }
        seen.add(progress);
        return Task.of(seen);
    }

    @Async
    Task<byte[]> readOneByteAtATime(TcpStream stream) throws IOException {
        byte[] got = new byte[BYTES];
        ByteBuffer one = ByteBuffer.allocate(1);
        while (await(stream.read(one.clear())) > 0) {
            got[progress++] = one.get(0);
        }
        return Task.of(got);
    }

    @Async
    Task<List<Integer>> readWhatThePeerAlreadyWrote(int port, CompletableFuture<Void> peerWroteAll) throws IOException {
        try (TcpStream stream = await(TcpStream.connect("127.0.0.1", port))) {
            await(peerWroteAll);
            Task<byte[]> reader = readOneByteAtATime(stream);
            List<Integer> seen = await(watch(reader));
            assertArrayEquals(pattern(), await(reader), "every byte arrived, in order, across the yields");
            return Task.of(seen);
        }
    }

    @Test
    void readsThatCompleteAtOnceYieldToOtherTasksAfterTheBudget() throws Exception {
        try (ServerSocket peer = new ServerSocket(0)) {
            CompletableFuture<Void> peerWroteAll = new CompletableFuture<>();
            CompletableFuture<Void> peerDone = CompletableFuture.runAsync(() -> {
                try (Socket s = peer.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write(pattern());
                    out.flush();
                    s.shutdownOutput();
                    peerWroteAll.complete(null);
                    s.getInputStream().read(); // keeps the socket open until the reader closes
                } catch (IOException e) {
                    peerWroteAll.completeExceptionally(e);
                    throw new UncheckedIOException(e);
                }
            });
            List<Integer> seen = Tasks.run(() -> readWhatThePeerAlreadyWrote(peer.getLocalPort(), peerWroteAll));
            peerDone.get();
            assertInterleaved(seen);
        }
    }

    @Async
    Task<Void> writeOneByteAtATime(TcpStream stream) throws IOException {
        byte[] bytes = pattern();
        for (byte b : bytes) {
            await(stream.write(new byte[] {b}));
            progress++;
        }
        await(stream.drain());
        return Task.done();
    }

    @Async
    Task<List<Integer>> writeToAPeerThatKeepsReading(int port) throws IOException {
        try (TcpStream stream = await(TcpStream.connect("127.0.0.1", port))) {
            Task<Void> writer = writeOneByteAtATime(stream);
            List<Integer> seen = await(watch(writer));
            await(writer);
            return Task.of(seen);
        }
    }

    @Test
    void writesThatNeverBlockYieldToOtherTasksAfterTheBudget() throws Exception {
        try (ServerSocket peer = new ServerSocket(0)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = peer.accept(); InputStream in = s.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<Integer> seen = Tasks.run(() -> writeToAPeerThatKeepsReading(peer.getLocalPort()));
            assertArrayEquals(pattern(), received.get(), "every byte written arrived, in order");
            assertInterleaved(seen);
        }
    }

    /**
     * Between two turns of the watcher the busy task made at most a budget of awaits that
     * completed at once, plus the one that yielded; and it did make a full budget's worth at some
     * point, so the awaits really completed without suspending (else any gap would pass).
     */
    private void assertInterleaved(List<Integer> seen) {
        assertEquals(BYTES, seen.get(seen.size() - 1), "the busy task finished");
        List<Integer> gaps = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) {
            gaps.add(seen.get(i) - seen.get(i - 1));
        }
        int largest = Collections.max(gaps);
        assertTrue(largest <= BUDGET + 1, "other tasks waited for " + largest + " awaits of the busy one");
        assertTrue(largest >= BUDGET, "the awaits never completed a budget's worth at once: " + largest);
    }

    private static byte[] pattern() {
        byte[] bytes = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
