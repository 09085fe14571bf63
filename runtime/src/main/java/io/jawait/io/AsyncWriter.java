package io.jawait.io;

import io.jawait.AsyncCloseable;
import io.jawait.Task;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Awaitable writes with back-pressure, like asyncio's {@code StreamWriter}: the write side of a
 * {@link io.jawait.net.TcpStream} and the input of a {@link Subprocess}.
 * <pre>{@code
 * await(stream.write("HELLO\n"));   // suspends only while more than the high-water mark is queued
 * await(stream.drain());            // everything written so far has been handed to the OS
 * stream.close();                   // flushes what is queued, then closes
 * }</pre>
 *
 * <p>{@code write} takes all the bytes before it returns (writes them, or copies what the OS
 * cannot take yet), so the caller may reuse its array or buffer at once. The returned task
 * completes at once while the queue of unwritten bytes is under the high-water mark (64 KiB by
 * default); past it, it completes once the queue is back under the low-water mark (16 KiB).
 * Awaiting every write therefore bounds the memory a slow peer can make the writer use. A write
 * error fails that write and every later one (and closes the stream). The writes declare
 * {@link IOException}, the failure their tasks may have (a reset, a broken pipe), as blocking
 * writes do: a {@code catch (IOException e)} around the await is valid Java with or without the
 * processor.
 */
public interface AsyncWriter extends AsyncCloseable {
    /** Writes {@code bytes}; see the interface comment. <pre>{@code await(out.write(payload));}</pre> */
    Task<Void> write(byte[] bytes) throws IOException;

    /** Writes the remaining bytes of {@code src} (its position moves to its limit). <pre>{@code await(out.write(buffer.flip()));}</pre> */
    Task<Void> write(ByteBuffer src) throws IOException;

    /** Writes {@code text} encoded as UTF-8. <pre>{@code await(out.write("PING\r\n"));}</pre> */
    default Task<Void> write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Completes once every byte written so far has been handed to the OS. <pre>{@code await(out.drain());}</pre> */
    Task<Void> drain() throws IOException;

    /** Bytes written but not yet handed to the OS. <pre>{@code if (out.writeBufferSize() > limit) ...}</pre> */
    long writeBufferSize();

    /**
     * Stops writing: flushes what is queued, then closes. Never throws and never blocks; further
     * writes fail with {@link IllegalStateException}. <pre>{@code out.close();}</pre>
     */
    @Override
    void close();

    /**
     * {@link #close()}, then a task that completes once the queued bytes are flushed and the
     * resource is really closed (asyncio's {@code close(); await wait_closed()}). A
     * try-with-resources statement in an {@code @Async} method awaits it.
     * <pre>{@code try (TcpStream s = await(TcpStream.connect(host, port))) { ... }   // awaits closeAsync()}</pre>
     */
    @Override
    Task<Void> closeAsync();
}
