package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.BOOLEAN;
import static io.jawait.processor.differential.Node.Kind.INT;
import static io.jawait.processor.differential.Node.Kind.STRING;

/**
 * Random expressions of type int, boolean and String whose evaluation order is observable: awaits
 * sit in operands, arguments, receivers, array indices, compound-assignment right-hand sides,
 * string concatenations, {@code ?:}, {@code &&} and {@code ||}, next to operands with side effects
 * (logging calls, increments, assignments, the harness's {@code bump}, {@code swapArr},
 * {@code swapAcc}). Only the harness's helpers are called, so every program is self-contained.
 */
final class ExpressionGenerator {
    private final Generation gen;
    private final Chance chance;
    private SwitchGenerator switches;
    private FunctionalOperandsGenerator functional;
    private FunctionalTargetsGenerator targets;

    ExpressionGenerator(Generation gen) {
        this.gen = gen;
        this.chance = gen.chance;
    }

    /** Switch expressions need statements in their arms, so they come from a generator set later. */
    void useSwitches(SwitchGenerator switches) {
        this.switches = switches;
    }

    /** Likewise lambda and method-reference operands. */
    void useFunctionalOperands(FunctionalOperandsGenerator functional, FunctionalTargetsGenerator targets) {
        this.functional = functional;
        this.targets = targets;
    }

    // ------------------------------------------------------------------ int

    Node intExpr(Scope s, int depth) {
        if (depth <= 0) {
            return intLeaf(s);
        }
        int d = depth - 1;
        boolean vars = !s.mutableInts.isEmpty();
        boolean switchExpressions = switches != null && gen.has(Feature.SWITCH_EXPRESSIONS);
        boolean supers = gen.has(Feature.SUPER_CALLS) && gen.instance[gen.currentMethod];
        switch (chance.weighted(10, 26, 6, 12, 2, 4, 5, vars ? 6 : 0, 4, 5, 4, 2, 2, 2, 2, switchExpressions ? 3 : 0,
                supers ? 3 : 0, gen.has(Feature.GENERICS) ? 2 : 0, gen.has(Feature.DEEP_RECURSION) ? 1 : 0,
                functional != null && gen.has(Feature.FUNCTIONAL_OPERANDS) ? 3 : 0,
                targets != null && gen.has(Feature.FUNCTIONAL_TARGETS) ? 2 : 0)) {
            case 0:
                return intLeaf(s);
            case 1:
                return awaitInt(s, d);
            case 2:
                return Node.of(INT, "log(\"" + gen.tag("e") + "\", ", intExpr(s, d), ")");
            case 3:
                return Node.of(INT, "(", intExpr(s, d), " " + chance.pick(java.util.List.of("+", "-", "*")) + " ",
                        intExpr(s, d), ")");
            case 4:
                return Node.of(INT, "(", intExpr(s, d), chance.percent(50) ? " / " : " % ", intExpr(s, d), ")");
            case 5:
                return Node.of(INT, "(", boolExpr(s, d), " ? ", intExpr(s, d), " : ", intExpr(s, d), ")");
            case 6:
                return switch (chance.between(0, 2)) {
                    case 0 -> Node.of(INT, "mix(", intExpr(s, d), ", ", intExpr(s, d), ")");
                    case 1 -> Node.of(INT, "mix3(", intExpr(s, d), ", ", intExpr(s, d), ", ", intExpr(s, d), ")");
                    default -> Node.of(INT, "Math.max(", intExpr(s, d), ", ", intExpr(s, d), ")");
                };
            case 7: {
                String v = chance.pick(s.mutableInts);
                return switch (chance.between(0, 5)) {
                    case 0 -> Node.of(INT, v + "++");
                    case 1 -> Node.of(INT, "++" + v);
                    case 2 -> Node.of(INT, v + "--");
                    case 3 -> Node.of(INT, "(" + v + " += ", intExpr(s, d), ")");
                    case 4 -> Node.of(INT, "(" + v + " " + chance.pick(java.util.List.of("-=", "*=", "<<=", ">>>=", "^=", "%="))
                            + " ", intExpr(s, d), ")");
                    default -> Node.of(INT, "(" + v + " = ", intExpr(s, d), ")");
                };
            }
            case 8:
                return switch (chance.between(0, 2)) {
                    case 0 -> Node.of(INT, "bump(", intExpr(s, d), ")");
                    case 1 -> Node.of(INT, "(g += ", intExpr(s, d), ")");
                    default -> Node.of(INT, "g");
                };
            case 9:
                return switch (chance.between(0, 4)) {
                    case 0 -> Node.of(INT, "arr[idx(", intExpr(s, d), ")]");
                    case 1 -> Node.of(INT, "arr[idx(", intExpr(s, d), ")]++");
                    case 2 -> Node.of(INT, "(arr[idx(", intExpr(s, d), ")] += ", intExpr(s, d), ")");
                    case 3 -> Node.of(INT, "(arr[idx(", intExpr(s, d), ")] = ", intExpr(s, d), ")");
                    default -> Node.of(INT, "swapArr(", intExpr(s, d), ")");
                };
            case 10:
                return switch (chance.between(0, 3)) {
                    case 0 -> Node.of(INT, "acc.add(", intExpr(s, d), ").get()");
                    case 1 -> Node.of(INT, "await(accNow()).add(", intExpr(s, d), ").get()");
                    case 2 -> Node.of(INT, "await(accLater(acc)).add(", intExpr(s, d), ").v");
                    default -> Node.of(INT, "swapAcc(", intExpr(s, d), ")");
                };
            case 11:
                return Node.of(INT, strExpr(s, d), ".length()");
            case 12:
                return Node.of(INT, "(", boolExpr(s, d), " ? 1 : 0)");
            case 13:
                return Node.of(INT, "(new int[] {", intExpr(s, d), ", ", intExpr(s, d), ", ", intExpr(s, d),
                        "})[idx(", intExpr(s, d), ") % 3]");
            case 14:
                return Node.of(INT, "new Acc(", strExpr(s, d), ", ", intExpr(s, d), ").add(", intExpr(s, d), ").get()");
            case 15:
                return switches.switchExpression(s, d);
            case 16:
                return switch (chance.between(0, 3)) {
                    case 0 -> Node.of(INT, "super.sup(", intExpr(s, d), ")");
                    case 1 -> Node.of(INT, "Greeter.super.greet(", intExpr(s, d), ")");
                    case 2 -> Node.of(INT, "sup(", intExpr(s, d), ")");
                    default -> Node.of(INT, "this.greet(", intExpr(s, d), ")");
                };
            case 17:
                return switch (chance.between(0, 2)) {
                    case 0 -> Node.of(INT, "await(maxOf(", intExpr(s, d), ", iLater(", intExpr(s, d), ")))");
                    case 1 -> Node.of(INT, "await(maxOf(", strExpr(s, d), ", sLater(", strExpr(s, d), "))).length()");
                    default -> Node.of(INT, "await(sumAll(List.of(", intExpr(s, d), ", 2.5, wide(", intExpr(s, d), "))))");
                };
            case 18:
                // Deep enough to overflow a default stack if each level kept its caller's frames.
                return Node.of(INT, "await(deep(1000 + idx(", intExpr(s, d), ") * 100, ", intExpr(s, d), "))");
            case 19:
                return functional.intExpr(s, d);
            default:
                return targets.intExpr(s, d);
        }
    }

