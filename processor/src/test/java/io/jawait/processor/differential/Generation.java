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
    int currentMethod;
    private int names;
    private int tags;

    Generation(long seed, Set<Feature> features, boolean[] instance) {
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
