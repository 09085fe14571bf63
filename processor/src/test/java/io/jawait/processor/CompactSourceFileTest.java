package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;

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

    @Test
    void typesDeclaredInACompactSourceFileAcrossAwaits() {
        // They were written qualified by the implicit class's name ("package Shapes does not exist").
        assumeTrue(Runtime.version().feature() >= 25, "compact source files need JDK 25");
        var program = CompiledProgram.compile("Shapes", """
                import io.jawait.*;
                import static io.jawait.Tasks.*;
                import java.util.*;

                record Pair(int a, String b) {}

                static class Box {
                    static class Lid {
                        String color = "red";
                    }
                }

                enum Size { S, L }

                @Async
                static Task<String> describe(Pair first, List<Pair> more, Box.Lid lid, Size size) {
                    Pair p = new Pair(first.a() + 1, first.b());
                    Map<Size, Pair> bySize = new EnumMap<>(Size.class);
                    bySize.put(size, p);
                    await(sleep(1));
                    Box.Lid[] lids = {lid};
                    await(sleep(1));
                    return Task.of(p + " " + more.size() + " " + lids[0].color + " " + bySize);
                }

                static String run() {
                    return Tasks.run(() -> describe(new Pair(1, "x"), List.of(new Pair(2, "y")), new Box.Lid(), Size.L));
                }

                void main() {
                }
                """);
        assertEquals("Pair[a=2, b=x] 1 red {L=Pair[a=2, b=x]}", program.call("run"));
    }

    @Test
    void aLocalOfTheImplicitClassesOwnTypeAcrossAnAwaitIsAnErrorOnItsDeclaration() {
        // The state machine would have to name the class; javac said "cannot find symbol" on the method.
        assumeTrue(Runtime.version().feature() >= 25, "compact source files need JDK 25");
        Compilation c = CompiledProgram.withProcessor().compile(JavaFileObjects.forSourceString("Selfish", """
                import io.jawait.*;
                import static io.jawait.Tasks.*;

                int n;

                @Async
                Task<Integer> work() {
                    var self = this;
                    await(sleep(1));
                    return Task.of(self.n);
                }

                void main() {
                }
                """));
        List<String> errors = c.errors().stream().map(d -> d.getLineNumber() + ": " + d.getMessage(null)).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("8: local variable self has the type of this compact source file's "
                + "implicitly declared class"), errors.toString());
    }
}
