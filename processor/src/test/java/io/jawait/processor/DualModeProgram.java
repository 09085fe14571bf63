package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The standard shape of a behaviour-test program: a public class with the test's members plus helpers
 * that produce awaitable values in one of two {@link Mode}s, so every construct is checked both with
 * awaits that complete at once and with awaits that really suspend.
 *
 * <p>Helpers available to the members:
 * <ul>
 *   <li>{@code get(v)}: a {@code Task<T>} of {@code v}, already completed or completing after a real
 *       suspension ({@code sleep(1)}), depending on the mode;</li>
 *   <li>{@code fail(e)}: a {@code Task<T>} failing with exactly {@code e}, already failed or failing
 *       after a real suspension;</li>
 *   <li>{@code sneaky(e)}: throws any throwable unchecked ({@code throw sneaky(e);}).</li>
 * </ul>
 * The imports are {@code io.jawait.*}, {@code static io.jawait.Tasks.*}, {@code java.util.*},
 * {@code java.util.concurrent.*} and {@code java.util.function.*}.
 *
 * <p>Compilations are cached by source, so a program used by a parameterized test compiles once.
 */
final class DualModeProgram {

    /** How the program's {@code get}/{@code fail} helpers complete. */
    enum Mode {
        /** {@code get}/{@code fail} return already-completed tasks: awaits never suspend. */
        COMPLETED,
        /** {@code get}/{@code fail} return tasks that complete after a real suspension of the loop. */
        SUSPENDING
    }

    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private final CompiledProgram program;

    private DualModeProgram(CompiledProgram program) {
        this.program = program;
    }

    /** Compiles {@code public class className { helpers; members }}. */
    static DualModeProgram compile(String className, String members) {
        String source = source(className, members);
        Object cached = CACHE.computeIfAbsent(source, s -> {
            try {
                return new DualModeProgram(CompiledProgram.compile(className, s));
            } catch (AssertionError e) {
                return e;
            }
        });
        if (cached instanceof AssertionError) {
            throw (AssertionError) cached;
        }
        return (DualModeProgram) cached;
    }

    static String source(String className, String members) {
        return """
                import io.jawait.*;
                import static io.jawait.Tasks.*;
                import java.util.*;
                import java.util.concurrent.*;
                import java.util.function.*;

                public class $CLASS$ {
                    static boolean suspending;

                    @SuppressWarnings("unchecked")
                    static <T> Task<T> get(T value) {
                        return suspending ? (Task<T>) (Task<?>) suspendThenReturn(value) : Task.of(value);
                    }

                    @SuppressWarnings("unchecked")
                    static <T> Task<T> fail(Throwable error) {
                        return suspending ? (Task<T>) (Task<?>) suspendThenThrow(error) : Task.failed(error);
                    }

                    @Async
                    static Task<Object> suspendThenReturn(Object value) {
                        await(sleep(1));
                        return Task.of(value);
                    }

                    @Async
                    static Task<Object> suspendThenThrow(Throwable error) {
                        await(sleep(1));
                        throw $CLASS$.<RuntimeException>sneaky(error);
                    }

                    @SuppressWarnings("unchecked")
                    static <X extends Throwable> X sneaky(Throwable t) throws X {
                        throw (X) t;
                    }

                // ---- test members ----
                $MEMBERS$
                }
                """.replace("$CLASS$", className).replace("$MEMBERS$", members);
    }

    /** Calls a plain static method directly, with no event loop. */
    Object call(String staticMethod, Object... args) {
        return program.call(staticMethod, args);
    }

    /** Runs the static method on a new event loop in the given mode; see {@link CompiledProgram#run}. */
    <T> T run(Mode mode, String staticMethod, Object... args) {
        program.setStatic("suspending", mode == Mode.SUSPENDING);
        return program.run(staticMethod, args);
    }

    /** Runs in both modes, asserts both gave the same value, and returns it. */
    Object runBoth(String staticMethod, Object... args) {
        Object completed = run(Mode.COMPLETED, staticMethod, args);
        Object suspending = run(Mode.SUSPENDING, staticMethod, args);
        assertEquals(completed, suspending, "COMPLETED and SUSPENDING modes disagree");
        return completed;
    }

    CompiledProgram compiled() {
        return program;
    }
}
