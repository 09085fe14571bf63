package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Locals and intermediate values whose types Java code cannot write down (intersections, least
 * upper bounds, anonymous classes) keep their exact types across awaits: every member and overload
 * the user's code picks is the one it picks without the transform.
 */
class TypesAcrossAwaitsTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anonymousSubclassesOfMemberClassesOfTheSameClass(Mode mode) {
        // Attributing such a class once made javac attribute the whole enclosing class in place.
        var p = DualModeProgram.compile("AnonymousOfMember", """
                static class Base {
                    int f() { return 1; }
                }

                interface Shape {
                    int area();
                }

                int offset = 100;

                @Async
                static Task<String> run() {
                    Base b = new Base() { @Override int f() { return 42; } };
                    Shape s = new Shape() { public int area() { return await2(); } };
                    await(get(0));
                    return Task.of(b.f() + " " + s.area() + " " + await(new AnonymousOfMember().inner()));
                }

                static int await2() { return 7; }

                @Async
                Task<Integer> inner() {
                    Base b = new Base() { @Override int f() { return offset + super.f(); } };
                    await(get(0));
                    return Task.of(b.f());
                }
                """);
        assertEquals("42 7 101", p.run(mode, "run"));
    }
}
