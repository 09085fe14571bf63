package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jawait.processor.DualModeProgram.Mode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * throw, try/catch/finally (awaits in try, catch and finally), jumps through finally, finally that
 * overrides, try-with-resources, and exception identity across awaits.
 */
class ExceptionsTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void throwAfterAwaitFailsTheTask(Mode mode) {
        var p = compile("ThrowAfterAwait", """
                @Async
                static Task<String> check(int n) {
                    int v = await(get(n));
                    if (v > 0) throw new IllegalArgumentException("bad " + v);
                    return Task.of("ok" + v);
                }
                """);
        assertEquals("ok0", p.run(mode, "check", 0));
        var e = assertThrows(IllegalArgumentException.class, () -> p.run(mode, "check", 5));
        assertEquals("bad 5", e.getMessage());
    }

    /** Found by the differential tests: an await that did not suspend fell into the return path. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void returnInsideTryBeforeAnAwaitLeavesOnlyWhenTaken(Mode mode) {
        var p = compile("ReturnInTryBeforeAwait", """
                @Async
                static Task<String> run(boolean early) {
                    try {
                        if (early) return Task.of("early");
                        if (await(get(false))) {
                        } else {
                        }
                    } catch (ArithmeticException e) {
                    }
                    return Task.of("late");
                }
                """);
        assertEquals("late", p.run(mode, "run", false));
        assertEquals("early", p.run(mode, "run", true));
    }

    /**
     * Found by the differential tests: javac's tree copier gives a copied rule case the original's
     * body, so after try-with-resources was desugared the await finder walked user trees that were
     * never attributed (internal error "not part of the attributed body").
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void tryWithResourcesThatAwaitsNextToArrowCasesThatCallMethods(Mode mode) {
        var p = compile("ResourcesAndArrowCases", """
                @Async
                static Task<String> run(int n) {
                    List<String> log = new ArrayList<>();
                    switch (n) {
                        case 1 -> { log.add("one"); }
                        default -> { log.add("other"); }
                    }
                    try (AutoCloseable r = switch (n) {
                            case 1 -> { String c = "closed " + n; await(get(0)); yield () -> log.add(c); }
                            default -> () -> log.add("closed");
                         }) {
                        log.add(switch (n) { case 1 -> { log.add("arm"); yield "body" + await(get(n)); } default -> "body"; });
                    } catch (Exception e) {
                        log.add("never");
                    }
                    return Task.of(String.join(",", log));
                }
                """);
        assertEquals("one,arm,body1,closed 1", p.run(mode, "run", 1));
        assertEquals("other,body,closed", p.run(mode, "run", 2));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tryMultiCatchFinallyWithAwaitsInEveryBlock(Mode mode) {
        var p = compile("TryCatchFinally", """
                @Async
                static Task<String> run(int mode) {
                    List<String> log = new ArrayList<>();
                    try {
                        log.add("try" + await(get(mode)));
                        if (mode == 1) throw new IllegalStateException("x");
                        if (mode == 2) await(fail(new UnsupportedOperationException("y")));
                        log.add("tryEnd");
                    } catch (IllegalStateException | UnsupportedOperationException e) {
                        log.add("catch:" + await(get(e.getMessage())) + ":" + e.getClass().getSimpleName());
                    } finally {
                        log.add("finally" + await(get(mode * 10)));
                    }
                    log.add("after");
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("try0 tryEnd finally0 after", p.run(mode, "run", 0));
        assertEquals("try1 catch:x:IllegalStateException finally10 after", p.run(mode, "run", 1));
        assertEquals("try2 catch:y:UnsupportedOperationException finally20 after", p.run(mode, "run", 2));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void catchClausesAreTriedInOrderAndNestedTryRethrows(Mode mode) {
        var p = compile("CatchOrder", """
                @Async
                static Task<String> run(int mode) {
                    List<String> log = new ArrayList<>();
                    try {
                        try {
                            await(fail(mode == 0 ? new IllegalArgumentException("iae") : new ArithmeticException("ae")));
                        } catch (IllegalArgumentException e) {
                            log.add("inner:" + await(get(e.getMessage())));
                            throw new IllegalStateException("wrapped", e);
                        } finally {
                            log.add("innerFinally");
                        }
                    } catch (IllegalStateException e) {
                        log.add("outer:" + e.getMessage() + "<-" + e.getCause().getMessage());
                    } catch (RuntimeException e) {
                        log.add("runtime:" + await(get(e.getMessage())));
                    }
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("inner:iae innerFinally outer:wrapped<-iae", p.run(mode, "run", 0));
        assertEquals("innerFinally runtime:ae", p.run(mode, "run", 1));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void uncaughtExceptionRunsFinallyAndPropagatesTheOriginalObject(Mode mode) {
        var p = compile("Uncaught", """
                @Async
                static Task<String> run(List<String> log, RuntimeException error) {
                    try {
                        log.add("try");
                        await(fail(error));
                        log.add("not reached");
                    } catch (IllegalStateException e) {
                        log.add("wrong catch");
                    } finally {
                        log.add("finally" + await(get(1)));
                    }
                    log.add("not after");
                    return Task.of("unreachable");
                }
                """);
        List<String> log = new ArrayList<>();
        ArithmeticException error = new ArithmeticException("boom");
        assertSame(error, assertThrows(ArithmeticException.class, () -> p.run(mode, "run", log, error)));
        assertEquals(List.of("try", "finally1"), log);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void awaitThrowsTheOriginalExceptionObjectIncludingCheckedOnes(Mode mode) {
        var p = compile("Identity", """
                @Async
                static Task<Boolean> caughtIsSame(Throwable error) {
                    try {
                        await(fail(error));
                        return Task.of(false);
                    } catch (Exception caught) {
                        return Task.of(caught == error);
                    }
                }

                @Async
                static Task<Integer> propagate(Throwable error) {
                    int v = await(get(1));
                    return Task.of(v + get(2).await() + Identity.<Integer>fail(error).await());
                }
                """);
        IOException checked = new IOException("io");
        IllegalStateException unchecked = new IllegalStateException("ise");
        assertEquals(true, p.run(mode, "caughtIsSame", checked));
        assertEquals(true, p.run(mode, "caughtIsSame", unchecked));
        assertSame(checked, assertThrows(IOException.class, () -> p.run(mode, "propagate", checked)));
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> p.run(mode, "propagate", unchecked)));
        StackOverflowError error = new StackOverflowError("not really");
        assertSame(error, assertThrows(StackOverflowError.class, () -> p.run(mode, "propagate", error)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void breakAndContinuePassThroughFinallyThatAwaits(Mode mode) {
        var p = compile("JumpsThroughFinally", """
                @Async
                static Task<String> run() {
                    List<String> log = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        try {
                            log.add("t" + await(get(i)));
                            if (i == 1) continue;
                            if (i == 3) break;
                            log.add("b" + i);
                        } finally {
                            log.add("f" + await(get(i)));
                        }
                    }
                    outer:
                    while (true) {
                        try {
                            try {
                                await(get(0));
                                break outer;
                            } finally {
                                log.add("inner" + await(get(1)));
                            }
                        } finally {
                            log.add("outer" + await(get(2)));
                        }
                    }
                    log.add("end");
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("t0 b0 f0 t1 f1 t2 b2 f2 t3 f3 inner1 outer2 end", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void returnPassesThroughNestedFinallysAndKeepsTheValueComputedBeforeThem(Mode mode) {
        var p = compile("ReturnThroughFinally", """
                @Async
                static Task<String> run(List<String> log) {
                    int x = await(get(1));
                    try {
                        try {
                            log.add("try");
                            return Task.of("x" + x + await(get("!")));
                        } finally {
                            x = await(get(2));
                            log.add("inner" + x);
                        }
                    } finally {
                        log.add("outer" + await(get(x + 1)));
                    }
                }

                @Async
                static Task<String> inLoop(List<String> log) {
                    for (int i = 0; i < 10; i++) {
                        try {
                            if (await(get(i)) == 2) return Task.of("i" + i);
                        } finally {
                            log.add("f" + i);
                        }
                    }
                    return Task.of("none");
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("x1!", p.run(mode, "run", log));
        assertEquals(List.of("try", "inner2", "outer3"), log);
        List<String> loopLog = new ArrayList<>();
        assertEquals("i2", p.run(mode, "inLoop", loopLog));
        assertEquals(List.of("f0", "f1", "f2"), loopLog);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void finallyThatReturnsOverridesReturnAndException(Mode mode) {
        var p = compile("FinallyReturns", """
                @SuppressWarnings("finally")
                @Async
                static Task<String> run(int mode) {
                    try {
                        await(get(0));
                        if (mode == 0) return Task.of("try");
                        if (mode == 1) await(fail(new IllegalStateException("lost")));
                        throw new IllegalArgumentException("lost too");
                    } finally {
                        return Task.of("finally" + await(get(mode)));
                    }
                }
                """);
        assertEquals("finally0", p.run(mode, "run", 0));
        assertEquals("finally1", p.run(mode, "run", 1));
        assertEquals("finally2", p.run(mode, "run", 2));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void finallyThatThrowsOverridesReturnAndException(Mode mode) {
        var p = compile("FinallyThrows", """
                @SuppressWarnings("finally")
                @Async
                static Task<String> run(int mode) {
                    try {
                        await(get(0));
                        if (mode == 0) return Task.of("try");
                        throw new IllegalStateException("lost");
                    } finally {
                        await(get(1));
                        throw new UnsupportedOperationException("finally" + mode);
                    }
                }
                """);
        assertEquals("finally0", assertThrows(UnsupportedOperationException.class, () -> p.run(mode, "run", 0)).getMessage());
        assertEquals("finally1", assertThrows(UnsupportedOperationException.class, () -> p.run(mode, "run", 1)).getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void breakInFinallyDiscardsThePendingException(Mode mode) {
        var p = compile("FinallyBreaks", """
                @SuppressWarnings("finally")
                @Async
                static Task<String> run() {
                    List<String> log = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        try {
                            log.add("try" + i);
                            await(fail(new IllegalStateException("lost")));
                        } finally {
                            log.add("finally" + await(get(i)));
                            if (i == 0) continue;
                            break;
                        }
                    }
                    log.add("after");
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("try0 finally0 try1 finally1 after", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exceptionThrownInsideCatchAfterAwaitRunsFinallyAndKeepsCause(Mode mode) {
        var p = compile("ThrowFromCatch", """
                @Async
                static Task<String> run(List<String> log, RuntimeException original) {
                    try {
                        await(fail(original));
                    } catch (RuntimeException e) {
                        log.add("catch" + await(get(1)));
                        throw new IllegalArgumentException("from catch", e);
                    } finally {
                        log.add("finally" + await(get(2)));
                    }
                    return Task.of("unreachable");
                }
                """);
        List<String> log = new ArrayList<>();
        IllegalStateException original = new IllegalStateException("original");
        var e = assertThrows(IllegalArgumentException.class, () -> p.run(mode, "run", log, original));
        assertSame(original, e.getCause());
        assertEquals(List.of("catch1", "finally2"), log);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tryWithResourcesClosesInReverseOrderAfterAwaitsAndRecordsSuppressed(Mode mode) {
        var p = compile("TryWithResources", """
                static AutoCloseable res(List<String> log, String name, boolean failOnClose) {
                    log.add("open " + name);
                    return () -> {
                        log.add("close " + name);
                        if (failOnClose) throw new IllegalStateException("close " + name);
                    };
                }

                @Async
                static Task<String> run(List<String> log, boolean failBody) throws Exception {
                    try (AutoCloseable a = res(log, "a", false);
                         AutoCloseable b = res(log, await(get("b")), failBody)) {
                        log.add("body" + await(get(1)));
                        if (failBody) throw new UnsupportedOperationException("body");
                    } finally {
                        log.add("finally");
                    }
                    return Task.of("done");
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("done", p.run(mode, "run", log, false));
        assertEquals(List.of("open a", "open b", "body1", "close b", "close a", "finally"), log);

        List<String> failing = new ArrayList<>();
        var e = assertThrows(UnsupportedOperationException.class, () -> p.run(mode, "run", failing, true));
        assertEquals(1, e.getSuppressed().length);
        assertEquals("close b", e.getSuppressed()[0].getMessage());
        assertEquals(List.of("open a", "open b", "body1", "close b", "close a", "finally"), failing);
    }
}
