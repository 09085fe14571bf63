package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.OTHER;
import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import io.jawait.processor.differential.Scope.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Random statements for an {@code @Async} method body: nested loops, if/else, labeled blocks,
 * try/catch/finally, break/continue (labeled or not), return and throw at any depth, each holding
 * awaits in conditions, bodies, updates and operands.
 *
 * <p>Every generated program is valid Java by construction: locals are always initialised and
 * named uniquely, loops are bounded by counters that the body cannot change, and jumps, returns and
 * throws are guarded by an {@code if} so no statement after them is unreachable.
 */
final class StatementGenerator {
    private static final int MAX_DEPTH = 4;

    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final SwitchGenerator switches;
    private final ResourceGenerator resources;
    private final GenericsGenerator generics;
    private final BoxingGenerator boxing;
    private final ConstantsGenerator constants;
    private final ClassesGenerator classes;
    private final FailureGenerator failures;
    private final FunctionalOperandsGenerator functional;
    private final FunctionalTargetsGenerator targets;
    private int budget;

    StatementGenerator(Generation gen, ExpressionGenerator expr) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.switches = new SwitchGenerator(gen, expr, this);
        this.resources = new ResourceGenerator(gen, expr, this);
        this.generics = new GenericsGenerator(gen, expr, this);
        this.boxing = new BoxingGenerator(gen, expr, this);
        this.constants = new ConstantsGenerator(gen, expr, this);
        this.classes = new ClassesGenerator(gen, expr, this);
        this.failures = new FailureGenerator(gen, expr, this);
        this.functional = new FunctionalOperandsGenerator(gen, expr, this);
        this.targets = new FunctionalTargetsGenerator(gen, expr, this, functional);
        expr.useSwitches(switches);
        expr.useFunctionalOperands(functional, targets);
    }

    /** A method body of about {@code statements} statements, ending with a return. */
    Node methodBody(Scope s, int statements) {
        budget = statements;
        List<Node> body = new ArrayList<>();
        while (budget > 0) {
            body.add(statement(s));
        }
        body.add(returnStatement(s));
        return Node.block(body);
    }

    private Node block(Scope s) {
        List<Node> list = new ArrayList<>();
        int n = chance.between(1, 4);
        for (int i = 0; i < n && budget > 0; i++) {
            list.add(statement(s));
        }
        return Node.block(list);
    }

    private int depth() {
        return chance.between(1, 3);
    }

    private Node statement(Scope s) {
        budget--;
        boolean nest = s.depth < MAX_DEPTH && budget > 0;
        boolean jump = s.mayBreak() || s.innermostLoop() != null || hasLabel(s);
        boolean switchStatements = gen.has(Feature.SWITCH_STATEMENTS);
        boolean tryWithResources = gen.has(Feature.TRY_WITH_RESOURCES);
        boolean typed = gen.has(Feature.NARROW_AND_WIDE_TYPES);
        boolean lambdas = gen.has(Feature.CAPTURING_LAMBDAS);
        int choice = chance.weighted(12, 10, 3, 2, 10, 4,
                nest ? 8 : 0, nest ? 6 : 0, nest ? 4 : 0, nest ? 3 : 0, nest ? 4 : 0, nest ? 2 : 0, nest ? 2 : 0,
                nest ? 6 : 0, jump ? 5 : 0, s.mayReturn ? 3 : 0, 3, nest && switchStatements ? 5 : 0,
                nest && tryWithResources ? 4 : 0, nest ? 1 : 0, typed ? 2 : 0, typed && !s.typed.isEmpty() ? 4 : 0,
                lambdas ? 2 : 0, weight(Feature.GENERICS), weight(Feature.BOXING), weight(Feature.CONSTANTS),
                weight(Feature.CLASSES), gen.mayCatchOrReplaceCancellation() ? weight(Feature.AWAITED_FAILURES) : 0, weight(Feature.FUNCTIONAL_OPERANDS),
                weight(Feature.FUNCTIONAL_TARGETS));
        return switch (choice) {
            case 0 -> logStatement(s);
            case 1 -> declareInt(s);
            case 2 -> declareString(s);
            case 3 -> declareTask(s);
            case 4 -> assignment(s);
            case 5 -> awaitStatement(s);
            case 6 -> Node.of(STATEMENT, "if (", expr.boolExpr(s, depth()), ") {", block(s.child()), "}");
            case 7 -> Node.of(STATEMENT, "if (", expr.boolExpr(s, depth()), ") {", block(s.child()), "} else {",
                    block(s.child()), "}");
            case 8 -> whileLoop(s);
            case 9 -> doWhileLoop(s);
            case 10 -> forLoop(s);
            case 11 -> enhancedFor(s);
            case 12 -> labeledBlock(s);
            case 13 -> tryStatement(s);
            case 14 -> jumpStatement(s);
            case 15 -> rarely(s, returnStatement(s));
            case 16 -> rarely(s, throwStatement(s));
            case 17 -> switches.switchStatement(s);
            case 18 -> resources.tryWithResources(s);
            case 19 -> Node.of(STATEMENT, "{", block(s.child()), "}");
            case 20 -> declareTyped(s);
            case 21 -> assignTyped(s);
            case 22 -> capturingLambda(s);
            case 23 -> generics.statement(s);
            case 24 -> boxing.statement(s);
            case 25 -> constants.statement(s);
            case 26 -> classes.statement(s);
            case 27 -> failures.statement(s);
            case 28 -> functional.statement(s);
            default -> targets.statement(s);
        };
    }

    private int weight(Feature f) {
        return gen.has(f) ? 2 : 0;
    }

    /**
     * A point where the method suspends (or may) between a declaration and its use: an await, or a
     * nested block and then an await.
     */
    Node suspension(Scope s) {
        return switch (chance.between(0, 3)) {
            case 0 -> Node.of(STATEMENT, "await(pause());");
            case 1 -> Node.of(STATEMENT, "await(iLater(", expr.intExpr(s, 1), "));");
            case 2 -> Node.of(STATEMENT, "iNow(", expr.intExpr(s, 1), ").await();");
            default -> budget > 0 ? Node.of(STATEMENT, "{", block(s.child()), "} await(pause());")
                    : Node.of(STATEMENT, "await(pause());");
        };
    }

    /** Statements for a nested block; used by the switch and resource generators too. */
    Node nestedBlock(Scope s) {
        return block(s);
    }

    boolean hasBudget() {
        return budget > 0;
    }

    private static boolean hasLabel(Scope s) {
        return s.targets.stream().anyMatch(t -> t.label() != null);
    }

    private Node guarded(Scope s, Node statement) {
        return Node.of(STATEMENT, "if (", expr.boolExpr(s, depth()), ") ", statement);
    }

    /** Guarded so that it runs only now and then: returns and throws would otherwise end most runs early. */
    private Node rarely(Scope s, Node statement) {
        return Node.of(STATEMENT, "if (sometimes() && ", expr.boolExpr(s, depth()), ") ", statement);
    }

    private Node logStatement(Scope s) {
        String tag = gen.tag("t");
        return switch (chance.between(0, 2)) {
            case 0 -> Node.of(STATEMENT, "log(\"" + tag + "\", ", expr.intExpr(s, depth()), ");");
            case 1 -> Node.of(STATEMENT, "log(\"" + tag + "\", ", expr.boolExpr(s, depth()), ");");
            default -> Node.of(STATEMENT, "log(\"" + tag + "\", ", expr.strExpr(s, depth()), ");");
        };
    }

    private Node declareInt(Scope s) {
        String v = gen.name("v");
        Node init = expr.intExpr(s, depth());
        s.mutableInts.add(v);
        return Node.of(STATEMENT, "int " + v + " = ", init, ";");
    }

    private Node declareString(Scope s) {
        String v = gen.name("s");
        Node init = expr.strExpr(s, depth());
        s.strings.add(v);
        return Node.of(STATEMENT, "String " + v + " = ", init, ";");
    }

    /** A task with no side effects, awaited later (perhaps more than once, perhaps never). */
    private Node declareTask(Scope s) {
        String t = gen.name("t");
        Node init = Node.of(OTHER, chance.percent(50) || !gen.concurrentTasks() ? "iNow(" : "iLater(", expr.intExpr(s, depth()), ")");
        s.tasks.add(t);
        return Node.of(STATEMENT, "Task<Integer> " + t + " = ", init, ";");
    }

    /** A byte, short, char or long local; compound assignments to it narrow implicitly. */
    private Node declareTyped(Scope s) {
        String type = chance.pick(List.of("byte", "short", "char", "long"));
        String v = gen.name("n");
        Node e = expr.intExpr(s, depth());
        Node init = switch (type) {
            case "char" -> Node.of(OTHER, "(char) ('a' + idx(", e, "))");
            // Through a call: javac (17 to 25) can crash generating (long) switch (...) {...} * 100003L
            // when an arm holds a try statement (see TESTING.md).
            case "long" -> Node.of(OTHER, "wide(", e, ")");
            default -> Node.of(OTHER, "(" + type + ") (int) ", e);
        };
        s.typed.add(new Scope.Typed(type, v));
        return Node.of(STATEMENT, type + " " + v + " = ", init, ";");
    }

    private Node assignTyped(Scope s) {
        Scope.Typed t = chance.pick(s.typed);
        switch (chance.between(0, 3)) {
            case 0:
                return Node.of(STATEMENT, t.name() + (chance.percent(50) ? "++;" : "--;"));
            case 1:
                return Node.of(STATEMENT, "log(\"" + gen.tag("t") + "\", " + t.name() + ");");
            default:
                if (t.type().equals("long")) {
                    // The long is on the operand stack while the right side runs: its int first (see
                    // BoxingGenerator.wideSafe), then awaited there or not.
                    String i = gen.name("ni");
                    String right = chance.percent(50) ? i : "await(" + (chance.percent(50) ? "iNow(" : "iLater(") + i + "))";
                    return Node.of(STATEMENT, "{", Node.block(List.of(BoxingGenerator.wideSafe(i, expr.intExpr(s, depth())),
                            Node.of(STATEMENT, t.name() + " " + compoundOperator() + " " + right + ";"))), "}");
                }
                return Node.of(STATEMENT, t.name() + " " + compoundOperator() + " ", expr.intExpr(s, depth()), ";");
        }
    }

    /** Any compound assignment operator; division and remainder may divide by zero, as Java may. */
    String compoundOperator() {
        return chance.pick(COMPOUND_OPERATORS);
    }

    private static final List<String> COMPOUND_OPERATORS =
            List.of("+=", "-=", "*=", "/=", "%=", "<<=", ">>=", ">>>=", "&=", "|=", "^=");

    /** A final local captured by a lambda, whose value the lambda must see whatever happens later. */
    private Node capturingLambda(Scope s) {
        String c = gen.name("c");
        String q = gen.name("q");
        Node init = expr.intExpr(s, depth());
        s.readOnlyInts.add(c);
        s.suppliers.add(q);
        return Node.of(STATEMENT, "final int " + c + " = ", init, "; IntSupplier " + q + " = () -> " + c + " * "
                + chance.between(2, 9) + " + " + chance.between(0, 9) + ";");
    }

    private Node assignment(Scope s) {
        int d = depth();
        boolean ints = !s.mutableInts.isEmpty();
        boolean strings = !s.strings.isEmpty();
        switch (chance.weighted(ints ? 10 : 0, ints ? 3 : 0, strings ? 3 : 0, 3, 3, 3, 2, 2)) {
            case 0: {
                String v = chance.pick(s.mutableInts);
                String op = chance.percent(40) ? "=" : compoundOperator();
                return Node.of(STATEMENT, v + " " + op + " ", expr.intExpr(s, d), ";");
            }
            case 1:
                return Node.of(STATEMENT, chance.pick(s.mutableInts) + (chance.percent(50) ? "++;" : "--;"));
            case 2:
                return Node.of(STATEMENT, chance.pick(s.strings) + " += ", expr.strExpr(s, d), ";");
            case 3:
                return Node.of(STATEMENT, chance.percent(70) ? "g += " : "g = ", expr.intExpr(s, d), ";");
            case 4:
                return Node.of(STATEMENT, "arr[idx(", expr.intExpr(s, d), ")] " + (chance.percent(40) ? "=" : compoundOperator())
                        + " ", expr.intExpr(s, d), ";");
            case 5:
                return chance.percent(50) ? Node.of(STATEMENT, "acc.add(", expr.intExpr(s, d), ");")
                        : Node.of(STATEMENT, "await(accLater(acc)).add(", expr.intExpr(s, d), ");");
            case 6:
                return Node.of(STATEMENT, chance.percent(50) ? "acc.v += " : "await(accNow()).v += ", expr.intExpr(s, d), ";");
            default:
                return Node.of(STATEMENT, "arr[idx(", expr.awaitInt(s, d), ")]++;");
        }
    }

    private Node awaitStatement(Scope s) {
        int d = depth();
        switch (chance.weighted(4, 3, 3, gen.hasCallee() ? 4 : 0, 1)) {
            case 0:
                return Node.of(STATEMENT, "await(iLater(", expr.intExpr(s, d), "));");
            case 1:
                return Node.of(STATEMENT, "await(pause());");
            case 2:
                return Node.of(STATEMENT, "iNow(", expr.intExpr(s, d), ").await();");
            case 3:
                return Node.of(STATEMENT, "await(" + gen.callee() + "(", expr.intExpr(s, d), ", ", expr.intExpr(s, d), "));");
            default:
                return Node.of(STATEMENT, "await(iFailLater(" + chance.between(1, 3) + ", \"" + gen.tag("f") + "\"));");
        }
    }

    // ------------------------------------------------------------------ loops and labels

    private String maybeLabel() {
        return chance.percent(40) ? gen.name("l") : null;
    }

    private static String labelText(String label) {
        return label == null ? "" : label + ": ";
    }

    private Node whileLoop(Scope s) {
        Scope outer = s.child();
        String w = gen.name("w");
        String label = maybeLabel();
        Node cond = switch (chance.between(0, 2)) {
            case 0 -> Node.of(OTHER, w + "++ < " + chance.between(1, 3));
            case 1 -> Node.of(OTHER, w + "++ < " + chance.between(1, 3) + " && ", expr.boolExpr(outer, depth()));
            default -> Node.of(OTHER, w + "++ < await(iLater(" + chance.between(1, 3) + "))");
        };
        outer.readOnlyInts.add(w);
        Node body = block(outer.inside(new Target(label, true, false)));
        return Node.of(STATEMENT, "{", Node.block(List.of(
                Node.of(STATEMENT, "int " + w + " = 0;"),
                Node.of(STATEMENT, labelText(label) + "while (", cond, ") {", body, "}"))), "}");
    }

    private Node doWhileLoop(Scope s) {
        Scope outer = s.child();
        String c = gen.name("d");
        String label = maybeLabel();
        outer.readOnlyInts.add(c);
        Node body = block(outer.inside(new Target(label, true, false)));
        Node cond = chance.percent(50) ? Node.of(OTHER, "++" + c + " < " + chance.between(1, 3))
                : Node.of(OTHER, "++" + c + " < " + chance.between(1, 3) + " && ", expr.boolExpr(outer, depth()));
        return Node.of(STATEMENT, "{", Node.block(List.of(
                Node.of(STATEMENT, "int " + c + " = 0;"),
                Node.of(STATEMENT, labelText(label) + "do {", body, "} while (", cond, ");"))), "}");
    }

    private Node forLoop(Scope s) {
        Scope inner = s.child();
        String i = gen.name("i");
        String label = maybeLabel();
        int bound = chance.between(1, 3);
        Node init = chance.percent(70) ? Node.of(OTHER, "0") : Node.of(OTHER, "await(iNow(0))");
        String j = chance.percent(25) ? gen.name("j") : null;
        Node second = j == null ? Node.of(OTHER, "") : Node.of(OTHER, ", " + j + " = ", expr.intExpr(s, depth()));
        Node cond = switch (chance.between(0, 2)) {
            case 0 -> Node.of(OTHER, i + " < " + bound);
            case 1 -> Node.of(OTHER, i + " < await(iLater(" + bound + "))");
            default -> Node.of(OTHER, i + " < " + bound + " && ", expr.boolExpr(withCounters(s, i, j), depth()));
        };
        Node update = switch (chance.between(0, 2)) {
            case 0 -> Node.of(OTHER, i + "++");
            case 1 -> Node.of(OTHER, i + " += await(iNow(1))");
            default -> Node.of(OTHER, i + " = " + i + " + await(iLater(1))");
        };
        Node secondUpdate = j == null ? Node.of(OTHER, "") : Node.of(OTHER, ", " + j + " += ", expr.intExpr(withCounters(s, i, j), 1));
        inner.readOnlyInts.add(i);
        if (j != null) {
            inner.readOnlyInts.add(j);
        }
        Node body = block(inner.inside(new Target(label, true, false)));
        return Node.of(STATEMENT, labelText(label) + "for (int " + i + " = ", init, second, "; ", cond, "; ", update,
                secondUpdate, ") {", body, "}");
    }

    private static Scope withCounters(Scope s, String i, String j) {
        Scope c = s.child();
        c.readOnlyInts.add(i);
        if (j != null) {
            c.readOnlyInts.add(j);
        }
        return c;
    }

    private Node enhancedFor(Scope s) {
        Scope inner = s.child();
        String x = gen.name("x");
        String label = maybeLabel();
        Node head;
        switch (chance.between(0, 2)) {
            case 0 -> {
                head = Node.of(OTHER, "int " + x + " : new int[] {", expr.intExpr(s, depth()), ", ", expr.intExpr(s, depth()), "}");
                inner.readOnlyInts.add(x);
            }
            case 1 -> {
                head = Node.of(OTHER, "int " + x + " : arr");
                inner.readOnlyInts.add(x);
            }
            default -> {
                head = Node.of(OTHER, "String " + x + " : List.of(", expr.strExpr(s, depth()), ", ", expr.strExpr(s, depth()), ")");
                inner.strings.add(x);
            }
        }
        Node body = block(inner.inside(new Target(label, true, false)));
        return Node.of(STATEMENT, labelText(label) + "for (", head, ") {", body, "}");
    }

    private Node labeledBlock(Scope s) {
        String label = gen.name("l");
        return Node.of(STATEMENT, label + ": {", block(s.inside(new Target(label, false, false))), "}");
    }

    private Node jumpStatement(Scope s) {
        List<String> jumps = new ArrayList<>();
        if (s.mayBreak()) {
            jumps.add("break;");
        }
        if (s.innermostLoop() != null) {
            jumps.add("continue;");
        }
        for (Target t : s.targets) {
            if (t.label() != null) {
                jumps.add("break " + t.label() + ";");
                if (t.loop()) {
                    jumps.add("continue " + t.label() + ";");
                }
            }
        }
        return guarded(s, Node.of(STATEMENT, chance.pick(jumps)));
    }

    // ------------------------------------------------------------------ return, throw, try

    /** A return of any of the forms an {@code @Async} method allows. */
    Node returnStatement(Scope s) {
        int d = depth();
        // Outside try, a returned task behaves like an awaited one; inside, see Scope.inTry.
        boolean asyncCalls = !s.inTry;
        switch (chance.weighted(20, 6, 1, asyncCalls && gen.hasCallee() ? 4 : 0, 1)) {
            case 0:
                return Node.of(STATEMENT, "return Task.of(", expr.intExpr(s, d), ");");
            case 1:
                if (s.inTry && gen.forCancellation) {
                    // Un-awaited, the task would be cancelled after the try (as in C#), where the
                    // blocking reference is cancelled inside it: awaited, both are cancelled there.
                    return Node.of(STATEMENT, "return Task.of(await(iLater(", expr.intExpr(s, d), ")));");
                }
                return Node.of(STATEMENT, "return iLater(", expr.intExpr(s, d), ");");
            case 2:
                return Node.of(STATEMENT, "return iFail" + (asyncCalls && chance.percent(50) ? "Later(" : "Now(")
                        + chance.between(1, 3) + ", \"" + gen.tag("r") + "\");");
            case 3:
                return Node.of(STATEMENT, "return " + gen.callee() + "(", expr.intExpr(s, d), ", ", expr.intExpr(s, d), ");");
            default:
                return Node.of(STATEMENT, "return Task.failed(error(" + chance.between(1, 3) + ", \"" + gen.tag("r") + "\"));");
        }
    }

    private Node throwStatement(Scope s) {
        int d = depth();
        if (chance.percent(60)) {
            return Node.of(STATEMENT, "throw error(" + chance.between(1, 3) + ", \"" + gen.tag("h") + "\");");
        }
        return Node.of(STATEMENT, "throw error(" + chance.between(1, 3) + ", ", expr.strExpr(s, d), ");");
    }

    private Node tryStatement(Scope s) {
        List<Object> parts = new ArrayList<>();
        parts.add("try {");
        parts.add(block(s.tryBlock()));
        parts.add("}");
        parts.addAll(catchesAndFinally(s, 1));
        return Node.of(STATEMENT, parts.toArray());
    }

    /**
     * The parts after a try block: catch clauses and perhaps a finally, at least {@code minimum}
     * of them in all (a plain try needs one; try-with-resources none).
     */
    List<Object> catchesAndFinally(Scope s, int minimum) {
        List<Object> parts = new ArrayList<>();
        boolean hasFinally = chance.percent(50) && gen.mayCatchOrReplaceCancellation();
        int catches = chance.between(hasFinally ? 0 : minimum, 2);
        for (String type : CatchTypes.pick(chance, catches, gen.mayCatchOrReplaceCancellation())) {
            parts.add(" catch (" + type + " ");
            parts.add(catchBlock(s));
        }
        if (hasFinally) {
            parts.add(" finally {");
            parts.add(block(s.finallyBlock(gen.has(Feature.JUMPS_OUT_OF_FINALLY))));
            parts.add("}");
        }
        return parts;
    }

    /** {@code e) { log; statements; maybe rethrow }}, after {@code catch (Type }. */
    private Node catchBlock(Scope s) {
        String e = gen.name("e");
        Scope inner = s.tryBlock();
        inner.caught.add(e);
        List<Node> body = new ArrayList<>();
        body.add(Node.of(STATEMENT, "log(\"" + gen.tag("c") + "\", describe(" + e + "));"));
        if (budget > 0 && chance.percent(60)) {
            body.addAll(block(inner).children());
        }
        if (chance.percent(25)) {
            body.add(guarded(inner, Node.of(STATEMENT, "throw " + e + ";")));
        }
        return Node.of(OTHER, e + ") {", Node.block(body), "}");
    }
}
