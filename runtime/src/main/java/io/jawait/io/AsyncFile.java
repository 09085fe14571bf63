package io.jawait.io;

import io.jawait.AsyncCloseable;
import io.jawait.Task;
import io.jawait.internal.LoopCore;
import io.jawait.internal.StageTask;
import io.jawait.internal.io.BlockingIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Awaitable file I/O: whole files in one call (like {@link Files}), and an open file for reads and
 * writes at given positions. Operating systems offer no readiness for regular files, so the work
 * runs on a few daemon threads (through {@link AsynchronousFileChannel}, as asyncio's
 * {@code to_thread} and aiofiles do) and the tasks complete on the loop; the loop never blocks.
 * <pre>{@code
 * String config = await(AsyncFile.readString(Path.of("app.conf")));
 * await(AsyncFile.writeString(Path.of("out.txt"), report));
 *
 * try (AsyncFile file = await(AsyncFile.open(path, StandardOpenOption.READ))) {
 *     byte[] header = await(file.read(0, 512));         // fewer bytes if the file is shorter
 * }
 * }</pre>
 *
 * <p>Buffers and arrays passed in must not be changed until the task completes. Cancelling a task
 * stops waiting for it; the read or write itself still finishes (a file opened meanwhile is
 * closed). Errors are the JDK's ({@link java.nio.file.NoSuchFileException},
 * {@link java.nio.file.AccessDeniedException}, ...), thrown by {@code await}.
 */
public final class AsyncFile implements AsyncCloseable {
    private final Path path;
    private final AsynchronousFileChannel channel;

