package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jawait.processor.DualModeProgram.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * try-with-resources across awaits, checked against JLS 14.20.3 (closing order, suppressed
 * exceptions, null resources, failing initialisers, catch and finally after closing, existing
 * variables as resources), and {@code io.jawait.AsyncCloseable} resources whose close is awaited.
 * The expected logs are what the same code gives with a blocking await.
 */
class ResourcesTest {

    /** An AutoCloseable and an AsyncCloseable that log what happens to them, and optionally fail to close. */
    private static final String RESOURCES = """
            static final class Res implements AutoCloseable {
                final List<String> log; final String name; final RuntimeException closeFailure;
                Res(List<String> log, String name, RuntimeException closeFailure) {
                    this.log = log; this.name = name; this.closeFailure = closeFailure;
                    log.add("open " + name);
                }
                @Override public void close() {
                    log.add("close " + name);
                    if (closeFailure != null) throw closeFailure;
                }
            }

            static final class Conn implements AsyncCloseable {
                final List<String> log; final String name; final RuntimeException closeFailure;
                Conn(List<String> log, String name, RuntimeException closeFailure) {
                    this.log = log; this.name = name; this.closeFailure = closeFailure;
                    log.add("open " + name);
                }
                @Override public Task<Void> closeAsync() { return closing(this); }
            }

            @Async
            static Task<Void> closing(Conn c) {
                c.log.add("closing " + c.name);
                await(get(0));
                c.log.add("closed " + c.name);
                if (c.closeFailure != null) throw c.closeFailure;
                return Task.done();
            }
            """;

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, RESOURCES + members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncCloseableResourcesAreAwaitedInReverseOrderWithTheAutoCloseableOnes(Mode mode) {
        var p = compile("AsyncResources", """
                @Async
                static Task<String> run(List<String> log) {
                    try (var a = new Conn(log, "a", null);
                         Res b = new Res(log, "b", null);
                         Conn c = new Conn(log, await(get("c")), null)) {
                        log.add("body");
                    }
                    log.add("after");
                    return Task.of("done");
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("done", p.run(mode, "run", log));
        assertEquals(List.of("open a", "open b", "open c", "body", "closing c", "closed c", "close b",
                "closing a", "closed a", "after"), log);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncCloseWithoutAnyOtherAwaitIsStillAwaited(Mode mode) {
        var p = compile("OnlyAsyncClose", """
                @Async
                static Task<String> run(List<String> log) {
                    try (Conn c = new Conn(log, "c", null)) {
                        log.add("body");
                    }
                    log.add("after");
                    return Task.of("done");
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("done", p.run(mode, "run", log));
        assertEquals(List.of("open c", "body", "closing c", "closed c", "after"), log);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAsyncCloseableIsToldTheExceptionThatLeftItsBlock(Mode mode) {
        var p = compile("CloseCause", """
                static final class Tx implements AsyncCloseable {
                    final List<String> log;
                    Tx(List<String> log) { this.log = log; }
                    @Override public Task<Void> closeAsync() { log.add("commit"); return Task.done(); }
                    @Override public Task<Void> closeAsync(Throwable cause) {
                        log.add("rollback after " + cause.getMessage());
                        return Task.done();
                    }
                }

                @Async
                static Task<String> run(List<String> log, boolean fail) {
                    try (Tx tx = new Tx(log)) {
                        await(get(1));
                        if (fail) throw new IllegalStateException("body failed");
                    }
                    return Task.of("done");
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("done", p.run(mode, "run", log, false));
        var e = assertThrows(IllegalStateException.class, () -> p.run(mode, "run", log, true));
        assertEquals(0, e.getSuppressed().length);
        assertEquals(List.of("commit", "rollback after body failed"), log);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bodyFailureIsPrimaryAndCloseFailuresAreSuppressedInClosingOrder(Mode mode) {
        var p = compile("Suppressed", """
                @Async
                static Task<String> run(List<String> log, RuntimeException body, RuntimeException closeA,
                        RuntimeException closeB) {
                    try (Conn a = new Conn(log, "a", closeA); Res b = new Res(log, "b", closeB)) {
                        await(get(1));
                        if (body != null) throw body;
                        log.add("body");
                    }
                    return Task.of("done");
                }
                """);
        List<String> log = new ArrayList<>();
        var body = new IllegalStateException("body");
        var closeA = new IllegalArgumentException("close a");
        var closeB = new UnsupportedOperationException("close b");
        var e = assertThrows(IllegalStateException.class, () -> p.run(mode, "run", log, body, closeA, closeB));
        assertSame(body, e);
        assertEquals(List.of(closeB, closeA), List.of(e.getSuppressed()));
        assertEquals(List.of("open a", "open b", "close b", "closing a", "closed a"), log);

        // Without a body failure, the first close failure is primary and later ones are suppressed in it.
        List<String> log2 = new ArrayList<>();
        var closeB2 = new UnsupportedOperationException("close b");
        var e2 = assertThrows(UnsupportedOperationException.class, () -> p.run(mode, "run", log2, null, closeA, closeB2));
        assertSame(closeB2, e2);
        assertEquals(List.of(closeA), List.of(e2.getSuppressed()));
        assertEquals(List.of("open a", "open b", "body", "close b", "closing a", "closed a"), log2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void existingVariablesAsResourcesAndNullResources(Mode mode) {
        var p = compile("ExistingResources", """
                final Res field;
                ExistingResources(Res field) { this.field = field; }

                @Async
                Task<String> run(List<String> log) {
                    Conn c = new Conn(log, "c", null);
                    Res none = null;
                    try (c; none; this.field; Res inner = null) {
                        log.add("body" + await(get(1)));
                    }
                    return Task.of("done");
                }

                @Async
                static Task<String> start(List<String> log) {
                    return new ExistingResources(new Res(log, "field", null)).run(log);
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("done", p.run(mode, "start", log));
        assertEquals(List.of("open field", "open c", "body1", "close field", "closing c", "closed c"), log);
    }

    /**
     * Found by the differential tests: {@code try (r)} without an await inside, over a variable that
     * lives across an await elsewhere (so became a field), did not compile ("neither final nor
     * effectively final").
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void existingVariableThatLivesAcrossAnAwaitAsResourceOfATryThatDoesNotAwait(Mode mode) {
        var p = compile("ExistingAcrossAwait", """
                @Async
                static Task<String> run(List<String> log) {
                    Res r = new Res(log, "r", null);
                    try (r) {
                        log.add("body");
                    }
                    log.add("after" + await(get(1)));
                    return Task.of(r.name);
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("r", p.run(mode, "run", log));
        assertEquals(List.of("open r", "body", "close r", "after1"), log);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingInitialiserClosesOnlyWhatWasOpenedAndCatchAndFinallyRunAfterClosing(Mode mode) {
        var p = compile("FailingInit", """
                static Res failing(List<String> log) {
                    log.add("init fails");
                    throw new IllegalStateException("init");
                }

                @Async
                static Task<String> run(List<String> log, boolean fail) {
                    try (Conn a = new Conn(log, "a", null);
                         Res b = fail ? failing(log) : new Res(log, await(get("b")), null);
                         Res c = new Res(log, "c", null)) {
                        log.add("body");
                    } catch (IllegalStateException e) {
                        log.add("catch " + e.getMessage() + " " + await(get(1)));
                    } finally {
                        log.add("finally");
                    }
                    return Task.of(String.join(", ", log));
                }
                """);
        assertEquals("open a, init fails, closing a, closed a, catch init 1, finally",
                p.run(mode, "run", new ArrayList<String>(), true));
        assertEquals("open a, open b, open c, body, close c, close b, closing a, closed a, finally",
                p.run(mode, "run", new ArrayList<String>(), false));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void returnBreakAndContinueLeaveThroughTheCloses(Mode mode) {
        var p = compile("JumpsOut", """
                @Async
                static Task<String> run(List<String> log) {
                    for (int i = 0; i < 3; i++) {
                        try (Conn c = new Conn(log, "c" + i, null)) {
                            if (i == 0) continue;
                            if (i == 1) break;
                        }
                    }
                    try (Res r = new Res(log, "r", null)) {
                        return Task.of("returned " + await(get(7)));
                    } finally {
                        log.add("finally");
                    }
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("returned 7", p.run(mode, "run", log));
        assertEquals(List.of("open c0", "closing c0", "closed c0", "open c1", "closing c1", "closed c1",
                "open r", "close r", "finally"), log);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nestedTryWithResourcesAndResourceUsedInsideLambdas(Mode mode) {
        var p = compile("NestedResources", """
                @Async
                static Task<String> run(List<String> log) {
                    try (Conn outer = new Conn(log, "outer", null)) {
                        Supplier<String> name = () -> outer.name;
                        try (Res inner = new Res(log, "inner", null)) {
                            await(get(0));
                            log.add("uses " + name.get() + " and " + inner.name);
                        }
                        log.add("between");
                    }
                    return Task.of(String.join(", ", log));
                }
                """);
        assertEquals("open outer, open inner, uses outer and inner, close inner, between, closing outer, closed outer",
                p.run(mode, "run", new ArrayList<String>()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void whereTheMethodCannotSuspendAnAsyncCloseableIsClosedByClose(Mode mode) {
        // Its close was an await there: left untransformed in a synchronized block (a run-time
        // IllegalStateException), and releasing the monitor of a synchronized method.
        var p = compile("CloseUnderMonitor", """
                static final Object LOCK = new Object();

                static final class Locked implements AsyncCloseable {
                    final List<String> log;
                    Locked(List<String> log) { this.log = log; }
                    @Override public Task<Void> closeAsync() {
                        log.add("closeAsync, lock held: " + Thread.holdsLock(LOCK));
                        return Task.done();
                    }
                    @Override public void close() {
                        log.add("close, lock held: " + Thread.holdsLock(LOCK));
                    }
                }

                @Async
                static Task<String> inBlock(List<String> log) {
                    synchronized (LOCK) {
                        try (Locked r = new Locked(log)) {
                            log.add("body");
                        }
                    }
                    try (Locked r = new Locked(log)) {
                        log.add("outside " + await(get(1)));
                    }
                    return Task.of("done");
                }

                @Async
                static synchronized Task<String> inMethod(List<String> log) {
                    try (Locked r = new Locked(log)) {
                        log.add("body, lock held: " + Thread.holdsLock(CloseUnderMonitor.class));
                    }
                    return Task.of("done");
                }
                """);
        List<String> log = new ArrayList<>();
        assertEquals("done", p.run(mode, "inBlock", log));
        assertEquals(List.of("body", "close, lock held: true", "outside 1", "closeAsync, lock held: false"), log);
        log.clear();
        assertEquals("done", p.run(mode, "inMethod", log));
        assertEquals(List.of("body, lock held: true", "close, lock held: false"), log);
    }
}
