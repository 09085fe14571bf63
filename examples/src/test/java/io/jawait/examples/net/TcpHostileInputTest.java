package io.jawait.examples.net;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.withTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.Task;
import io.jawait.TaskSupplier;
import io.jawait.Tasks;
import io.jawait.internal.LoopCore;
import io.jawait.io.LimitOverrunException;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile-input list of issue 6, against a line server written as @Async code: slow clients,
 * thousands of idle connections, over-long lines, peers that reset mid-write, handlers that throw.
 * Every test ends by checking that the server's sockets (file descriptors and selector keys) are
 * gone. All on 127.0.0.1; counts are bounded and nothing depends on timing.
 */
@Timeout(120)
class TcpHostileInputTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 0);
    private static final int LINE_LIMIT = 1024;
    private static final int LONG_LINE_LIMIT = 64 * 1024;

    /** Failures the servers reported (handlers that failed), in order. */
    private final List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
    private long filesBefore;

    @BeforeEach
    void countFiles() {
        filesBefore = OpenFiles.open();
    }

    @AfterEach
    void everySocketIsClosed() {
        // A small tolerance for files the JVM itself may open meanwhile (class loading, JIT logs).
        long after = OpenFiles.open();
        assertTrue(after <= filesBefore + 3, "file descriptors before " + filesBefore + ", after " + after);
    }

    /** Runs {@code body} on a fresh loop whose unhandled errors are collected in {@link #reported}. */
    private <T> T run(TaskSupplier<T, ?> body) throws Exception {
        return Tasks.run(() -> {
            EventLoop.current().setUnhandledErrorHandler((name, e) -> reported.add(e));
            return withTimeout(60_000, body.get());   // fail instead of hanging on a bug
        });
    }

    /** Lets the selector release keys (and descriptors) of channels closed since the last select. */
    @Async
    static Task<Integer> channelsLeft() {
        await(sleep(1));
        await(sleep(1));
        return Task.of(LoopCore.currentOrNull().channelCount());
    }

    // ---- the server under attack ----------------------------------------------------------------

    /** Upper-cases lines; "boom" makes it throw after an await; "quit" ends the connection. */
    @Async
    static Task<Void> upperCaseLines(TcpStream client) throws IOException {
        while (true) {
            String line = await(client.readLine(LINE_LIMIT));
            if (line == null || line.equals("quit")) {
                return Task.done();
            }
            if (line.equals("boom")) {
                throw new IllegalStateException("handler exploded on purpose");
            }
            await(client.write(line.toUpperCase() + "\n"));
        }
    }

    @Async
    static Task<String> roundTrip(TcpStream stream, String line) throws IOException, TimeoutException {
        await(stream.write(line + "\n"));
        return Task.of(await(withTimeout(10_000, stream.readLine(LINE_LIMIT))));
    }

    @Async
    static Task<Integer> fastClient(int port, int id, int rounds) throws IOException, TimeoutException {
        TcpStream stream = await(TcpStream.connect("127.0.0.1", port));
        try {
            for (int i = 0; i < rounds; i++) {
                String reply = await(roundTrip(stream, "fast " + id + " #" + i));
                if (!("FAST " + id + " #" + i).equals(reply)) {
                    throw new AssertionError("fast client " + id + " got " + reply);
                }
            }
        } finally {
            stream.close();
        }
        return Task.of(rounds);
    }

    // ---- slow clients ---------------------------------------------------------------------------

    /** Sends its line one byte at a time; the first byte goes out before the fast clients start. */
    @Async
    static Task<String> slowClient(int port, int id, CompletableFuture<Void> fastDone, List<String> events) throws IOException {
        TcpStream stream = await(TcpStream.connect("127.0.0.1", port));
        try {
            byte[] line = ("slow client " + id + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            await(stream.write(new byte[] {line[0]}));
            await(fastDone);   // the server holds a partial line from us while it serves the others
            events.add("slow " + id + " resumes");
            for (int i = 1; i < line.length; i++) {
                await(stream.write(new byte[] {line[i]}));
                await(sleep(1));
            }
            return Task.of(await(stream.readLine(LINE_LIMIT)));
        } finally {
            stream.close();
        }
    }

    @Async
    static Task<List<String>> slowAndFastClients() throws IOException, TimeoutException {
        TcpServer server = startServer();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> fastDone = new CompletableFuture<>();
        List<Task<String>> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.add(slowClient(server.port(), i, fastDone, events));
        }
        // Wait until the server has all 5 slow connections, each with one byte of a line.
        while (server.connectionCount() < 5) {
            await(sleep(1));
        }
        List<Task<Integer>> fast = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fast.add(fastClient(server.port(), i, 50));
        }
        int rounds = 0;
        for (int r : await(gather(fast))) {
            rounds += r;
        }
        events.add("fast clients done: " + rounds + " round trips");
        fastDone.complete(null);
        List<String> replies = await(gather(slow));
        events.addAll(replies);
        await(server.shutdown(Duration.ofSeconds(5)));
        events.add("channels left: " + await(channelsLeft()));
        return Task.of(events);
    }

    @Test
    void slowClientsSendingAByteAtATimeDoNotHoldUpOthers() throws Exception {
        List<String> events = run(TcpHostileInputTest::slowAndFastClients);
        assertEquals("fast clients done: 1000 round trips", events.get(0), events.toString());
        List<String> replies = events.subList(6, 11);
        for (int i = 0; i < 5; i++) {
            assertEquals("SLOW CLIENT " + i, replies.get(i));
        }
        assertEquals("channels left: 0", events.get(11));
        assertEquals(List.of(), reported);
    }

    // ---- thousands of idle connections ----------------------------------------------------------

    /**
     * 2,000 idle connections (both ends live in this JVM, so 4,000 descriptors), fewer if the
     * descriptor limit is lower: the JVM raises its soft limit to the hard limit at start-up, and
     * CI machines commonly allow 4,096 or more.
     */
    static int idleConnectionCount() {
        long room = OpenFiles.max() - OpenFiles.open() - 200;
        return (int) Math.max(100, Math.min(2_000, room / 2));
    }

    @Async
    static Task<long[]> idleConnections(int count) throws IOException, TimeoutException {
        TcpServer server = startServer();
        List<TcpStream> idle = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            idle.add(await(TcpStream.connect("127.0.0.1", server.port())));
        }
        while (server.connectionCount() < count) {
            await(sleep(1));
        }
        long accepted = server.connectionCount();
        System.gc();
        long heapWithIdle = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        // An active client is still served promptly while all of them wait in readLine.
        long served = await(fastClient(server.port(), 0, 10));
        for (TcpStream s : idle) {
            s.close();
        }
        while (server.connectionCount() > 0) {
            await(sleep(1));
        }
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(new long[] {accepted, served, heapWithIdle, await(channelsLeft())});
    }

    @Test
    void thousandsOfIdleConnectionsAreHeldCheaplyAndReleased() throws Exception {
        int count = idleConnectionCount();
        System.gc();
        long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long[] result = run(() -> idleConnections(count));
        assertEquals(count, result[0]);
        assertEquals(10, result[1]);
        assertEquals(0, result[3], "selector keys left");
        // Generous: an idle connection costs both streams' objects but no read buffer.
        long perConnection = (result[2] - heapBefore) / count;
        System.out.println("idle connections: " + count + ", heap per connection: " + perConnection + " bytes");
        assertTrue(perConnection < 16 * 1024, "heap per idle connection: " + perConnection + " bytes");
        assertEquals(List.of(), reported);
    }

    /**
     * Echoes lines. Measures what the runtime holds: {@code line = null} because the processor
     * still keeps a dead local in its field while suspended (issue 12, liveness), which would add
     * the last line (40 KB) to each connection.
     */
    @Async
    static Task<Void> echoLongLines(TcpStream client) throws IOException {
        String line;
        while ((line = await(client.readLine(LONG_LINE_LIMIT))) != null) {
            await(client.write(line + "\n"));
            line = null;
        }
        return Task.done();
    }

    /** Heap used after a full collection. */
    static long heapUsed() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    @Async
    static Task<long[]> idleAfterALongLine(int count) throws IOException {
        TcpServer server = TcpServer.start(LOCAL, TcpHostileInputTest::echoLongLines);
        String longLine = "x".repeat(40 * 1024);
        List<TcpStream> idle = new ArrayList<>();
        long before = heapUsed();
        for (int i = 0; i < count; i++) {
            TcpStream stream = await(TcpStream.connect("127.0.0.1", server.port()));
            await(stream.write(longLine + "\n"));
            if (!longLine.equals(await(stream.readLine(LONG_LINE_LIMIT)))) {
                throw new AssertionError("the echo differs");
            }
            idle.add(stream);
        }
        long after = heapUsed();   // both ends of every connection idle in readLine now
        for (TcpStream s : idle) {
            s.close();
        }
        while (server.connectionCount() > 0) {
            await(sleep(1));
        }
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(new long[] {(after - before) / count, await(channelsLeft())});
    }

    @Test
    void anIdleConnectionKeepsNoBufferOfItsLastLongLine() throws Exception {
        int count = Math.min(500, idleConnectionCount());
        long[] result = run(() -> idleAfterALongLine(count));
        System.out.println("idle after a 40 KB line: " + count + " connections, heap per connection (both ends): "
                + result[0] + " bytes");
        // Kept buffers would cost 64 KiB per end; both ends together stay under 8 KiB.
        assertTrue(result[0] <= 8 * 1024, "heap per idle connection, both ends: " + result[0] + " bytes");
        assertEquals(0, result[1], "selector keys left");
        assertEquals(List.of(), reported);
    }

    // ---- over-long lines ------------------------------------------------------------------------

    @Async
    static Task<List<String>> overlongLine() throws IOException, TimeoutException {
        List<String> seen = new ArrayList<>();
        TcpServer server = TcpServer.start(LOCAL, client -> answerOverlong(client, seen));
        TcpStream attacker = await(TcpStream.connect("127.0.0.1", server.port()));
        await(attacker.write("x".repeat(100_000)));   // no newline, ever
        String reply;
        try {
            reply = await(withTimeout(10_000, attacker.readLine(LINE_LIMIT)));
            String after = await(withTimeout(10_000, attacker.readLine(LINE_LIMIT)));
            seen.add("client read " + reply + ", then " + after);
        } catch (IOException reset) {
            // The server closed with our unread bytes in its receive buffer: the kernel resets.
            seen.add("client read ERR line too long, then null");
        }
        attacker.abort();
        // The server is fine: the next client is served.
        seen.add("next client: " + await(fastClient(server.port(), 1, 3)) + " round trips");
        await(server.shutdown(Duration.ofSeconds(5)));
        seen.add("channels left: " + await(channelsLeft()));
        return Task.of(seen);
    }

    @Async
    static Task<Void> answerOverlong(TcpStream client, List<String> seen) throws IOException {
        try {
            String line;
            while ((line = await(client.readLine(LINE_LIMIT))) != null) {
                await(client.write(line.toUpperCase() + "\n"));
            }
        } catch (LimitOverrunException e) {
            seen.add("server: " + e.getMessage());
            await(client.write("ERR line too long\n"));
        }
        return Task.done();   // the server closes the connection
    }

    @Test
    void overlongLinesGetAClearErrorAndTheConnectionClosed() throws Exception {
        List<String> seen = run(TcpHostileInputTest::overlongLine);
        assertEquals(List.of(
                "server: line longer than 1024 bytes",
                "client read ERR line too long, then null",
                "next client: 3 round trips",
                "channels left: 0"), seen);
        assertEquals(List.of(), reported);
    }

    @Async
    static Task<Integer> overlongLineUncaught() throws IOException, TimeoutException {
        TcpServer server = startServer();
        TcpStream attacker = await(TcpStream.connect("127.0.0.1", server.port()));
        await(attacker.write("y".repeat(5_000) + "\n"));
        try {
            String reply = await(withTimeout(10_000, attacker.readLine(LINE_LIMIT)));
            if (reply != null) {
                throw new AssertionError("expected the connection to be closed, got " + reply);
            }
        } catch (IOException reset) {
            // closed with unread bytes: reset instead of an orderly end
        }
        attacker.abort();
        int rounds = await(fastClient(server.port(), 2, 3));
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(rounds + 100 * await(channelsLeft()));
    }

    @Test
    void overlongLineThatTheHandlerDoesNotCatchIsReportedAndClosesOnlyThatConnection() throws Exception {
        assertEquals(3, run(TcpHostileInputTest::overlongLineUncaught));
        assertEquals(1, reported.size());
        LimitOverrunException e = assertInstanceOf(LimitOverrunException.class, reported.get(0));
        assertEquals(LINE_LIMIT, e.limit());
    }

    // ---- peers that reset mid-write -------------------------------------------------------------

    @Async
    static Task<Void> floodUntilFailure(TcpStream client, List<Throwable> failures) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try {
            for (int i = 0; i < 16 * 1024; i++) {   // at most 1 GiB: the peer resets long before
                await(client.write(chunk));
            }
            failures.add(new AssertionError("the writes never failed"));
        } catch (IOException e) {
            failures.add(e);
            throw e;
        }
        return Task.done();
    }

    @Async
    static Task<Integer> resetMidWrite(List<Throwable> failures) throws IOException, TimeoutException {
        TcpServer server = TcpServer.start(LOCAL, client -> floodUntilFailure(client, failures));
        for (int i = 0; i < 5; i++) {
            TcpStream victim = await(TcpStream.connect("127.0.0.1", server.port()));
            await(victim.readExactly(200_000));   // the server is mid-stream now
            victim.setOption(StandardSocketOptions.SO_LINGER, 0);
            victim.abort();                          // RST, with the server still writing
        }
        while (failures.size() < 5) {
            await(sleep(1));
        }
        int rounds = await(fastClientAgainst(startServer(), 3));
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(rounds + 100 * await(channelsLeft()));
    }

    @Async
    static Task<Integer> fastClientAgainst(TcpServer server, int rounds) throws IOException, TimeoutException {
        int done = await(fastClient(server.port(), 9, rounds));
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(done);
    }

    @Test
    void peersThatResetMidWriteFailTheWriterAndFreeTheConnection() throws Exception {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        assertEquals(3, run(() -> resetMidWrite(failures)));
        assertEquals(5, failures.size());
        for (Throwable f : failures) {
            assertInstanceOf(IOException.class, f, String.valueOf(f));
        }
        assertEquals(List.of(), reported, "a client that vanished is normal operation, not an unhandled error");
    }

    /** Reads lines; a read failure is recorded, then rethrown as is, wrapped, or replaced by the handler's own error. */
    @Async
    static Task<Void> readUntilReset(TcpStream client, List<Throwable> failures) throws IOException {
        String how = await(client.readLine(LINE_LIMIT));
        try {
            await(client.readLine(LINE_LIMIT));   // the client resets in the middle of this line
        } catch (IOException e) {
            failures.add(e);
            switch (how) {
                case "rethrow" -> throw e;
                case "wrap" -> throw new java.io.UncheckedIOException("handler gave up", e);
                default -> throw new IOException("the handler's own error, not the reset");
            }
        }
        return Task.done();
    }

    @Async
    static Task<Integer> resetMidRead(List<Throwable> failures) throws IOException {
        TcpServer server = TcpServer.start(LOCAL, client -> readUntilReset(client, failures));
        List<String> modes = List.of("rethrow", "wrap", "own");
        for (int i = 0; i < modes.size(); i++) {
            TcpStream victim = await(TcpStream.connect("127.0.0.1", server.port()));
            await(victim.write(modes.get(i) + "\nhalf a li"));
            victim.setOption(StandardSocketOptions.SO_LINGER, 0);
            await(sleep(1));
            victim.abort();   // RST while the server waits for the rest of the line
            while (failures.size() < i + 1) {
                await(sleep(1));
            }
        }
        while (server.connectionCount() > 0) {
            await(sleep(1));
        }
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(await(channelsLeft()));
    }

    @Test
    void aResetMidReadFailsTheReadButIsReportedOnlyWhenTheHandlerFailsWithSomethingElse() throws Exception {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        assertEquals(0, run(() -> resetMidRead(failures)), "channels left");
        assertEquals(3, failures.size());
        for (Throwable f : failures) {
            assertInstanceOf(java.net.SocketException.class, f, String.valueOf(f));
        }
        assertEquals(1, reported.size(), String.valueOf(reported));
        assertEquals("the handler's own error, not the reset", reported.get(0).getMessage());
    }

    // ---- handlers that throw --------------------------------------------------------------------

    @Async
    static Task<List<String>> throwingHandlers() throws IOException, TimeoutException {
        List<String> seen = new ArrayList<>();
        int[] calls = {0};
        TcpServer server = TcpServer.start(LOCAL, client -> {
            if (++calls[0] % 2 == 1) {
                throw new IllegalArgumentException("handler threw before starting");
            }
            return upperCaseLines(client);
        });
        for (int i = 0; i < 3; i++) {
            TcpStream refused = await(TcpStream.connect("127.0.0.1", server.port()));
            seen.add("odd client reads " + await(withTimeout(10_000, refused.readLine(LINE_LIMIT))));
            refused.close();
            TcpStream served = await(TcpStream.connect("127.0.0.1", server.port()));
            seen.add("even client reads " + await(roundTrip(served, "hi")));
            await(served.write("boom\n"));
            seen.add("after boom reads " + await(withTimeout(10_000, served.readLine(LINE_LIMIT))));
            served.close();
        }
        await(server.shutdown(Duration.ofSeconds(5)));
        seen.add("channels left: " + await(channelsLeft()));
        return Task.of(seen);
    }

    @Test
    void handlersThatThrowAreReportedAndTheServerGoesOn() throws Exception {
        List<String> seen = run(TcpHostileInputTest::throwingHandlers);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add("odd client reads null");
            expected.add("even client reads HI");
            expected.add("after boom reads null");
        }
        expected.add("channels left: 0");
        assertEquals(expected, seen);
        assertEquals(6, reported.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(i % 2 == 0 ? "handler threw before starting" : "handler exploded on purpose",
                    reported.get(i).getMessage());
        }
    }

    // ---- timeouts and graceful shutdown ---------------------------------------------------------

    @Async
    static Task<List<String>> readTimeoutThenShutdown() throws IOException, TimeoutException {
        List<String> seen = new ArrayList<>();
        CompletableFuture<Void> speak = new CompletableFuture<>();
        TcpServer server = TcpServer.start(LOCAL, client -> silentThenSpeak(client, speak, seen));
        TcpStream client = await(TcpStream.connect("127.0.0.1", server.port()));
        try {
            await(withTimeout(50, client.readLine(LINE_LIMIT)));
            seen.add("no timeout?");
        } catch (TimeoutException e) {
            seen.add("read timed out");
        }
        speak.complete(null);
        seen.add("then read " + await(withTimeout(10_000, client.readLine(LINE_LIMIT))));
        // The handler now waits for a line that never comes: shutdown cancels it after the grace period.
        await(server.shutdown(Duration.ofMillis(50)));
        seen.add("after shutdown the client reads " + await(withTimeout(10_000, client.readLine(LINE_LIMIT))));
        client.close();
        seen.add("channels left: " + await(channelsLeft()));
        return Task.of(seen);
    }

    @Async
    static Task<Void> silentThenSpeak(TcpStream client, CompletableFuture<Void> speak, List<String> seen) throws IOException {
        try {
            await(speak);
            await(client.write("hello after all\n"));
            await(client.readLine(LINE_LIMIT));
            seen.add("handler was not cancelled?");
        } finally {
            seen.add("handler finally ran");
        }
        return Task.done();
    }

    @Test
    void readTimeoutLeavesTheStreamUsableAndShutdownCancelsLingeringHandlers() throws Exception {
        assertEquals(List.of(
                "read timed out",
                "then read hello after all",
                "handler finally ran",
                "after shutdown the client reads null",
                "channels left: 0"), run(TcpHostileInputTest::readTimeoutThenShutdown));
        assertEquals(List.of(), reported);
    }

    @Async
    static Task<String> connectTimeout() throws IOException, TimeoutException {
        // A listener with a full backlog never completes new handshakes on Linux... but that is
        // not portable; instead a connect that is cancelled by its timeout must not leak a socket.
        TcpServer server = startServer();
        String outcome;
        try {
            TcpStream s = await(withTimeout(0, TcpStream.connect("127.0.0.1", server.port())));
            s.close();
            outcome = "connected before the timeout";
        } catch (TimeoutException e) {
            outcome = "timed out";
        }
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(outcome + ", channels left: " + await(channelsLeft()));
    }

    @Test
    void connectTimeoutClosesTheSocket() throws Exception {
        String outcome = run(TcpHostileInputTest::connectTimeout);
        assertTrue(outcome.equals("timed out, channels left: 0")
                || outcome.equals("connected before the timeout, channels left: 0"), outcome);
    }

    static TcpServer startServer() {
        try {
            return TcpServer.start(LOCAL, TcpHostileInputTest::upperCaseLines);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sanity() {
        assertFalse(idleConnectionCount() < 100);
    }
}
