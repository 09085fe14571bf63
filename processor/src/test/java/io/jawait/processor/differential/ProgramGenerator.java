package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.OTHER;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a seed into a program: a class extending the {@link ProgramHarness} with one to three
 * generated {@code @Async} methods {@code m0..m2} ({@code m0} is the static entry; the others may be
 * instance methods, called on the program's {@code INSTANCE}; a method only calls later ones, so
 * there is no recursion). The same seed and features always give the same program.
 */
final class ProgramGenerator {
    private final Set<Feature> features;
    private final boolean forCancellation;

    ProgramGenerator(Set<Feature> features) {
        this(features, false);
    }

    /** With {@code forCancellation}, programs for the cancellation oracle (see {@link Generation#forCancellation}). */
    ProgramGenerator(Set<Feature> features, boolean forCancellation) {
        this.features = Set.copyOf(features);
        this.forCancellation = forCancellation;
    }

    static String className(long seed) {
        return "D" + Long.toUnsignedString(seed);
    }

    GeneratedProgram generate(long seed) {
        Chance sizes = new Chance(seed ^ 0x5DEECE66DL);
        boolean[] instance = new boolean[sizes.between(1, 3)];
        for (int m = 1; m < instance.length; m++) {
            instance[m] = features.contains(Feature.INSTANCE_METHODS) && sizes.percent(40);
        }
        Generation gen = new Generation(seed, features, instance, forCancellation);
        StatementGenerator statements = new StatementGenerator(gen, new ExpressionGenerator(gen));
        String className = className(seed);
        List<Object> parts = new ArrayList<>();
        parts.add(ProgramHarness.header(className, seed, gen));
        for (int m = 0; m < instance.length; m++) {
            gen.currentMethod = m;
            int size = m == 0 ? sizes.between(12, 30) : sizes.between(4, 12);
            // An instance method may also assign the program's field f, plainly or through this.
            List<String> assignable = instance[m] ? List.of("p0", "p1", "f", "this.f") : List.of("p0", "p1");
            Node body = statements.methodBody(Scope.method(assignable), size);
            parts.add(Node.of(OTHER, "\n    @Async\n    " + (instance[m] ? "" : "static ") + "Task<Integer> m" + m
                    + "(int p0, int p1) {", body, "}\n"));
        }
        parts.add(ProgramHarness.footer(sizes.between(-2, 5), sizes.between(-2, 5)));
        return new GeneratedProgram(className, seed, Node.of(OTHER, parts.toArray()));
    }
}
