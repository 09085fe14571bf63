package io.jawait.processor.emit;

/**
 * Java source for the value of a constant variable: a constant expression of exactly the
 * variable's type, so that replacing the variable by it keeps every use a constant expression
 * ({@code case K:}, compile-time string concatenation and its interned result) and keeps overload
 * resolution as it was ({@code (byte) 1} for a byte, not {@code 1}).
 */
public final class ConstantText {
    private ConstantText() {
    }

    public static String of(Object value) {
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Integer i) {
            return i < 0 ? "(" + i + ")" : i.toString();
        }
        if (value instanceof Long l) {
            return l < 0 ? "(" + l + "L)" : l + "L";
        }
        if (value instanceof Character c) {
            return "((char) " + (int) c + ")";
        }
        if (value instanceof Byte b) {
            return "((byte) " + b + ")";
        }
        if (value instanceof Short s) {
            return "((short) " + s + ")";
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Float f) {
            return floating(f, f.isNaN(), Float.toString(f), "f");
        }
        if (value instanceof Double d) {
            return floating(d, d.isNaN(), Double.toString(d), "d");
        }
        throw new IllegalArgumentException("not a constant value: " + value);
    }

    private static String floating(double value, boolean nan, String text, String suffix) {
        if (nan) {
            return "(0.0" + suffix + " / 0.0" + suffix + ")";
        }
        if (Double.isInfinite(value)) {
            return "(" + (value < 0 ? "-" : "") + "1.0" + suffix + " / 0.0" + suffix + ")";
        }
        return text.startsWith("-") ? "(" + text + suffix + ")" : text + suffix;
    }

    /** A string literal; characters outside printable ASCII as octal escapes or as themselves, never as \\u escapes (javac translates those before lexing). */
    private static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        // Three digits always, so that a digit after it is not taken into the escape.
                        // Not String.format: its parser costs more than the rest of the emitter
                        // while javac still runs interpreted (line tables have such chars).
                        out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                                .append((char) ('0' + (c & 7)));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
