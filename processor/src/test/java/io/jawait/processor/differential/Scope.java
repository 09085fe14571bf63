package io.jawait.processor.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * What generated code may refer to at one point of a method: the locals in scope, the statements a
 * {@code break} or {@code continue} may target, and whether a {@code return} is allowed. Entering a
 * nested statement makes a child scope, so locals declared inside never leak out.
 */
final class Scope {

    /** A statement a jump may target; {@code label} is null for an unlabeled loop or switch. */
    record Target(String label, boolean loop, boolean switchStatement) {
    }

    /** A local of a type other than int, String and boolean: byte, short, char or long. */
    record Typed(String type, String name) {
    }

    /** Int locals and parameters that expressions may assign. */
    final List<String> mutableInts;
    /** Int locals that must not change (loop counters, enhanced-for variables). */
    final List<String> readOnlyInts;
    final List<String> strings;
    /** Locals of type {@code Task<Integer>} holding tasks without side effects. */
    final List<String> tasks;
    /** Catch parameters in scope. */
    final List<String> caught;
    /** Resources ({@code Res}) in scope. */
    final List<String> resources;
    /** byte, short, char and long locals. */
    final List<Typed> typed = new ArrayList<>();
    /** {@code IntSupplier} locals made by lambdas that captured final locals. */
    final List<String> suppliers = new ArrayList<>();
    /** Enclosing jump targets, innermost last. */
    final List<Target> targets;
    /** False inside a finally block when jumps out of finally are not generated. */
    final boolean mayReturn;
    /**
     * True inside a try block, catch block or try-with-resources body. There, {@code return m1()}
     * differs by design from blocking semantics: the returned task finishes after the finally and
     * the closing of resources, and its failure is not caught. So such returns are not generated.
     */
    boolean inTry;
    final int depth;

    private Scope(List<String> mutableInts, List<String> readOnlyInts, List<String> strings, List<String> tasks,
            List<String> caught, List<String> resources, List<Target> targets, boolean mayReturn, int depth) {
        this.mutableInts = mutableInts;
        this.readOnlyInts = readOnlyInts;
        this.strings = strings;
        this.tasks = tasks;
        this.caught = caught;
        this.resources = resources;
        this.targets = targets;
        this.mayReturn = mayReturn;
        this.depth = depth;
    }

    /** The scope at the start of a method body with these int parameters. */
    static Scope method(List<String> parameters) {
        return new Scope(new ArrayList<>(parameters), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), true, 0);
    }

    /** A nested block: sees everything here; what it declares stays inside. */
    Scope child() {
        Scope s = new Scope(new ArrayList<>(mutableInts), new ArrayList<>(readOnlyInts), new ArrayList<>(strings),
                new ArrayList<>(tasks), new ArrayList<>(caught), new ArrayList<>(resources), new ArrayList<>(targets),
                mayReturn, depth + 1);
        s.inTry = inTry;
        s.typed.addAll(typed);
        s.suppliers.addAll(suppliers);
        return s;
    }

    /** A try block, a catch block, or a try-with-resources body. */
    Scope tryBlock() {
        Scope s = child();
        s.inTry = true;
        return s;
    }

    /** The body of a loop or labeled statement that {@code target} names. */
    Scope inside(Target target) {
        Scope s = child();
        s.targets.add(target);
        return s;
    }

    /** A finally block from which no jump may leave (unless jumps in finally are generated). */
    Scope finallyBlock(boolean jumpsAllowed) {
        Scope s = child();
        if (jumpsAllowed) {
            return s;
        }
        return s.withoutJumps();
    }

    /** An arm of a switch expression: no jump or return may leave it. */
    Scope switchExpressionArm() {
        return child().withoutJumps();
    }

    private Scope withoutJumps() {
        Scope s = new Scope(mutableInts, readOnlyInts, strings, tasks, caught, resources, new ArrayList<>(), false, depth);
        s.inTry = inTry;
        s.typed.addAll(typed);
        s.suppliers.addAll(suppliers);
        return s;
    }

    List<String> allInts() {
        List<String> all = new ArrayList<>(mutableInts);
        all.addAll(readOnlyInts);
        return all;
    }

    Target innermostLoop() {
        for (int i = targets.size() - 1; i >= 0; i--) {
            if (targets.get(i).loop()) {
                return targets.get(i);
            }
        }
        return null;
    }

    /** Whether an unlabeled {@code break} has a target: a loop or a switch statement. */
    boolean mayBreak() {
        for (Target t : targets) {
            if (t.loop() || t.switchStatement()) {
                return true;
            }
        }
        return false;
    }
}
