package io.jawait.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The methods every await, step and completion runs through stay small enough for HotSpot to
 * inline them where they are hot (FreqInlineSize, 325 bytes of bytecode on x86-64 and AArch64).
 * When {@code Coroutine.runStep} grew past it, a chain of nested calls became 15-20% slower (see
 * benchmarks/ANALYSIS.md, issue 11); this catches the next such growth at build time, without timing
 * anything.
 */
class HotPathSizeTest {
    private static final int FREQ_INLINE_SIZE = 325;

    @Test
    void coroutineHotPathsFitHotSpotsInliningLimit() throws IOException {
        Map<String, Integer> sizes = codeSizes(Coroutine.class);
        for (String method : new String[] {"runStep", "resumeOnce", "$start", "$await", "$result", "finishSelf"}) {
            Integer size = sizes.get(method);
            assertTrue(size != null, "Coroutine." + method + " not found in " + sizes.keySet());
            assertTrue(size < FREQ_INLINE_SIZE, "Coroutine." + method + " has " + size
                    + " bytes of bytecode; at " + FREQ_INLINE_SIZE + " or more HotSpot no longer inlines it"
                    + " where it is hot: move rare work out of line");
        }
    }

    /** Bytes of bytecode per method name (the largest of overloads), read from the class file. */
    private static Map<String, Integer> codeSizes(Class<?> type) throws IOException {
        String resource = type.getSimpleName() + ".class";
        try (InputStream raw = type.getResourceAsStream(resource);
                DataInputStream in = new DataInputStream(raw)) {
            in.readInt(); // magic
            in.readInt(); // minor, major version
            String[] utf8 = readConstantPool(in);
            in.skipBytes(6); // access flags, this class, super class
            in.skipBytes(2 * in.readUnsignedShort()); // interfaces
            skipMembers(in); // fields
            Map<String, Integer> sizes = new HashMap<>();
            int methods = in.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                in.skipBytes(2); // access flags
                String name = utf8[in.readUnsignedShort()];
                in.skipBytes(2); // descriptor
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (attribute.equals("Code")) {
                        in.skipBytes(4); // max stack, max locals
                        int codeLength = in.readInt();
                        sizes.merge(name, codeLength, Math::max);
                        in.skipBytes(length - 8);
                    } else {
                        in.skipBytes(length);
                    }
                }
            }
            return sizes;
        }
    }

    /** The constant pool's UTF-8 entries by index (other entries null). */
    private static String[] readConstantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // takes two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return utf8;
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.skipBytes(6);
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.skipBytes(2);
                in.skipBytes(in.readInt());
            }
        }
    }
}
