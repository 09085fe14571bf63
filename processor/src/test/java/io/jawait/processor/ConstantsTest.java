package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A constant variable (a {@code final} local of primitive or String type initialised with a constant
 * expression, JLS 4.12.4) is still one after an await: it can label a case, its concatenations are
 * computed at compile time (so they are the interned string), and its type picks the same overload.
 */
class ConstantsTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constantsDeclaredBeforeAnAwaitLabelCasesAfterIt(Mode mode) {
        var p = DualModeProgram.compile("CaseConstants", """
                @Async
                static Task<String> run(int n, String s) {
                    final int K = 2;
                    final String NAME = "two";
                    final char C = 'c';
                    await(get(0));
                    String out = switch (n) {
                        case K -> "K";
                        case K + 1 -> "K+1";
                        default -> "other";
                    };
                    switch (s) {
                        case NAME: out += "/" + NAME; break;
                        default: out += "/?";
                    }
                    switch (s.charAt(0)) {
                        case C -> out += "/C";
                        default -> out += "/-";
                    }
                    return Task.of(out);
                }
                """);
        assertEquals("K/two/-", p.run(mode, "run", 2, "two"));
        assertEquals("K+1/?/C", p.run(mode, "run", 3, "c"));
        assertEquals("other/?/-", p.run(mode, "run", 7, "x"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void concatenationsOfConstantsAreTheInternedStringAfterAnAwait(Mode mode) {
        var p = DualModeProgram.compile("ConstantIdentity", """
                @Async
                static Task<String> run() {
                    final String A = "ab";
                    final String B = "cd";
                    final int N = 4;
                    await(get(0));
                    boolean concatenated = (A + B) == "abcd";
                    boolean withNumber = (A + N) == "ab4";
                    Supplier<Boolean> inLambda = () -> (B + A) == "cdab";
                    return Task.of(concatenated + " " + withNumber + " " + inLambda.get());
                }
                """);
        assertEquals("true true true", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constantsKeepTheirTypeAndValueInEveryForm(Mode mode) {
        var p = DualModeProgram.compile("ConstantForms", """
                static String which(byte b) { return "byte"; }
                static String which(short s) { return "short"; }
                static String which(char c) { return "char"; }
                static String which(int i) { return "int"; }
                static String which(long l) { return "long"; }
                static String which(float f) { return "float"; }
                static String which(double d) { return "double"; }

                @Async
                static Task<String> run() {
                    final byte B = -7;
                    final short S = 300;
                    final char C = '\\n';
                    final long L = Long.MIN_VALUE;
                    final float NAN = Float.NaN;
                    final double NEG = -1.5e-300;
                    final double INF = Double.NEGATIVE_INFINITY;
                    final int MIN = Integer.MIN_VALUE;
                    final String TEXT = "q\\"uo\\\\te\\t\\u0001" + "1\\u00e9";
                    await(get(0));
                    String types = which(B) + which(S) + which(C) + which(L) + which(NAN) + which(NEG) + which(MIN);
                    String values = B + "," + S + "," + (int) C + "," + L + "," + NAN + "," + NEG + "," + INF + "," + MIN;
                    return Task.of(types + " " + values + " " + TEXT.length() + TEXT.equals("q\\"uo\\\\te\\t\\u00011\\u00e9"));
                }
                """);
        assertEquals("byteshortcharlongfloatdoubleint -7,300,10," + Long.MIN_VALUE + ",NaN,-1.5E-300,-Infinity,"
                + Integer.MIN_VALUE + " 11true", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constantsReadByALocalClassUsedAfterAnAwait(Mode mode) {
        var p = DualModeProgram.compile("ConstantInClass", """
                @Async
                static Task<String> run(int n) {
                    final int LIMIT = 3;
                    class Check {
                        String of(int v) {
                            switch (v) {
                                case LIMIT: return "limit";
                                default: return v < LIMIT ? "below" : "above";
                            }
                        }
                    }
                    int v = await(get(n));
                    return Task.of(new Check().of(v) + LIMIT);
                }
                """);
        assertEquals("limit3", p.run(mode, "run", 3));
        assertEquals("below3", p.run(mode, "run", 1));
    }
}
