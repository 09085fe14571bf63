package io.jawait.io;

import io.jawait.Task;
import io.jawait.internal.LoopConfinement;
import io.jawait.internal.LoopCore;
import io.jawait.internal.Promise;
import io.jawait.internal.io.ByteSource;
import io.jawait.internal.io.StrictUtf8;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Awaitable reads from a byte stream, buffered like asyncio's {@code StreamReader}: the read side
 * of a {@link io.jawait.net.TcpStream} and the output of a {@link Subprocess}.
 * <pre>{@code
 * String request = await(stream.readLine(8192));        // null at end of stream
 * byte[] header = await(stream.readExactly(4));
 * byte[] frame = await(stream.readUntil(new byte[] {0}, 65536));
 * int n = await(stream.read(buffer));                    // -1 at end of stream
 * }</pre>
 *
 * <p>Reads complete on the loop thread and never block it. One read at a time: start the next
 * after the previous one completed (a second concurrent read throws
 * {@link IllegalStateException}). Every read is cancel-safe: cancelling a pending read (for
 * example through {@link io.jawait.Tasks#withTimeout}) leaves the bytes that arrived in the
 * buffer for the next read. Memory is bounded by the limits the reads pass: a delimited read
 * never buffers more than its limit plus the delimiter.
 *
 * <p>Errors: an I/O error fails the pending read and every later read with that exception;
 * reading a closed stream fails with {@link java.nio.channels.ClosedChannelException}.
 */
public class AsyncReader {
    private static final byte[] EMPTY = new byte[0];
    private static final int INITIAL_CAPACITY = 4096;
    /**
     * A buffer grown past this (for a long line) is given back as soon as what it still holds fits
     * in one of this size, so that a connection idling after a long line holds at most this much.
     */
    private static final int KEEP_CAPACITY = INITIAL_CAPACITY;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final Object NOT_YET = new Object();

    private final LoopCore loop;
    private final ByteSource source;
    private final Runnable continueRead = () -> {
        mayBeReadable = true;
        drive();
    };
    private byte[] buf = EMPTY;
    private ByteBuffer view;
    /** Unread bytes are buf[start, end). */
    private int start;
    private int end;
    /**
     * Capacity of the last large buffer given back: when a small buffer overflows, it grows straight
     * to that size (one copy) instead of doubling its way up again, for streams of long lines.
     */
    private int regrowTo;
    /** How many unread bytes the pending delimited read has already searched. */
    private int scanned;
    private boolean eof;
    /**
     * Whether reading the source now may bring bytes: after it reported readable, or after a read
     * that filled all the space it was given. Otherwise a read waits for readiness first instead of
     * asking the source (a read that would almost always find nothing, in request/response
     * traffic), and an idle stream never allocates a buffer. The selector is level-triggered, so
     * waiting never misses bytes that are already there.
     */
    private boolean mayBeReadable;
    /** Set once reading failed or was closed: later reads fail with it. */
    private IOException failure;
    /** The owner has been told about {@link #failure} (or caused it). */
    private boolean failureKnown;
    private ReadOp<?> pending;

    /** For jawait's own streams, which supply the source. Binds the reader to the current loop. */
    protected AsyncReader(ByteSource source) {
        this.loop = LoopCore.require();
        this.source = Objects.requireNonNull(source, "source");
    }

    // ---- reads ----------------------------------------------------------------------------------

    /**
     * Reads at least one byte into {@code dst} (as many as are available, up to its remaining
     * space) and completes with the count; with -1 at the end of the stream, at once with 0 if
     * {@code dst} has no space. Do not touch {@code dst} until the task completes.
     * <pre>{@code
     * ByteBuffer buffer = ByteBuffer.allocate(8192);
     * while (await(stream.read(buffer.clear())) >= 0) {
     *     await(stream.write(buffer.flip()));
     * }
     * }</pre>
     */
    public final Task<Integer> read(ByteBuffer dst) throws IOException {
        return start(new ReadInto(this, Objects.requireNonNull(dst, "dst")));
    }

    /**
     * Reads exactly {@code n} bytes; fails with {@link IncompleteReadException} (holding the bytes
     * that came) if the stream ends first.
     * <pre>{@code int length = ByteBuffer.wrap(await(stream.readExactly(4))).getInt();}</pre>
     */
    public final Task<byte[]> readExactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly(" + n + "): negative count");
        }
        return start(new ReadExactly(this, n));
    }

    /**
     * Reads one line, terminated by {@code "\n"} or {@code "\r\n"}, and returns it without the
     * terminator, decoded as UTF-8. At the end of the stream returns the last, unterminated line,
     * or null if nothing is left. Fails with {@link LimitOverrunException} if the line is longer
     * than {@code maxLength} bytes (the terminator not counted); the bytes stay buffered. Fails
     * with {@link java.nio.charset.MalformedInputException} (saying where) if the line is not
     * valid UTF-8, as {@link AsyncFile#readString} does; that line is consumed, so the next read
     * gets the next line. To replace bad bytes instead, decode the bytes yourself:
     * {@code new String(await(stream.readUntil(LF, max)), UTF_8)}.
     * <pre>{@code
     * String line;
     * while ((line = await(stream.readLine(1024))) != null) {
     *     handle(line);
     * }
     * }</pre>
     */
    public final Task<String> readLine(int maxLength) throws IOException {
        checkLimit(maxLength);
        return start(new ReadUntil<String>(this, LINE_FEED, maxLength, true));
    }

    /**
     * Reads up to and including {@code delimiter}. Fails with {@link LimitOverrunException} if
     * more than {@code maxLength} bytes come before the delimiter (they stay buffered), and with
     * {@link IncompleteReadException} if the stream ends first.
     * <pre>{@code byte[] headers = await(stream.readUntil("\r\n\r\n".getBytes(US_ASCII), 16384));}</pre>
     */
    public final Task<byte[]> readUntil(byte[] delimiter, int maxLength) throws IOException {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("readUntil: empty delimiter");
        }
        checkLimit(maxLength);
        return start(new ReadUntil<byte[]>(this, delimiter.clone(), maxLength, false));
    }

    /**
     * Reads everything until the end of the stream. Fails with {@link LimitOverrunException} if
     * that is more than {@code maxLength} bytes.
     * <pre>{@code String output = new String(await(process.stdout().readAll(1 << 20)), UTF_8);}</pre>
     */
    public final Task<byte[]> readAll(int maxLength) throws IOException {
        checkLimit(maxLength);
        return start(new ReadAll(this, maxLength));
    }

    private static final byte[] LINE_FEED = {'\n'};

    private static void checkLimit(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("negative maximum length: " + maxLength);
        }
    }

    // ---- for the owning stream ------------------------------------------------------------------

    /**
     * Ends reading for good: drops the buffer; the pending read fails with {@code pendingCause},
     * later reads with {@code laterCause}. Loop thread only.
     */
    protected final void closeInput(IOException pendingCause, IOException laterCause) {
        if (failure == null) {
            failure = laterCause;
        }
        failureKnown = true;
        buf = EMPTY;
        view = null;
        start = 0;
        end = 0;
        ReadOp<?> op = pending;
        if (op != null) {
            pending = null;
            source.cancelAwaitReadable();
            op.fail(pendingCause);
        }
    }

    /**
     * Called once when reading from the source fails with an I/O error, before the read that met
     * it fails; the stream typically closes itself. Loop thread.
     */
    protected void readFailed(IOException error) {
    }

    /** Bytes received and not read yet. */
    protected final int buffered() {
        return end - start;
    }

    /** Bytes of heap the read buffer holds (its capacity), whatever it contains. */
    final int bufferCapacity() {
        return buf.length;
    }

    // ---- engine ---------------------------------------------------------------------------------

    private <T> Task<T> start(ReadOp<T> op) {
        LoopConfinement.check(loop, this);
        if (pending != null) {
            throw new IllegalStateException("another read is still pending on " + this
                    + "; await each read before starting the next");
        }
        pending = op;
        scanned = 0;
        drive();
        return op;
    }

    /** Advances the pending read as far as the available bytes allow. */
    private void drive() {
        ReadOp<?> op = pending;
        if (op == null) {
            return;
        }
        Object result;
        try {
            result = op.attempt();
        } catch (Throwable e) {
            pending = null;
            if (e == failure && !failureKnown) {
                failureKnown = true;
                readFailed(failure);
            }
            op.fail(e);
            return;
        }
        if (result == NOT_YET) {
            source.awaitReadable(continueRead);
            return;
        }
        pending = null;
        op.succeed(result);
    }

    private void cancelled(ReadOp<?> op) {
        if (pending == op) {
            pending = null;
            source.cancelAwaitReadable();
            op.undo();
        }
    }

    /** Reads from the source, remembering an I/O error for every later read. */
    private int sourceRead(ByteBuffer dst) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (!mayBeReadable) {
            return 0;
        }
        int n;
        try {
            n = source.read(dst);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n < 0) {
            eof = true;
        } else {
            mayBeReadable = n > 0 && !dst.hasRemaining();
        }
        return n;
    }

    /** Reads from the source into the buffer, whose capacity may grow up to {@code limit} bytes; -1 at the end. */
    private int fillBuffer(long limit) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (buf.length == 0 && !mayBeReadable) {
            return 0;
        }
        if (end == buf.length) {
            if (start > 0) {
                compact();
            } else {
                grow(limit);
            }
        }
        ByteBuffer v = view;
        v.limit(buf.length).position(end);
        int n = sourceRead(v);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    private void compact() {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
    }

    private void grow(long limit) {
        long wanted = buf.length == 0 ? INITIAL_CAPACITY : Math.max((long) buf.length * 2, regrowTo);
        regrowTo = 0;
        int capacity = (int) Math.min(Math.min(wanted, Math.max(limit, 1)), MAX_ARRAY);
        if (capacity <= buf.length) {
            throw new IllegalStateException("read buffer cannot grow past " + buf.length + " bytes");
        }
        buf = Arrays.copyOf(buf, capacity);
        view = ByteBuffer.wrap(buf);
    }

    private void consume(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        if (buf.length > KEEP_CAPACITY && end - start <= KEEP_CAPACITY) {
            shrink();
        }
    }

    /** Gives back a large buffer: moves what it still holds (little) into a small one, or drops it. */
    private void shrink() {
        regrowTo = buf.length;
        int remaining = end - start;
        if (remaining == 0) {
            buf = EMPTY;
            view = null;
        } else {
            byte[] small = new byte[KEEP_CAPACITY];
            System.arraycopy(buf, start, small, 0, remaining);
            buf = small;
            view = ByteBuffer.wrap(small);
        }
        start = 0;
        end = remaining;
    }

    /** Puts bytes a cancelled read had taken back in front of the buffer. */
    private void unread(byte[] bytes, int length) {
        if (length == 0) {
            return;
        }
        if (start >= length) {
            start -= length;
        } else {
            byte[] bigger = new byte[length + end - start];
            System.arraycopy(buf, start, bigger, length, end - start);
            end = bigger.length;
            start = 0;
            buf = bigger;
            view = ByteBuffer.wrap(buf);
        }
        System.arraycopy(bytes, 0, buf, start, length);
    }

    /** Index in buf of the first delimiter among the unread bytes, or -1; remembers how far it looked. */
    private int indexOf(byte[] delimiter) {
        int dl = delimiter.length;
        int from = start + Math.max(0, scanned - (dl - 1));
        int last = end - dl;
        byte first = delimiter[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < dl; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        scanned = end - start;
        return -1;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[buffered=" + buffered() + (eof ? ", eof" : "") + "]";
    }

    // ---- the reads as promises ------------------------------------------------------------------

    /** A pending read: {@link #attempt()} makes what progress it can without waiting. */
    private abstract static class ReadOp<T> extends Promise<T> {
        final AsyncReader reader;
        private final String name;

        ReadOp(AsyncReader reader, String name) {
            this.reader = reader;
            this.name = name;
        }

        /** The result, or NOT_YET to wait until the source is readable. Throws to fail the read. */
        abstract Object attempt() throws IOException;

        /** Gives back what a cancelled read had taken. */
        void undo() {
        }

        @SuppressWarnings("unchecked")
        final void succeed(Object result) {
            complete((T) result);
        }

        @Override
        protected boolean onCancel() {
            // Detach first: whoever the cancellation resumes may start the next read at once.
            reader.cancelled(this);
            return super.onCancel();
        }

        @Override
        public String taskName() {
            return name;
        }
    }

    private static final class ReadInto extends ReadOp<Integer> {
        private final ByteBuffer dst;

        ReadInto(AsyncReader reader, ByteBuffer dst) {
            super(reader, "read");
            this.dst = dst;
        }

        @Override
        Object attempt() throws IOException {
            AsyncReader r = reader;
            int buffered = r.buffered();
            if (buffered > 0) {
                int n = Math.min(buffered, dst.remaining());
                dst.put(r.buf, r.start, n);
                r.consume(n);
                return n;
            }
            if (r.eof) {
                return -1;
            }
            if (!dst.hasRemaining()) {
                return 0;
            }
            int n = r.sourceRead(dst);
            return n == 0 ? NOT_YET : (Object) n;
        }
    }

    private static final class ReadExactly extends ReadOp<byte[]> {
        private final byte[] target;
        private int filled;

        ReadExactly(AsyncReader reader, int n) {
            super(reader, "readExactly");
            this.target = new byte[n];
        }

        @Override
        Object attempt() throws IOException {
            AsyncReader r = reader;
            int n = target.length;
            while (filled < n) {
                int buffered = r.buffered();
                if (buffered > 0) {
                    int k = Math.min(buffered, n - filled);
                    System.arraycopy(r.buf, r.start, target, filled, k);
                    r.consume(k);
                    filled += k;
                    continue;
                }
                if (r.eof) {
                    throw new IncompleteReadException(Arrays.copyOf(target, filled), n);
                }
                // Small remainders go through the buffer (one syscall may bring the next message too).
                boolean direct = n - filled >= INITIAL_CAPACITY;
                int k = direct ? r.sourceRead(ByteBuffer.wrap(target, filled, n - filled)) : r.fillBuffer(INITIAL_CAPACITY);
                if (k == 0) {
                    return NOT_YET;
                }
                if (direct && k > 0) {
                    filled += k;
                }
            }
            return target;
        }

        @Override
        void undo() {
            reader.unread(target, filled);
            filled = 0;
        }
    }

    private static final class ReadUntil<T> extends ReadOp<T> {
        private final byte[] delimiter;
        private final int max;
        private final boolean line;

        ReadUntil(AsyncReader reader, byte[] delimiter, int max, boolean line) {
            super(reader, line ? "readLine" : "readUntil");
            this.delimiter = delimiter;
            this.max = max;
            this.line = line;
        }

        @Override
        Object attempt() throws IOException {
            AsyncReader r = reader;
            int dl = delimiter.length;
            // Unread bytes that may still turn out to belong to the terminator.
            int slack = dl - 1 + (line ? 1 : 0);
            while (true) {
                int at = r.indexOf(delimiter);
                if (at >= 0) {
                    int length = at - r.start;
                    if (line && length > 0 && r.buf[at - 1] == '\r') {
                        length--;
                    }
                    if (length > max) {
                        throw overrun();
                    }
                    try {
                        return line
                                ? StrictUtf8.decode(r.buf, r.start, length, "readLine")
                                : Arrays.copyOfRange(r.buf, r.start, at + dl);
                    } finally {
                        r.consume(at + dl - r.start);   // a malformed line is consumed too
                    }
                }
                int buffered = r.buffered();
                if (buffered - slack > max) {
                    throw overrun();
                }
                if (r.eof) {
                    return atEnd(r, buffered);
                }
                if (r.fillBuffer((long) max + slack + 1) == 0) {
                    return NOT_YET;
                }
            }
        }

        private Object atEnd(AsyncReader r, int buffered) throws IOException {
            if (!line) {
                byte[] partial = Arrays.copyOfRange(r.buf, r.start, r.end);
                r.consume(buffered);
                throw new IncompleteReadException(partial, -1);
            }
            if (buffered == 0) {
                return null;
            }
            if (buffered > max) {
                throw overrun();
            }
            try {
                return StrictUtf8.decode(r.buf, r.start, buffered, "readLine");
            } finally {
                r.consume(buffered);
            }
        }

        private LimitOverrunException overrun() {
            return new LimitOverrunException(line
                    ? "line longer than " + max + " bytes"
                    : "delimiter not found within " + max + " bytes", max);
        }
    }

    private static final class ReadAll extends ReadOp<byte[]> {
        private final int max;

        ReadAll(AsyncReader reader, int max) {
            super(reader, "readAll");
            this.max = max;
        }

        @Override
        Object attempt() throws IOException {
            AsyncReader r = reader;
            while (!r.eof) {
                if (r.buffered() > max) {
                    throw overrun();
                }
                if (r.fillBuffer((long) max + 1) == 0) {
                    return NOT_YET;
                }
            }
            int buffered = r.buffered();
            if (buffered > max) {
                throw overrun();
            }
            byte[] all = Arrays.copyOfRange(r.buf, r.start, r.end);
            r.consume(buffered);
            return all;
        }

        private LimitOverrunException overrun() {
            return new LimitOverrunException("more than " + max + " bytes before the end of the stream", max);
        }
    }
}
