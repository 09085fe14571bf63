package io.jawait.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.EventLoop;
import io.jawait.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutputQueueTest {
    private EventLoop loop;
    private ThrottledSink sink;
    private final List<IOException> failures = new ArrayList<>();
    private OutputQueue out;

    /** Takes at most {@code room} bytes until the test makes more room, like a full socket buffer. */
    static final class ThrottledSink implements ByteSink {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int room;
        IOException error;
        Runnable waiting;
        boolean shutdown;

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (error != null) {
                throw error;
            }
            long total = 0;
            for (int i = offset; i < offset + length && room > 0; i++) {
                ByteBuffer b = srcs[i];
                int n = Math.min(room, b.remaining());
                byte[] chunk = new byte[n];
                b.get(chunk);
                received.write(chunk, 0, n);
                room -= n;
                total += n;
            }
            return total;
        }

        @Override
        public void awaitWritable(Runnable onWritable) {
            waiting = onWritable;
        }

        @Override
        public void shutdownOutput() {
            shutdown = true;
        }

        /** The peer read {@code n} bytes: the sink becomes writable. */
        void makeRoom(int n) {
            room += n;
            Runnable r = waiting;
            waiting = null;
            if (r != null) {
                r.run();
            }
        }

        String text() {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() {
        loop = new EventLoop();
        sink = new ThrottledSink();
        out = new OutputQueue(sink, failures::add);
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    @Test
    void writesGoStraightThroughWhenTheSinkHasRoom() {
        sink.room = 100;
        Task<Void> t = out.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        assertTrue(t.isDone());
        assertEquals("hello", sink.text());
        assertEquals(0, out.size());
        assertNull(sink.waiting);
    }

    @Test
    void writerIsSuspendedPastTheHighWaterMarkAndResumedAtTheLowWaterMark() {
        out.setLimits(100, 20);
        ByteBuffer src = ByteBuffer.wrap(new byte[60]);
        assertTrue(out.write(src).isDone(), "60 queued: under the high-water mark");
        assertFalse(src.hasRemaining(), "write takes every byte at once");
        Task<Void> second = out.write(ByteBuffer.wrap(new byte[60]));
        assertFalse(second.isDone(), "120 queued: over the high-water mark");
        assertEquals(120, out.size());
        sink.makeRoom(90);
        assertFalse(second.isDone(), "30 still queued, above the low-water mark");
        assertEquals(30, out.size());
        sink.makeRoom(10);
        assertTrue(second.isDone());
        assertEquals(20, out.size());
        assertEquals(100, sink.received.size());
    }

    @Test
    void queuedBytesKeepTheirOrderAcrossManySmallWrites() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String s = i + ",";
            expected.append(s);
            out.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
            if (i % 100 == 0) {
                sink.makeRoom(7);
            }
        }
        Task<Void> drained = out.drain();
        assertFalse(drained.isDone());
        while (!drained.isDone()) {
            sink.makeRoom(333);
        }
        assertEquals(expected.toString(), sink.text());
    }

    @Test
    void shutdownOutputHappensAfterTheQueuedBytes() {
        out.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
        Task<Void> shut = out.shutdownOutput();
        assertFalse(shut.isDone());
        assertFalse(sink.shutdown);
        assertInstanceOf(IllegalStateException.class, out.write(ByteBuffer.allocate(1)).exceptionNow());
        sink.makeRoom(3);
        assertTrue(sink.shutdown);
        assertTrue(shut.isDone());
        assertEquals("abc", sink.text());
    }

    @Test
    void closeRunsItsActionOnceFlushed() {
        int[] closed = {0};
        out.write(ByteBuffer.wrap(new byte[10]));
        assertTrue(out.close(() -> closed[0]++));
        assertEquals(0, closed[0]);
        sink.makeRoom(10);
        assertEquals(1, closed[0]);
        assertFalse(new OutputQueue(sink, failures::add).close(() -> closed[0]++), "nothing queued: at once");
        assertEquals(2, closed[0]);
    }

    @Test
    void writeErrorFailsWaitersAndLaterWritesAndIsReportedOnce() {
        out.setLimits(10, 0);
        Task<Void> waiting = out.write(ByteBuffer.wrap(new byte[50]));
        Task<Void> drain = out.drain();
        IOException reset = new IOException("Connection reset by peer");
        sink.error = reset;
        sink.makeRoom(1);
        assertSame(reset, waiting.exceptionNow());
        assertSame(reset, drain.exceptionNow());
        assertSame(reset, out.write(ByteBuffer.allocate(1)).exceptionNow());
        assertEquals(List.of(reset), failures);
        assertEquals(0, out.size());
    }

    @Test
    void cancelledWaiterIsForgottenAndOthersStillWake() {
        out.setLimits(10, 0);
        Task<Void> a = out.write(ByteBuffer.wrap(new byte[20]));
        Task<Void> b = out.drain();
        assertTrue(a.cancel());
        sink.makeRoom(20);
        assertTrue(a.isCancelled());
        assertTrue(b.isDone() && !b.isFailed());
        assertEquals(20, sink.received.size(), "a cancelled wait does not unsend the bytes");
    }
}
