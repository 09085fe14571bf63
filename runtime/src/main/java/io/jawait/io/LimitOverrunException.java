package io.jawait.io;

import java.io.IOException;

/**
 * A delimited read ({@link AsyncReader#readLine}, {@link AsyncReader#readUntil},
 * {@link AsyncReader#readAll}) found more bytes than its limit allows. The bytes stay in the
 * reader's buffer (at most the limit plus the delimiter), so memory stays bounded; usually the
 * connection is closed next.
 * <pre>{@code
 * try {
 *     String line = await(stream.readLine(1024));
 * } catch (LimitOverrunException e) {
 *     await(stream.write("ERR line longer than " + e.limit() + " bytes\n"));
 *     stream.close();
 * }
 * }</pre>
 */
public class LimitOverrunException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int limit;

    public LimitOverrunException(String message, int limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit that was exceeded, in bytes. */
    public int limit() {
        return limit;
    }
}
