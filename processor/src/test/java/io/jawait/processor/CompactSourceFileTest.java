package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code @Async} methods in a compact source file (JDK 25, JEP 512: an implicitly declared class with
 * an instance {@code void main()}): instance and static methods are transformed like a named class's.
 */
class CompactSourceFileTest {

    @Test
    void asyncMethodsOfAnImplicitlyDeclaredClassRunFromItsInstanceMain() {
        assumeTrue(Runtime.version().feature() >= 25, "compact source files need JDK 25");
        var program = CompiledProgram.compile("Compact", """
                import io.jawait.*;
                import static io.jawait.Tasks.*;

                static int seen;

                @Async
                Task<Integer> twice(int x) {
                    int before = x;
                    await(sleep(1));
                    return Task.of(before * 2 + await(label("ab")).length());
                }

                @Async
                static Task<String> label(String s) {
                    await(sleep(1));
                    return Task.of("<" + s + ">");
                }

                void main() {
                    seen = Tasks.run(() -> twice(20));
                }

                static Integer viaMain() throws Exception {
                    var type = java.lang.invoke.MethodHandles.lookup().lookupClass();
                    var main = type.getDeclaredMethod("main");
                    main.setAccessible(true);
                    main.invoke(type.getDeclaredConstructor().newInstance());
                    return seen;
                }
                """);
        assertEquals("<x>", program.run("label", "x"));
        assertEquals(44, (Integer) program.call("viaMain"));
    }
}
