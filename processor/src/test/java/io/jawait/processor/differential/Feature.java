package io.jawait.processor.differential;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Constructs the generator can use. The default set holds what the processor handles; the others
 * can be switched on for a campaign with {@code -Djawait.differential.features=+name,-name}.
 */
enum Feature {
    /** Awaits of {@code CompletableFuture}s that are complete or completed later by another task. */
    COMPLETION_STAGES(true),
    /** Classic and arrow switch statements over ints, strings and enums, with awaits in selector and cases. */
    SWITCH_STATEMENTS(true),
    /** Switch expressions (arrow and {@code yield}) with awaits. */
    SWITCH_EXPRESSIONS(true),
    /** try-with-resources with awaits in resource initializers and bodies. */
    TRY_WITH_RESOURCES(true),
    /** Resources whose close is awaited ({@code AsyncCloseable}) in try-with-resources. */
    ASYNC_RESOURCES(true),
    /** return, break and continue that leave a finally block. */
    JUMPS_OUT_OF_FINALLY(true),
    /** byte, short, char and long locals under every compound assignment operator. */
    NARROW_AND_WIDE_TYPES(true),
    /** Lambdas that capture final locals which live across awaits. */
    CAPTURING_LAMBDAS(true),
    /** Instance {@code @Async} methods that read and assign a field, plainly and through {@code this}. */
    INSTANCE_METHODS(true),
    /** Intersection and wildcard types, lubs and generic {@code @Async} methods with bounded type variables. */
    GENERICS(true),
    /** Boxed locals under compound assignments and {@code ++}, null unboxing, numeric promotion. */
    BOXING(true),
    /** Constant variables used after an await as {@code case} labels, in narrowing and in string identity. */
    CONSTANTS(true),
    /** Local, anonymous and inner classes, lambdas, method and constructor references capturing locals. */
    CLASSES(true),
    /** {@code super.m(await(x))} and {@code I.super.m(...)} in instance methods, next to the overrides. */
    SUPER_CALLS(true),
    /**
     * Lambdas and method references as operands next to awaits, typed by their targets: generic
     * methods and constructors inferred from both, overloads, varargs, conditionals, intersection
     * casts, awaited receivers of method references.
     */
    FUNCTIONAL_OPERANDS(true),
    /**
     * Constructor references of generic classes, switch expressions yielding lambdas and method
     * references, wildcard-typed functional locals, each across awaits.
     */
    FUNCTIONAL_TARGETS(true),
    /** Failures of awaited tasks and futures caught by try/catch/finally that await in every block. */
    AWAITED_FAILURES(true),
    /** Awaits of {@code @Async} recursion 1,000 to 1,300 levels deep, also failing through finally blocks. */
    DEEP_RECURSION(true);

    private final boolean byDefault;

    Feature(boolean byDefault) {
        this.byDefault = byDefault;
    }

    static Set<Feature> defaults() {
        Set<Feature> set = EnumSet.noneOf(Feature.class);
        for (Feature f : values()) {
            if (f.byDefault) {
                set.add(f);
            }
        }
        return set;
    }

    /** The default set changed by a spec like {@code "+switch_statements,-completion_stages"}. */
    static Set<Feature> parse(String spec) {
        Set<Feature> set = defaults();
        if (spec == null || spec.isBlank()) {
            return set;
        }
        for (String item : spec.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            boolean remove = s.startsWith("-");
            String name = s.startsWith("+") || remove ? s.substring(1) : s;
            Feature f = valueOf(name.toUpperCase(Locale.ROOT));
            if (remove) {
                set.remove(f);
            } else {
                set.add(f);
            }
        }
        return set;
    }
}