    private AsyncFile(Path path, AsynchronousFileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    // ---- whole files ----------------------------------------------------------------------------

    /** The file's bytes. <pre>{@code byte[] image = await(AsyncFile.readAllBytes(path));}</pre> */
    public static Task<byte[]> readAllBytes(Path path) {
        Objects.requireNonNull(path, "path");
        LoopCore.require();
        return BlockingIo.call(() -> Files.readAllBytes(path));
    }

    /**
     * The file's text, decoded as UTF-8 (malformed input fails with
     * {@link java.nio.charset.MalformedInputException}).
     * <pre>{@code String text = await(AsyncFile.readString(path));}</pre>
     */
    public static Task<String> readString(Path path) {
        Objects.requireNonNull(path, "path");
        LoopCore.require();
        return BlockingIo.call(() -> Files.readString(path, StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code bytes} to the file, with {@link Files#write(Path, byte[], OpenOption...)}'s
     * options (default: create, truncate, write).
     * <pre>{@code await(AsyncFile.write(path, bytes, StandardOpenOption.APPEND, StandardOpenOption.CREATE));}</pre>
     */
    public static Task<Void> write(Path path, byte[] bytes, OpenOption... options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        OpenOption[] opts = options.clone();
        LoopCore.require();
        return BlockingIo.call(() -> {
            Files.write(path, bytes, opts);
            return null;
        });
    }

    /** Writes {@code text} as UTF-8. <pre>{@code await(AsyncFile.writeString(path, "hello\n"));}</pre> */
    public static Task<Void> writeString(Path path, CharSequence text, OpenOption... options) {
        Objects.requireNonNull(text, "text");
        return write(path, text.toString().getBytes(StandardCharsets.UTF_8), options);
    }

    // ---- open files -----------------------------------------------------------------------------

    /**
     * Opens a file for positional reads and writes, with {@link AsynchronousFileChannel}'s options
     * (default: read).
     * <pre>{@code AsyncFile log = await(AsyncFile.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE));}</pre>
     */
    public static Task<AsyncFile> open(Path path, OpenOption... options) {
        Objects.requireNonNull(path, "path");
        Set<OpenOption> opts = new HashSet<>(Arrays.asList(options));
        LoopCore.require();
        return BlockingIo.call(
                () -> new AsyncFile(path, AsynchronousFileChannel.open(path, opts, BlockingIo.executor())),
                AsyncFile::close);
    }

    /**
     * Reads into {@code dst} from {@code position}: the number of bytes read (possibly fewer than
     * {@code dst} has room for), or -1 at or past the end of the file.
     * <pre>{@code int n = await(file.read(buffer, offset));}</pre>
     */
    public Task<Integer> read(ByteBuffer dst, long position) {
        Objects.requireNonNull(dst, "dst");
        return new Transfer<Integer>(channel, dst, position, false, false, n -> n).start();
    }

    /**
     * Reads {@code length} bytes from {@code position}, or fewer if the file ends first (none at
     * or past its end).
     * <pre>{@code byte[] block = await(file.read(4096L * index, 4096));}</pre>
     */
    public Task<byte[]> read(long position, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        byte[] bytes = new byte[length];
        return new Transfer<>(channel, ByteBuffer.wrap(bytes), position, false, true,
                n -> n == length ? bytes : Arrays.copyOf(bytes, Math.max(0, n))).start();
    }

    /**
     * Writes all of {@code src}'s remaining bytes at {@code position} (extending the file if
     * needed).
     * <pre>{@code await(file.write(ByteBuffer.wrap(record), 128L * slot));}</pre>
     */
    public Task<Void> write(ByteBuffer src, long position) {
        Objects.requireNonNull(src, "src");
        return new Transfer<Void>(channel, src, position, true, true, n -> null).start();
    }

    /** Writes {@code bytes} at {@code position}. <pre>{@code await(file.write(0, header));}</pre> */
    public Task<Void> write(long position, byte[] bytes) {
        return write(ByteBuffer.wrap(bytes), position);
    }

    /** The file's current size. <pre>{@code long end = file.size();}</pre> */
    public long size() throws IOException {
        return channel.size();
    }

    /**
     * Forces written data (and with {@code metaData}, the file's metadata) to the storage device.
     * <pre>{@code await(file.force(false));}</pre>
     */
    public Task<Void> force(boolean metaData) {
        return BlockingIo.call(() -> {
            channel.force(metaData);
            return null;
        });
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** True until {@link #close()}. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Closes the file; reads and writes still in flight fail with
     * {@link java.nio.channels.AsynchronousCloseException}. Idempotent.
     * <pre>{@code file.close();}</pre>
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a file channel does not fail in practice; nothing to recover
        }
    }

    /** {@link #close()}; completes at once. Lets try-with-resources in @Async code close the file. */
    @Override
    public Task<Void> closeAsync() {
        close();
        return Task.done();
    }

    @Override
    public String toString() {
        return "AsyncFile[" + path + (channel.isOpen() ? "" : ", closed") + "]";
    }

    /**
     * One read or write on the channel's threads: repeated until the buffer is full or empty when
     * {@code complete} is set (each step is issued from the completion of the previous one, off
     * the loop), then completing, with {@code result} applied to the byte count (-1 for the end of
     * the file), a future that the loop's task follows.
     */
    private static final class Transfer<T> extends CompletableFuture<T> implements CompletionHandler<Integer, Void> {
        private final AsynchronousFileChannel channel;
        private final ByteBuffer buffer;
        private final boolean write;
        private final boolean complete;
        private final IntFunction<T> result;
        private long position;
        private int total;

        Transfer(AsynchronousFileChannel channel, ByteBuffer buffer, long position, boolean write, boolean complete,
                IntFunction<T> result) {
            if (position < 0) {
                throw new IllegalArgumentException("negative position: " + position);
            }
            this.channel = channel;
            this.buffer = buffer;
            this.position = position;
            this.write = write;
            this.complete = complete;
            this.result = result;
        }

        Task<T> start() {
            Task<T> task = StageTask.of(this);
            if (!buffer.hasRemaining()) {
                complete(result.apply(0));
            } else {
                step();
            }
            return task;
        }

        private void step() {
            try {
                if (write) {
                    channel.write(buffer, position, null, this);
                } else {
                    channel.read(buffer, position, null, this);
                }
            } catch (RuntimeException e) {
                completeExceptionally(e);
            }
        }

        @Override
        public void completed(Integer n, Void unused) {
            if (n < 0) {
                complete(result.apply(total == 0 ? -1 : total));
                return;
            }
            total += n;
            position += n;
            if (complete && buffer.hasRemaining()) {
                step();
            } else {
                complete(result.apply(total));
            }
        }

        @Override
        public void failed(Throwable error, Void unused) {
            completeExceptionally(error);
        }
    }
}
