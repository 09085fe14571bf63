package io.jawait.processor.differential;

import java.util.Set;

/** The state shared while one program is generated: randomness, enabled features, fresh names. */
final class Generation {
    final Chance chance;
    final Set<Feature> features;
    /** Number of {@code @Async} methods {@code m0..m(n-1)}; {@code mi} may call only {@code mj} with j > i. */
    final int methodCount;
    /** Which of the methods are instance methods, called on the program's {@code INSTANCE}. */
    final boolean[] instance;
    /**
     * For the cancellation oracle (see {@link CancellationOracle}): only what a blocking await can
     * model under cancellation, so no task runs concurrently with the one that awaits it, and only
     * {@code m0} can end with something other than the cancellation once it reached it.
     */
    final boolean forCancellation;
    int currentMethod;
    private int names;
    private int tags;

    Generation(long seed, Set<Feature> features, boolean[] instance, boolean forCancellation) {
        this.forCancellation = forCancellation;
        this.chance = new Chance(seed);
        this.features = features;
        this.methodCount = instance.length;
        this.instance = instance.clone();
    }

    boolean has(Feature f) {
        return features.contains(f);
    }

    /** A name never used before in this program, e.g. {@code v12}. */
    String name(String prefix) {
        return prefix + names++;
    }

    /** A log tag never used before, so every log line says which site produced it. */
    String tag(String prefix) {
        return prefix + tags++;
    }

    /**
     * Whether tasks may run while no one awaits them: kept in variables and awaited later, or
     * completing a future another task awaits. The blocking reference runs them where they are
     * created, so it cannot say where a cancellation meets them.
     */
    boolean concurrentTasks() {
        return !forCancellation;
    }

    /**
     * Whether the current method may catch a cancellation ({@code catch (RuntimeException e)}) or
     * replace it: a finally block may throw or return; an {@code AsyncRes} whose awaited close is
     * cancelled adds the cancellation as suppressed to the body's exception, which a narrow catch
     * may then swallow. Under cancellation only the entry {@code m0} may: a method whose caller
     * also awaited when the cancellation came, and which ends otherwise than cancelled, makes the
     * runtime deliver the cancellation to that caller as well (at its next await after the value,
     * or as a {@code CancellationException} caused by the failure); the blocking reference has no
     * such second delivery.
     */
    boolean mayCatchOrReplaceCancellation() {
        return !forCancellation || currentMethod == 0;
    }

    /** Whether the current method may call another generated {@code @Async} method. */
    boolean hasCallee() {
        return currentMethod + 1 < methodCount;
    }

    /** A later method, as a call target: {@code m2} or {@code INSTANCE.m2}. */
    String callee() {
        int m = chance.between(currentMethod + 1, methodCount - 1);
        return (instance[m] ? "INSTANCE.m" : "m") + m;
    }
}
