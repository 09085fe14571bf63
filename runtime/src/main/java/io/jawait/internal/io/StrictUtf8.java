package io.jawait.internal.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding that refuses malformed input, for every text read of the I/O layer
 * ({@code AsyncReader.readLine}, {@code AsyncFile.readString}), so that they fail the same way:
 * with a {@link MalformedInputException} whose message says where the bad bytes are, instead of
 * the JDK's bare "Input length = 1" or a silent U+FFFD.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /**
     * Decodes {@code length} bytes of {@code bytes} from {@code offset}.
     *
     * @param what names the read in the message, e.g. {@code "readLine"}
     * @throws MalformedInputException if the bytes are not well-formed UTF-8
     */
    public static String decode(byte[] bytes, int offset, int length, String what) throws MalformedInputException {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        // The JDK's decoder is fastest in its replacing mode; well-formed input has no U+FFFD unless
        // it encodes one itself, and only then is the slower checking pass needed.
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(length), true);
        if (!result.isError()) {
            result = decoder.flush(CharBuffer.allocate(1));
        }
        if (result.isError()) {
            throw new Described(result.length(), what + ": not valid UTF-8: " + result.length()
                    + " malformed byte(s) at byte " + (in.position() - offset) + " of " + length);
        }
        return text;
    }

    /** The JDK's exception type, so that callers catch what {@code Files.readString} throws, with a useful message. */
    private static final class Described extends MalformedInputException {
        private static final long serialVersionUID = 1L;
        private final String message;

        Described(int inputLength, String message) {
            super(inputLength);
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
