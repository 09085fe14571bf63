package io.jawait.io;

import io.jawait.AsyncCloseable;
import io.jawait.Task;
import io.jawait.internal.io.BlockingIo;
import io.jawait.internal.io.StrictUtf8;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Awaitable file I/O: whole files in one call (like {@link Files}), and an open file for reads and
 * writes at given positions. Operating systems offer no readiness for regular files, so each call
 * runs on {@link io.jawait.Tasks#toThread}'s pool of daemon threads (as asyncio's
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
    private final FileChannel channel;

    private AsyncFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    // ---- whole files ----------------------------------------------------------------------------

    /** The file's bytes. <pre>{@code byte[] image = await(AsyncFile.readAllBytes(path));}</pre> */
    public static Task<byte[]> readAllBytes(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return BlockingIo.call(() -> Files.readAllBytes(path));
    }

    /**
     * The file's text, decoded as UTF-8 (malformed input fails with
     * {@link java.nio.charset.MalformedInputException} naming the file and the offset, like
     * {@link AsyncReader#readLine}).
     * <pre>{@code String text = await(AsyncFile.readString(path));}</pre>
     */
    public static Task<String> readString(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return BlockingIo.call(() -> {
            byte[] bytes = Files.readAllBytes(path);
            return StrictUtf8.decode(bytes, 0, bytes.length, "readString " + path);
        });
    }

    /**
     * Writes {@code bytes} to the file, with {@link Files#write(Path, byte[], OpenOption...)}'s
     * options (default: create, truncate, write).
     * <pre>{@code await(AsyncFile.write(path, bytes, StandardOpenOption.APPEND, StandardOpenOption.CREATE));}</pre>
     */
    public static Task<Void> write(Path path, byte[] bytes, OpenOption... options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        OpenOption[] opts = options.clone();
        return BlockingIo.call(() -> {
            Files.write(path, bytes, opts);
            return null;
        });
    }

    /** Writes {@code text} as UTF-8. <pre>{@code await(AsyncFile.writeString(path, "hello\n"));}</pre> */
    public static Task<Void> writeString(Path path, CharSequence text, OpenOption... options) throws IOException {
        Objects.requireNonNull(text, "text");
        return write(path, text.toString().getBytes(StandardCharsets.UTF_8), options);
    }

    // ---- open files -----------------------------------------------------------------------------

    /**
     * Opens a file for positional reads and writes, with {@link FileChannel#open}'s options
     * (default: read).
     * <pre>{@code AsyncFile log = await(AsyncFile.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE));}</pre>
     */
    public static Task<AsyncFile> open(Path path, OpenOption... options) throws IOException {
        Objects.requireNonNull(path, "path");
        Set<OpenOption> opts = new HashSet<>(Arrays.asList(options));
        return BlockingIo.call(() -> new AsyncFile(path, FileChannel.open(path, opts)), AsyncFile::close);
    }

    /**
     * Reads into {@code dst} from {@code position}: the number of bytes read (possibly fewer than
     * {@code dst} has room for), or -1 at or past the end of the file.
     * <pre>{@code int n = await(file.read(buffer, offset));}</pre>
     */
    public Task<Integer> read(ByteBuffer dst, long position) throws IOException {
        Objects.requireNonNull(dst, "dst");
        checkPosition(position);
        return BlockingIo.call(() -> dst.hasRemaining() ? channel.read(dst, position) : 0);
    }

    /**
     * Reads {@code length} bytes from {@code position}, or fewer if the file ends first (none at
     * or past its end).
     * <pre>{@code byte[] block = await(file.read(4096L * index, 4096));}</pre>
     */
    public Task<byte[]> read(long position, int length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        checkPosition(position);
        return BlockingIo.call(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // short reads happen; go on until full or at the end
            }
            return buffer.position() == length ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
        });
    }

    /**
     * Writes all of {@code src}'s remaining bytes at {@code position} (extending the file if
     * needed).
     * <pre>{@code await(file.write(ByteBuffer.wrap(record), 128L * slot));}</pre>
     */
    public Task<Void> write(ByteBuffer src, long position) throws IOException {
        Objects.requireNonNull(src, "src");
        checkPosition(position);
        return BlockingIo.call(() -> {
            long at = position;
            while (src.hasRemaining()) {
                at += channel.write(src, at);
            }
            return null;
        });
    }

    /** Writes {@code bytes} at {@code position}. <pre>{@code await(file.write(0, header));}</pre> */
    public Task<Void> write(long position, byte[] bytes) throws IOException {
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
    public Task<Void> force(boolean metaData) throws IOException {
        return BlockingIo.call(() -> {
            channel.force(metaData);
            return null;
        });
    }

    private static void checkPosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position: " + position);
        }
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
     * {@link java.nio.channels.AsynchronousCloseException}, later ones with
     * {@link java.nio.channels.ClosedChannelException}. Idempotent.
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
}
