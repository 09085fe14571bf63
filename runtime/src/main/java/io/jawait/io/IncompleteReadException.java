package io.jawait.io;

import java.io.EOFException;

/**
 * The stream ended before {@link AsyncReader#readExactly} got its bytes or
 * {@link AsyncReader#readUntil} found its delimiter. The bytes that did arrive are in
 * {@link #partial()} (asyncio's {@code IncompleteReadError}).
 * <pre>{@code
 * try {
 *     byte[] header = await(stream.readExactly(16));
 * } catch (IncompleteReadException e) {
 *     System.out.println("peer left after " + e.partial().length + " bytes");
 * }
 * }</pre>
 */
public class IncompleteReadException extends EOFException {
    private static final long serialVersionUID = 1L;
    private final byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected the number of bytes expected, or -1 when a delimiter was expected
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(expected < 0
                ? "end of stream after " + partial.length + " bytes, before the delimiter"
                : "end of stream after " + partial.length + " of " + expected + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the stream ended (not a copy). */
    public byte[] partial() {
        return partial;
    }

    /** How many bytes were expected, or -1 when a delimiter was. */
    public int expected() {
        return expected;
    }
}
