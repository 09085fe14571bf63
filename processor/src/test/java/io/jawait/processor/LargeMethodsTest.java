package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A method that fits the class file's 64 KB limit on a method's code as plain Java still fits once
 * it is a state machine. What grows with the method is the work at each suspension: storing what
 * is live and clearing what may still hold an earlier reference; clearing every dead field at
 * every suspension made it (locals × suspensions) and "code too large" (found by the differential
 * generator's functional-target templates, 3 of 400 programs on JDK 25).
 */
class LargeMethodsTest {

    /** Reference locals that each live across one await of many: each suspension clears the one before it. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void manyReferenceLocalsEachLiveAcrossOneOfManyAwaits(Mode mode) {
        int locals = 120;
        StringBuilder body = new StringBuilder();
        int expected = 0;
        for (int i = 0; i < locals; i++) {
            body.append("String s").append(i).append(" = \"x\" + await(get(").append(i).append("));\n");
            body.append("sum += await(get(1));\n");
            body.append("sum += s").append(i).append(".length();\n");
            expected += 1 + ("x" + i).length();
        }
        var p = DualModeProgram.compile("ManyLocals", """
                @Async
                static Task<Integer> run() {
                    int sum = 0;
                    $BODY$
                    return Task.of(sum);
                }
                """.replace("$BODY$", body));
        assertEquals(expected, (int) p.run(mode, "run"));
    }
}