    private Node intLeaf(Scope s) {
        if (!s.suppliers.isEmpty() && chance.percent(10)) {
            return Node.of(INT, chance.pick(s.suppliers) + ".getAsInt()");
        }
        if (!s.typed.isEmpty() && chance.percent(10)) {
            return Node.of(INT, "(int) " + chance.pick(s.typed).name());
        }
        if (!s.allInts().isEmpty() && chance.percent(60)) {
            return Node.of(INT, chance.pick(s.allInts()));
        }
        if (chance.percent(10)) {
            return Node.of(INT, chance.percent(50) ? "g" : "arr[" + chance.between(0, 3) + "]");
        }
        return Node.of(INT, Integer.toString(chance.between(-2, 9)));
    }

    /** An expression of type int that awaits: a complete or later task, a failure, a call, a future. */
    Node awaitInt(Scope s, int d) {
        boolean stages = gen.has(Feature.COMPLETION_STAGES);
        // Failing awaits are rare: one in an expression usually ends the run, leaving the rest unexercised.
        switch (chance.weighted(16, 20, 10, 1, gen.hasCallee() ? 12 : 0, s.tasks.isEmpty() ? 0 : 6, stages ? 6 : 0)) {
            case 0:
                return Node.of(INT, "await(iNow(", intExpr(s, d), "))");
            case 1:
                return Node.of(INT, "await(iLater(", intExpr(s, d), "))");
            case 2:
                return Node.of(INT, (chance.percent(50) ? "iNow(" : "iLater("), intExpr(s, d), ").await()");
            case 3:
                return Node.of(INT, "await(" + (chance.percent(50) ? "iFailNow(" : "iFailLater(")
                        + chance.between(1, 3) + ", \"" + gen.tag("f") + "\"))");
            case 4:
                return Node.of(INT, "await(" + gen.callee() + "(", intExpr(s, d), ", ", intExpr(s, d), "))");
            case 5:
                String t = chance.pick(s.tasks);
                return Node.of(INT, chance.percent(50) ? "await(" + t + ")" : t + ".await()");
            default:
                return switch (chance.weighted(5, 5, 1)) {
                    case 0 -> Node.of(INT, "await(cfNow(", intExpr(s, d), "))");
                    case 1 -> Node.of(INT, "await(" + (gen.concurrentTasks() ? "cfLater(" : "cfNow("), intExpr(s, d), "))");
                    default -> Node.of(INT, "await(cfFail(" + chance.between(1, 3) + ", \"" + gen.tag("f") + "\"))");
                };
        }
    }

