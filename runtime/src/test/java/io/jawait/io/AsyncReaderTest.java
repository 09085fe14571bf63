package io.jawait.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.EventLoop;
import io.jawait.Task;
import io.jawait.Tasks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncReaderTest {
    private EventLoop loop;
    private ScriptedSource source;
    private AsyncReader reader;

    @BeforeEach
    void setUp() {
        loop = new EventLoop();
        source = new ScriptedSource();
        reader = source.reader();
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readLineAssemblesFragmentsAndStripsTerminators() throws Exception {
        Task<String> first = reader.readLine(100);
        assertFalse(first.isDone());
        source.feed("hel");
        assertFalse(first.isDone());
        source.feed("lo\r");
        assertFalse(first.isDone());
        source.feed("\nwörld\nlast");
        assertEquals("hello", first.resultNow());
        assertEquals("wörld", reader.readLine(100).resultNow());
        Task<String> last = reader.readLine(100);
        assertFalse(last.isDone());
        source.end();
        assertEquals("last", last.resultNow());
        assertNull(reader.readLine(100).resultNow());
        assertNull(reader.readLine(100).resultNow(), "end of stream is sticky");
    }

    @Test
    void readLineByteAtATimeScansEachByteOnce() throws Exception {
        String line = "x".repeat(3000);
        Task<String> t = reader.readLine(5000);
        for (byte b : bytes(line + "\n")) {
            source.feed(new byte[] {b});
        }
        assertEquals(line, t.resultNow());
    }

    @Test
    void emptyLinesAndBareCarriageReturnsInsideLines() throws Exception {
        source.feed("\n\r\na\rb\n");
        assertEquals("", reader.readLine(10).resultNow());
        assertEquals("", reader.readLine(10).resultNow());
        assertEquals("a\rb", reader.readLine(10).resultNow());
    }

    @Test
    void aLineThatIsNotUtf8FailsClearlyAndIsConsumed() throws Exception {
        // "ok" 0xC3 '(' : a two-byte sequence cut short, then the next lines, the last unterminated.
        source.feed(new byte[] {'o', 'k', (byte) 0xC3, '(', '\n', 'n', 'e', 'x', 't', '\n', (byte) 0xFF});
        MalformedInputException e = assertInstanceOf(MalformedInputException.class, reader.readLine(100).exceptionNow());
        assertEquals("readLine: not valid UTF-8: 1 malformed byte(s) at byte 2 of 4", e.getMessage());
        assertEquals(1, e.getInputLength());
        assertEquals("next", reader.readLine(100).resultNow(), "the bad line was consumed, the stream goes on");
        source.end();
        assertInstanceOf(MalformedInputException.class, reader.readLine(100).exceptionNow(), "the unterminated last line too");
        assertNull(reader.readLine(100).resultNow());
    }

    @Test
    void aReplacementCharacterThatIsReallyThereIsNotAnError() throws Exception {
        source.feed("a\uFFFDb\n");
        assertEquals("a\uFFFDb", reader.readLine(100).resultNow());
    }

    @Test
    void lineExactlyAtTheLimitPassesAndOneByteMoreFails() throws Exception {
        source.feed("abcd\r\nabcde\n");
        assertEquals("abcd", reader.readLine(4).resultNow());
        Task<String> tooLong = reader.readLine(4);
        LimitOverrunException e = assertInstanceOf(LimitOverrunException.class, tooLong.exceptionNow());
        assertEquals(4, e.limit());
        assertEquals("line longer than 4 bytes", e.getMessage());
        // the bytes stay buffered (asyncio semantics): a larger limit can still read them
        assertEquals("abcde", reader.readLine(5).resultNow());
    }

    @Test
    void overlongLineFailsWithoutBufferingMoreThanTheLimit() throws Exception {
        Task<String> t = reader.readLine(1000);
        int fed = 0;
        while (!t.isDone()) {
            source.feed(new byte[100]);
            fed += 100;
            assertTrue(fed < 100_000, "the limit was never enforced");
        }
        assertInstanceOf(LimitOverrunException.class, t.exceptionNow());
        assertTrue(reader.buffered() <= 1002, "buffered " + reader.buffered());
    }

    @Test
    void overlongUnterminatedLastLineFails() throws Exception {
        source.feed("abcdef");
        source.end();
        assertInstanceOf(LimitOverrunException.class, reader.readLine(5).exceptionNow());
    }

    @Test
    void aLongLineDoesNotLeaveALargeBufferBehind() throws Exception {
        String longLine = "x".repeat(40 * 1024);
        Task<String> first = reader.readLine(64 * 1024);
        source.feed(longLine + "\n");
        assertEquals(longLine, first.resultNow());
        assertEquals(0, reader.bufferCapacity(), "nothing left to hold");

        // A long line followed by the start of the next one: the rest moves to a small buffer.
        Task<String> second = reader.readLine(64 * 1024);
        source.feed(longLine + "\nhalf of the next");
        assertEquals(longLine, second.resultNow());
        assertTrue(reader.bufferCapacity() <= 4096, "holds " + reader.bufferCapacity() + " bytes");
        Task<String> third = reader.readLine(64 * 1024);
        source.feed(" line\n");
        assertEquals("half of the next line", third.resultNow());
        assertTrue(reader.bufferCapacity() <= 4096, "holds " + reader.bufferCapacity() + " bytes");

        // A stream of long lines still reads them all, each within the limit.
        for (int i = 0; i < 3; i++) {
            Task<String> again = reader.readLine(64 * 1024);
            source.feed(longLine + i + "\n");
            assertEquals(longLine + i, again.resultNow());
            assertEquals(0, reader.bufferCapacity());
        }
    }

    @Test
    void aReadLeavingMoreThanASmallBufferKeepsTheLargeOneUntilItDrains() throws Exception {
        String longLine = "y".repeat(20_000);
        source.feed(longLine + "\n" + "z".repeat(10_000) + "\n");
        assertEquals(longLine, reader.readLine(30_000).resultNow());
        assertTrue(reader.bufferCapacity() > 10_000, "the next line is still in it");
        assertEquals("z".repeat(10_000), reader.readLine(30_000).resultNow());
        assertEquals(0, reader.bufferCapacity());
    }

    @Test
    void readUntilMultiByteDelimiterSplitAcrossChunks() throws Exception {
        Task<byte[]> t = reader.readUntil(bytes("\r\n\r\n"), 100);
        source.feed("GET / HTTP/1.1\r\nHost: x\r");
        source.feed("\n\r");
        assertFalse(t.isDone());
        source.feed("\nbody");
        assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n", new String(t.resultNow(), StandardCharsets.UTF_8));
        source.end();
        IncompleteReadException e = assertInstanceOf(IncompleteReadException.class,
                reader.readUntil(bytes("\r\n\r\n"), 100).exceptionNow());
        assertEquals("body", new String(e.partial(), StandardCharsets.UTF_8));
        assertEquals(-1, e.expected());
    }

    @Test
    void readUntilLimitCountsBytesBeforeTheDelimiter() throws Exception {
        source.feed("abc||");
        assertEquals("abc||", new String(reader.readUntil(bytes("||"), 3).resultNow(), StandardCharsets.UTF_8));
        source.feed("abcd||");
        assertInstanceOf(LimitOverrunException.class, reader.readUntil(bytes("||"), 3).exceptionNow());
    }

    @Test
    void readExactlySmallAndLarge() throws Exception {
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Task<byte[]> header = reader.readExactly(3);
        source.feed(new byte[] {1, 2});
        assertFalse(header.isDone());
        source.feed(new byte[] {3, 4});
        assertArrayEquals(new byte[] {1, 2, 3}, header.resultNow());
        Task<byte[]> body = reader.readExactly(1 + big.length);
        for (int i = 0; i < big.length; i += 7000) {
            source.feed(Arrays.copyOfRange(big, i, Math.min(big.length, i + 7000)));
        }
        byte[] expected = new byte[1 + big.length];
        expected[0] = 4;
        System.arraycopy(big, 0, expected, 1, big.length);
        assertArrayEquals(expected, body.resultNow());
        assertEquals(0, reader.readExactly(0).resultNow().length);
    }

    @Test
    void readExactlyAtEndOfStreamReportsThePartialBytes() throws Exception {
        Task<byte[]> t = reader.readExactly(10);
        source.feed("abc");
        source.end();
        IncompleteReadException e = assertInstanceOf(IncompleteReadException.class, t.exceptionNow());
        assertEquals("abc", new String(e.partial(), StandardCharsets.UTF_8));
        assertEquals(10, e.expected());
        assertEquals("end of stream after 3 of 10 expected bytes", e.getMessage());
    }

    @Test
    void readServesBufferedBytesFirstThenReadsDirectly() throws Exception {
        source.feed("line\nrest");
        assertEquals("line", reader.readLine(10).resultNow());
        ByteBuffer dst = ByteBuffer.allocate(100);
        assertEquals(4, reader.read(dst).resultNow());
        Task<Integer> next = reader.read(dst);
        assertFalse(next.isDone());
        source.feed("more");
        assertEquals(4, next.resultNow());
        assertEquals("restmore", new String(dst.array(), 0, dst.position(), StandardCharsets.UTF_8));
        assertEquals(0, reader.read(ByteBuffer.allocate(0)).resultNow());
        source.end();
        assertEquals(-1, reader.read(dst).resultNow());
    }

    @Test
    void readAllUpToTheLimit() throws Exception {
        Task<byte[]> all = reader.readAll(10);
        source.feed("0123456789");
        assertFalse(all.isDone());
        source.end();
        assertEquals("0123456789", new String(all.resultNow(), StandardCharsets.UTF_8));

        ScriptedSource other = new ScriptedSource();
        Task<byte[]> tooMuch = other.reader().readAll(10);
        other.feed("0123456789A");
        assertInstanceOf(LimitOverrunException.class, tooMuch.exceptionNow());
    }

    @Test
    void cancelledReadsKeepTheirBytesForTheNextRead() throws Exception {
        Task<byte[]> exact = reader.readExactly(10_000);
        source.feed("partial ");
        assertTrue(exact.cancel());
        assertFalse(source.isWaiting());
        Task<String> line = reader.readLine(100);
        source.feed("line\n");
        assertEquals("partial line", line.resultNow());

        Task<String> unfinished = reader.readLine(100);
        source.feed("abc");
        unfinished.cancel();
        source.feed("def\n");
        assertEquals("abcdef", reader.readLine(100).resultNow());
    }

    @Test
    void readTimeoutThroughWithTimeoutLeavesTheReaderUsable() throws Exception {
        AtomicLong clock = new AtomicLong();
        loop.close();
        loop = new EventLoop(clock::get);
        source = new ScriptedSource();
        reader = source.reader();
        Task<String> timed = Tasks.withTimeout(50, reader.readLine(100));
        source.feed("half");
        clock.addAndGet(50_000_000);
        loop.runUntilDone(timed);
        assertInstanceOf(java.util.concurrent.TimeoutException.class, timed.exceptionNow());
        source.feed(" line\n");
        assertEquals("half line", reader.readLine(100).resultNow());
    }

    @Test
    void afterAShortReadTheNextReadWaitsForReadinessInsteadOfAskingTheSourceAgain() throws Exception {
        source.feed("a\n");
        assertEquals("a", reader.readLine(10).resultNow());
        int reads = source.reads;
        Task<String> next = reader.readLine(10);
        assertFalse(next.isDone());
        assertEquals(reads, source.reads, "no read that could only find nothing");
        source.feed("b\n");
        assertEquals("b", next.resultNow());
        // A read that fills all the space it had may be followed by more: the reader asks again.
        ByteBuffer small = ByteBuffer.allocate(2);
        source.feed("xyz");
        assertEquals(2, reader.read(small).resultNow());
        reads = source.reads;
        assertEquals(1, reader.read(ByteBuffer.allocate(10)).resultNow());
        assertEquals(reads + 1, source.reads);
    }

    @Test
    void aSecondConcurrentReadIsRefused() throws Exception {
        Task<String> first = reader.readLine(10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.readLine(10));
        assertTrue(e.getMessage().contains("another read is still pending"), e.getMessage());
        source.feed("ok\n");
        assertEquals("ok", first.resultNow());
    }

    @Test
    void ioErrorFailsThePendingAndEveryLaterRead() throws Exception {
        Task<String> t = reader.readLine(10);
        IOException reset = new IOException("Connection reset by peer");
        source.failWith(reset);
        assertSame(reset, t.exceptionNow());
        assertSame(reset, reader.readExactly(1).exceptionNow());
    }

    @Test
    void readsFromAnotherThreadAreRefused() throws Exception {
        Throwable[] seen = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                reader.read(ByteBuffer.allocate(1));
            } catch (Throwable e) {
                seen[0] = e;
            }
        });
        t.start();
        t.join();
        assertInstanceOf(IllegalStateException.class, seen[0]);
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> reader.readExactly(-1));
        assertThrows(IllegalArgumentException.class, () -> reader.readLine(-1));
        assertThrows(IllegalArgumentException.class, () -> reader.readUntil(new byte[0], 10));
        assertThrows(NullPointerException.class, () -> reader.read(null));
    }
}
