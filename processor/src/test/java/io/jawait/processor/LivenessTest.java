package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A suspended state machine holds only what the rest of its method may still read: measured on
 * the heap, by whether a garbage collection can clear a weak reference to a local's object while
 * the machine waits (the program reports it; the test compares the reports).
 *
 * <p>Each program's worker suspends on a {@code CompletableFuture} that its driver completes; the
 * driver, on the same loop, yields until the worker waits at the await under test, then asks for
 * garbage collections until the references are cleared (or gives up after a few), and reports.
 * The processor before liveness held all three objects these tests expect freed.
 */
class LivenessTest {

    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.lang.ref.WeakReference;
            import java.util.*;
            import java.util.concurrent.CompletableFuture;

            public class Heap {
                static final int MB = 1 << 20;
                static CompletableFuture<Integer> gate;
                /** Set by a worker right before the await under test. */
                static int stage;
                static final List<WeakReference<Object>> made = new ArrayList<>();

                static Object track(Object o) {
                    made.add(new WeakReference<>(o));
                    return o;
                }

                /** Yields until the worker waits at stage {@code wanted}. */
                @Async
                static Task<Void> reach(Task<Integer> worker, int wanted) {
                    for (int i = 0; i < 1000 && stage != wanted; i++) {
                        await(yieldNow());
                    }
                    if (stage != wanted || worker.isDone()) {
                        throw new IllegalStateException("the worker did not reach stage " + wanted);
                    }
                    return Task.done();
                }

                /** Whether each object made so far can be collected now: "freed" or "held". */
                static String report() {
                    for (int g = 0; g < 5 && made.stream().anyMatch(r -> r.get() != null); g++) {
                        System.gc();
                    }
                    StringBuilder report = new StringBuilder();
                    for (WeakReference<Object> r : made) {
                        report.append(r.get() == null ? "freed " : "held ");
                    }
                    return report.toString().trim();
                }

                /** Completes the current gate with {@code v} and sets a new one. */
                static void open(int v) {
                    CompletableFuture<Integer> g = gate;
                    gate = new CompletableFuture<>();
                    g.complete(v);
                }

                @Async
                static Task<Integer> loopBody(int rounds) {
                    int total = 0;
                    for (int i = 0; i < rounds; i++) {
                        stage = i;
                        total += await(gate);
                        byte[] big = (byte[]) track(new byte[MB]);
                        stage = 10 + i;
                        total += await(gate) + big.length;
                    }
                    return Task.of(total);
                }

                @Async
                static Task<String> previousIterationIsFreed() {
                    made.clear();
                    stage = -1;
                    gate = new CompletableFuture<>();
                    Task<Integer> worker = loopBody(2);
                    open(1);
                    await(reach(worker, 10));
                    String whileRead = report();
                    open(1);
                    // Iteration 0's array is dead while iteration 1 waits at its first await.
                    await(reach(worker, 1));
                    String report = whileRead + ", " + report();
                    open(1);
                    await(reach(worker, 11));
                    open(1);
                    return Task.of(report + " / " + await(worker));
                }

                @Async
                static Task<Integer> usedBeforeAndAfter() {
                    byte[] kept = (byte[]) track(new byte[MB]);
                    byte[] dropped = (byte[]) track(new byte[MB]);
                    int n = dropped.length;
                    stage = 1;
                    n += await(gate);
                    return Task.of(n + kept.length);
                }

                @Async
                static Task<String> onlyWhatIsReadLaterIsHeld() {
                    made.clear();
                    stage = -1;
                    gate = new CompletableFuture<>();
                    Task<Integer> worker = usedBeforeAndAfter();
                    await(reach(worker, 1));
                    String report = report();
                    open(1);
                    return Task.of(report + " / " + await(worker));
                }

                @Async
                static Task<Integer> temporaries() {
                    List<Object> list = new ArrayList<>();
                    // The left operand is evaluated before the await, into a temporary read after it.
                    String s = (String) track(new String(new char[MB])) + await(gate);
                    list.add(s);
                    stage = 2;
                    await(gate);
                    return Task.of(list.size() + s.length());
                }

                @Async
                static Task<String> deadTemporariesAreFreed() {
                    made.clear();
                    stage = -1;
                    gate = new CompletableFuture<>();
                    Task<Integer> worker = temporaries();
                    open(1);
                    await(reach(worker, 2));
                    String report = report();
                    open(2);
                    return Task.of(report + " / " + await(worker));
                }
            }
            """;

    private static final CompiledProgram PROGRAM = CompiledProgram.compile("Heap", SOURCE);

    @Test
    void aLocalOfALoopBodyDoesNotKeepThePreviousIterationsObjectWhileTheNextAwaitWaits() {
        assertEquals("held, freed / " + (4 + 2 * (1 << 20)), PROGRAM.run("previousIterationIsFreed"));
    }

    @Test
    void aSuspendedTaskHoldsALocalReadAfterTheAwaitAndNotOneThatIsDeadThere() {
        assertEquals("held freed / " + (1 + 2 * (1 << 20)), PROGRAM.run("onlyWhatIsReadLaterIsHeld"));
    }

    @Test
    void aTemporaryIsNotHeldAfterItsLastRead() {
        assertEquals("freed / " + (2 + (1 << 20)), PROGRAM.run("deadTemporariesAreFreed"));
    }
}
