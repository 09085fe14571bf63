/**
 * The javac annotation processor behind {@code @Async}: {@link io.jawait.processor.AsyncProcessor}
 * rewrites each annotated method, inside its own class, into a call that starts a state machine held
 * in a new private member class, whose steps run the method's code in a new private method of the
 * same class. Users only put this jar on the annotation processor path; nothing
 * here is called from their code.
 *
 * <pre>{@code
 * <annotationProcessorPaths>
 *   <path><groupId>io.jawait</groupId><artifactId>jawait-processor</artifactId><version>...</version></path>
 * </annotationProcessorPaths>
 * }</pre>
 *
 * <p>The pipeline, one package per stage: {@code validate} (the declaration, then every misplaced
 * await), {@code analyse} (awaits, locals that live across them, jump targets), {@code lower} (awaits
 * moved to statement level in Java's evaluation order), {@code split} (basic blocks and try regions,
 * built as the {@code ir} state machine, on which liveness is computed), {@code emit} (the state machine
 * class and the step method as text, with its dispatch switch and exception table, filled with the
 * user's own trees). Only
 * {@code javac} touches {@code com.sun.tools.javac}; {@code model} holds what the stages share;
 * {@code resident} keeps the processor loaded between compilations. How
 * the stages fit is described in {@code docs/how-it-works.md}.
 *
 * <p>Code that runs for every method prefers a plain loop to a lambda or a method reference (a
 * {@code computeIfAbsent}, a {@code forEach}, a stream): in the first compilation of a JVM, and in
 * each one where the processor cannot stay loaded ({@code resident}), each lambda call site spins a
 * class of its own the first time it runs, some 0.3 ms each, against nothing for a loop (issue 12,
 * figures in {@code benchmarks/ANALYSIS.md}).
 */
package io.jawait.processor;