    // ------------------------------------------------------------------ boolean

    Node boolExpr(Scope s, int depth) {
        if (depth <= 0) {
            return boolLeaf(s);
        }
        int d = depth - 1;
        switch (chance.weighted(8, 12, 6, 6, 2, 8, 4, 2, 2)) {
            case 0:
                return boolLeaf(s);
            case 1:
                return Node.of(BOOLEAN, "(", intExpr(s, d), " " + chance.pick(java.util.List.of("<", "<=", "==", "!=", ">"))
                        + " ", intExpr(s, d), ")");
            case 2:
                return Node.of(BOOLEAN, "(", boolExpr(s, d), " && ", boolExpr(s, d), ")");
            case 3:
                return Node.of(BOOLEAN, "(", boolExpr(s, d), " || ", boolExpr(s, d), ")");
            case 4:
                return Node.of(BOOLEAN, "!", boolExpr(s, d));
            case 5:
                return switch (chance.between(0, 2)) {
                    case 0 -> Node.of(BOOLEAN, "await(bNow(", boolExpr(s, d), "))");
                    case 1 -> Node.of(BOOLEAN, "await(bLater(", boolExpr(s, d), "))");
                    default -> Node.of(BOOLEAN, "bLater(", boolExpr(s, d), ").await()");
                };
            case 6:
                return Node.of(BOOLEAN, "log(\"" + gen.tag("b") + "\", ", boolExpr(s, d), ")");
            case 7:
                return Node.of(BOOLEAN, "(", boolExpr(s, d), " ? ", boolExpr(s, d), " : ", boolExpr(s, d), ")");
            default:
                return chance.percent(50) ? Node.of(BOOLEAN, strExpr(s, d), ".isEmpty()")
                        : Node.of(BOOLEAN, strExpr(s, d), ".equals(", strExpr(s, d), ")");
        }
    }

    private Node boolLeaf(Scope s) {
        if (!s.allInts().isEmpty() && chance.percent(60)) {
            String v = chance.pick(s.allInts());
            return chance.percent(50) ? Node.of(BOOLEAN, "(" + v + " % 2 == 0)")
                    : Node.of(BOOLEAN, "(" + v + " > " + chance.between(0, 5) + ")");
        }
        return Node.of(BOOLEAN, chance.percent(50) ? "true" : "false");
    }

    // ------------------------------------------------------------------ String

    Node strExpr(Scope s, int depth) {
        if (depth <= 0) {
            return strLeaf(s);
        }
        int d = depth - 1;
        switch (chance.weighted(8, 12, 8, 3, 2, 2, s.caught.isEmpty() ? 0 : 3)) {
            case 0:
                return strLeaf(s);
            case 1:
                return switch (chance.between(0, 2)) {
                    case 0 -> Node.of(STRING, "(", strExpr(s, d), " + ", intExpr(s, d), ")");
                    case 1 -> Node.of(STRING, "(\"" + gen.tag("k") + "\" + ", intExpr(s, d), " + ", strExpr(s, d), " + ",
                            intExpr(s, d), ")");
                    default -> Node.of(STRING, "(", strExpr(s, d), " + ", boolExpr(s, d), " + ", strExpr(s, d), ")");
                };
            case 2:
                return switch (chance.between(0, 2)) {
                    case 0 -> Node.of(STRING, "await(sNow(", strExpr(s, d), "))");
                    case 1 -> Node.of(STRING, "await(sLater(", strExpr(s, d), "))");
                    default -> Node.of(STRING, "sLater(", strExpr(s, d), ").await()");
                };
            case 3:
                return Node.of(STRING, "log(\"" + gen.tag("s") + "\", ", strExpr(s, d), ")");
            case 4:
                return Node.of(STRING, "Integer.toString(", intExpr(s, d), ")");
            case 5:
                return Node.of(STRING, "(", boolExpr(s, d), " ? ", strExpr(s, d), " : ", strExpr(s, d), ")");
            default:
                // A cancellation's message names the cancelled task, which the blocking reference cannot know.
                String e = chance.pick(s.caught);
                return Node.of(STRING, gen.forCancellation ? "message(" + e + ")" : e + ".getMessage()");
        }
    }

    private Node strLeaf(Scope s) {
        if (!s.strings.isEmpty() && chance.percent(50)) {
            return Node.of(STRING, chance.pick(s.strings));
        }
        return Node.of(STRING, "\"" + gen.tag("x") + "\"");
    }
}
