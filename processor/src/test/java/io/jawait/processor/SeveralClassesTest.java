package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several classes with {@code @Async} methods in one javac run must not disturb each other. */
class SeveralClassesTest {

    /**
     * Found by the differential tests. javac caches the speculative types of method arguments by
     * (offset, current source file); attributing one class's method under another file's name let a
     * cached conditional of class A be taken for the method call at the same offset in class B.
     */
    @Test
    void argumentsAtTheSameOffsetInTwoFilesAreAttributedSeparately() {
        String a = """
                import io.jawait.*;
                import static io.jawait.Tasks.*;
                public class A {
                    static int f(int v) { return v; }
                    static int hhhhhhhhh(int v) { return v + 10; }
                    @Async static Task<Integer> m(int p) {
                        return Task.of(await(Task.of(f(((p > 3) ? 1 : 2)))));
                    }
                }
                """;
        // The same text, with a method call where A has its conditional (same offset).
        String b = a.replace("public class A", "public class B").replace("f(((p > 3) ? 1 : 2))", "f(hhhhhhhhh(1))");
        assertEquals(a.indexOf("?"), b.indexOf("hhhhhhhhh(1)") + "hhhhhhhhh".length());
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("A", a);
        sources.put("B", b);
        CompiledProgram.Batch batch = CompiledProgram.compileBatch(CompiledProgram.withProcessor(), sources,
                SeveralClassesTest.class.getClassLoader());
        assertTrue(batch.succeeded(), batch.diagnostics());
        assertEquals(1, (int) batch.program("A").run("m", 5));
        assertEquals(2, (int) batch.program("A").run("m", 0));
        assertEquals(11, (int) batch.program("B").run("m", 0));
    }
}
