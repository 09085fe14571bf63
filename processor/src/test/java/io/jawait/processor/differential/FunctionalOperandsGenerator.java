package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.INT;
import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * Lambdas and method references as operands next to awaits, where their type comes from the
 * target: arguments of generic methods whose type parameters are inferred from both the lambda and
 * an awaited argument ({@code apply(x -> x * 2, await(..))}, and the await first), awaits whose
 * operand is typed by the await's own target ({@code Function<..> f = await(now(x -> ..))}),
 * overloads picked by the lambda's shape, a generic constructor, varargs of functional interfaces,
 * {@code ?:} arms next to awaits, intersection casts, lambdas returning lambdas, captured
 * effectively final locals declared before an await and read after it, method references whose
 * receiver awaits or is replaced (or is null) while a later argument awaits, constructor, array
 * constructor, {@code this::}, {@code super::} and {@code I.super::} references, references to
 * overloaded methods, and generic methods returning functional interfaces. The helpers are the
 * harness's ({@code apply}, {@code pick}, {@code exec}, {@code Box}, ...). Lambda bodies never await
 * (that is a compile error by design) and read only their parameters, literals and final or
 * effectively final locals declared by the template itself; every value ends in the log.
 */
final class FunctionalOperandsGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;

    FunctionalOperandsGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
    }

    private boolean instance() {
        return gen.instance[gen.currentMethod];
    }

    /**
     * A {@code Function<Integer, Integer>} (boxed) or {@code IntUnaryOperator} (unboxed): a lambda
     * with an implicit or explicit parameter and an expression or block body, or a static, bound or
     * overloaded method reference. {@code capture} is a final or effectively final local, or a literal.
     */
    String unary(boolean boxed, String capture) {
        String p = gen.name("lp");
        String t = boxed ? "Integer" : "int";
        return switch (chance.between(0, 8)) {
            case 0 -> p + " -> " + p + " * 2 + " + capture;
            case 1 -> "(" + t + " " + p + ") -> " + p + " - " + capture;
            case 2 -> p + " -> { int " + p + "w = " + p + " + " + capture + "; return " + p + "w * 3; }";
            case 3 -> "(" + t + " " + p + ") -> { return idx(" + p + ") + " + capture + "; }";
            // Overloaded: abs(int, long, float, double), twist(int, String).
            case 4 -> chance.percent(50) ? "Math::abs" : "Harness::twist";
            case 5 -> "Harness::idx";
            case 6 -> instance() ? "this::scale" : "INSTANCE::scale";
            case 7 -> instance() ? "super::sup" : "INSTANCE::sup";
            default -> instance() && gen.has(Feature.SUPER_CALLS) ? "Greeter.super::greet" : "Harness::idx";
        };
    }

    /**
     * An int expression with a lambda or method reference operand next to others that may await.
     * Generic results are cast to int: as an {@code Integer} poly expression inside another
     * inference (an argument of {@code List.of} in {@code new ArrayList<Integer>(..)}) javac cannot
     * always infer them, with or without the processor.
     */
    Node intExpr(Scope s, int d) {
        String lit = Integer.toString(chance.between(0, 9));
        return switch (chance.between(0, 7)) {
            case 0 -> Node.of(INT, "((int) apply(" + unary(true, lit) + ", ", expr.intExpr(s, d), "))");
            case 1 -> Node.of(INT, "((int) applyTo(", expr.intExpr(s, d), ", " + unary(true, lit) + "))");
            case 2 -> Node.of(INT, "((int) new Box<>(" + unary(true, lit) + ", ", expr.intExpr(s, d), ").v)");
            case 3 -> Node.of(INT, "applyAll(", expr.intExpr(s, d), varargs(lit) + ")");
            // Explicit type arguments: as a receiver the call has no target to infer T from.
            case 4 -> Node.of(INT, "((int) Harness.<Integer>twice(" + unary(true, lit) + ").apply(", expr.intExpr(s, d), "))");
            case 5 -> Node.of(INT, "await(Harness.<IntUnaryOperator>" + (chance.percent(50) ? "now(" : "later(")
                    + unary(false, lit) + ")).applyAsInt(", expr.intExpr(s, d), ")");
            case 6 -> Node.of(INT, "((int) apply(", expr.boolExpr(s, d), " ? " + unary(true, lit) + " : " + unary(true, lit) + ", ",
                    expr.intExpr(s, d), "))");
            default -> Node.of(INT, "apply(int[]::new, idx(", expr.intExpr(s, d), ")).length");
        };
    }

    /** Zero to three further {@code IntUnaryOperator} arguments, each after a comma. */
    private String varargs(String capture) {
        StringBuilder sb = new StringBuilder();
        int n = chance.between(0, 3);
        for (int i = 0; i < n; i++) {
            sb.append(", ").append(unary(false, capture));
        }
        return sb.toString();
    }

    Node statement(Scope s) {
        String cap = gen.name("fc");
        String v = gen.name("fv");
        String tag = gen.tag("ft");
        List<Node> body = new ArrayList<>();
        body.add(Node.of(STATEMENT, "final int " + cap + " = ", expr.intExpr(s, 2), ";"));
        switch (chance.between(0, 11)) {
            case 0 -> {
                // Type parameters inferred from the lambda and the awaited argument, either order.
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", apply(" + unary(true, cap) + ", ", expr.awaitInt(s, 1),
                        ") + \" \" + applyTo(", expr.awaitInt(s, 1), ", " + unary(true, cap) + ") + \" \" + apply("
                        + unary(true, cap) + ", await(iLater(", expr.intExpr(s, 1), "))) + \" \" + apply(Harness::twist, await(sLater(",
                        expr.strExpr(s, 1), "))));"));
            }
            case 1 -> {
                // The await's operand is typed by the await's target: alone it would infer Object.
                String op = gen.name("fo");
                String sup = gen.name("fs");
                String curry = gen.name("fk");
                String a = gen.name("la");
                String b = gen.name("lb");
                body.add(Node.of(STATEMENT, "Function<Integer, Integer> " + v + " = await(" + nowOrLater() + unary(true, cap) + "));"));
                body.add(Node.of(STATEMENT, "IntUnaryOperator " + op + " = await(", expr.boolExpr(s, 1), " ? now("
                        + unary(false, cap) + ") : later(" + unary(false, cap) + "));"));
                body.add(Node.of(STATEMENT, "Supplier<String> " + sup + " = await(" + nowOrLater() + "() -> \"sup\" + " + cap + "));"));
                body.add(Node.of(STATEMENT, "Function<Integer, IntUnaryOperator> " + curry + " = await(" + nowOrLater() + a + " -> "
                        + b + " -> " + a + " * 10 + " + b + "));"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".apply(", expr.awaitInt(s, 1), ") + \" \" + " + op
                        + ".applyAsInt(", expr.intExpr(s, 1), ") + " + sup + ".get() + " + curry + ".apply(", expr.awaitInt(s, 1),
                        ").applyAsInt(" + cap + ") + await(now(Optional.of((Supplier<Integer>) () -> " + cap
                        + "))).map(Supplier::get).orElse(0));"));
            }
            case 2 -> {
                // Overloads picked by the lambda's shape: Supplier or Function, Runnable or Callable.
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", pick(() -> " + cap + " + 1) + \" \" + ", expr.awaitInt(s, 1),
                        " + pick(" + unary(true, cap) + ") + \" \" + exec(() -> bump(" + cap + ")) + ", expr.awaitInt(s, 1),
                        " + exec(() -> { bump(1); }) + exec(() -> { return " + cap + " * 2; }) + pick(", expr.boolExpr(s, 1),
                        " ? () -> " + cap + " : () -> -" + cap + ") + ", expr.awaitInt(s, 1), ");"));
            }
            case 3 -> {
                // A generic constructor, its type argument inferred from the lambda and the awaited argument.
                String t = gen.name("lt");
                body.add(Node.of(STATEMENT, "Box<Integer> " + v + " = new Box<>(" + unary(true, cap) + ", ", expr.awaitInt(s, 1), ");"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".v + \" \" + new Box<>((String " + t + ") -> " + t
                        + ".length() + " + cap + ", await(sLater(", expr.strExpr(s, 1), "))).v + \" \" + new Box<Integer>("
                        + unary(true, cap) + ", ", expr.awaitInt(s, 1), ").v);"));
            }
            case 4 -> {
                // Varargs of a functional interface, with awaits before, among and after them.
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", applyAll(", expr.awaitInt(s, 1), varargs(cap) + ") + \" \" + applyAll("
                        + cap + ", " + unary(false, cap) + ", await(" + nowOrLater() + unary(false, cap) + ")), " + unary(false, cap)
                        + ") + \" \" + applyAll(", expr.awaitInt(s, 1), ", new IntUnaryOperator[] {" + unary(false, cap) + "}));"));
            }
            case 5 -> {
                // Conditionals whose condition or other arm awaits.
                String other = gen.name("fo");
                body.add(Node.of(STATEMENT, "IntUnaryOperator " + v + " = await(bLater(", expr.boolExpr(s, 1), ")) ? "
                        + unary(false, cap) + " : " + unary(false, cap) + ";"));
                body.add(Node.of(STATEMENT, "IntUnaryOperator " + other + " = ", expr.boolExpr(s, 1), " ? " + unary(false, cap)
                        + " : await(" + nowOrLater() + unary(false, cap) + "));"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".applyAsInt(", expr.awaitInt(s, 1), ") + \" \" + " + other
                        + ".applyAsInt(", expr.intExpr(s, 1), ") + \" \" + apply(", expr.boolExpr(s, 1), " ? " + unary(true, cap)
                        + " : " + unary(true, cap) + ", ", expr.awaitInt(s, 1), "));"));
            }
            case 6 -> {
                // Intersection casts; a var of an intersection type lives across the suspension.
                String p = gen.name("lp");
                String typed = gen.name("fi");
                body.add(Node.of(STATEMENT, "var " + v + " = (Function<Integer, Integer> & java.io.Serializable) " + p + " -> "
                        + p + " * " + cap + " + 1;"));
                body.add(Node.of(STATEMENT, "Function<Integer, Integer> " + typed + " = (Function<Integer, Integer> & java.io.Serializable) "
                        + unary(true, cap) + ";"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".apply(", expr.awaitInt(s, 1), ") + \" \" + " + typed
                        + ".apply(", expr.intExpr(s, 1), ") + \" \" + (" + typed + " instanceof java.io.Serializable) + apply("
                        + "(Function<Integer, Integer> & java.io.Serializable) " + unary(true, cap) + ", ", expr.awaitInt(s, 1), "));"));
            }
            case 7 -> {
                // Lambdas returning lambdas, built before the suspension and applied to awaited values after.
                String a = gen.name("la");
                String b = gen.name("lb");
                String mul = gen.name("fm");
                String str = gen.name("fs");
                body.add(Node.of(STATEMENT, "final String " + str + " = ", expr.strExpr(s, 1), ";"));
                body.add(Node.of(STATEMENT, "Function<Integer, Function<Integer, Integer>> " + v + " = " + a + " -> " + b + " -> " + a
                        + " * 7 + " + b + " + " + cap + ";"));
                body.add(Node.of(STATEMENT, "IntFunction<IntUnaryOperator> " + mul + " = " + a + " -> (" + b + " -> { return " + a
                        + " * " + b + "; });"));
                body.add(Node.of(STATEMENT, "Supplier<Supplier<String>> " + str + "q = () -> () -> " + str + " + " + cap + ";"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".apply(", expr.awaitInt(s, 1), ").apply(", expr.awaitInt(s, 1),
                        ") + \" \" + " + mul + ".apply(" + cap + ").applyAsInt(", expr.awaitInt(s, 1), ") + " + str + "q.get().get());"));
            }
            case 8 -> {
                // Effectively final (not final) locals declared before an await, captured after it.
                String k = gen.name("fe");
                String w = gen.name("fw");
                String q = gen.name("fq");
                String h = gen.name("fh");
                String p = gen.name("lp");
                body.add(Node.of(STATEMENT, "int " + k + " = ", expr.intExpr(s, 2), ";"));
                body.add(Node.of(STATEMENT, "String " + w + " = ", expr.strExpr(s, 1), ";"));
                body.add(Node.of(STATEMENT, "IntSupplier " + v + " = () -> " + k + " * 3 + " + cap + ";"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "IntSupplier " + q + " = () -> " + k + " + " + w + ".length();"));
                body.add(Node.of(STATEMENT, "Function<Integer, String> " + h + " = " + p + " -> " + w + " + " + p + " + " + k + ";"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".getAsInt() + \" \" + " + q + ".getAsInt() + " + h + ".apply(",
                        expr.awaitInt(s, 1), ") + " + k + " + " + w + ");"));
            }
            case 9 -> {
                // Method references whose receiver awaits, is replaced or is null while a later argument
                // awaits: the receiver is evaluated (and null-checked) once, before the later arguments.
                String got = gen.name("fg");
                body.add(Node.of(STATEMENT, "Supplier<String> " + v + " = Objects.requireNonNull(await(sLater(", expr.strExpr(s, 1),
                        ")))::toString;"));
                body.add(Node.of(STATEMENT, "IntSupplier " + got + " = seen(\"" + gen.tag("ft") + "\", await(accLater(acc)))::get;"));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", apply(acc::add, await(" + (chance.percent(50) ? "iNow" : "iLater")
                        + "(swapAcc(", expr.intExpr(s, 1), ")))).get() + \" \" + apply("
                        + "seen(\"" + gen.tag("ft") + "\", await(accLater(acc)))::add, ", expr.awaitInt(s, 1), ").get());"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + gen.tag("ft") + "\", " + v + ".get() + " + got + ".getAsInt());"));
                body.add(Node.of(STATEMENT, "try { log(\"" + gen.tag("ft") + "\", apply(maybeAcc(", expr.boolExpr(s, 1), ")::add, ",
                        expr.awaitInt(s, 1), ").get()); } catch (NullPointerException npe) { log(\"" + gen.tag("ft") + "\", \"npe\"); }"));
            }
            case 10 -> {
                // Generic methods returning functional interfaces.
                String k = gen.name("fk");
                String t = gen.name("lt");
                body.add(Node.of(STATEMENT, "Function<Integer, Integer> " + v + " = twice(" + unary(true, cap) + ");"));
                body.add(Node.of(STATEMENT, "Supplier<Integer> " + k + " = constant(", expr.awaitInt(s, 1), ");"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".apply(", expr.awaitInt(s, 1), ") + \" \" + " + k
                        + ".get() + twice((String " + t + ") -> " + t + " + " + cap + ").apply(await(sLater(", expr.strExpr(s, 1),
                        "))) + constant(", expr.awaitInt(s, 1), ").get() + await(now(Harness.<Integer>twice(" + unary(true, cap) + "))).apply(",
                        expr.intExpr(s, 1), "));"));
            }
            default -> {
                // Constructor, array constructor, overloaded-constructor and this/super references.
                String arr = gen.name("fa");
                body.add(Node.of(STATEMENT, "Function<Integer, int[]> " + arr + " = int[]::new;"));
                body.add(Node.of(STATEMENT, "BiFunction<String, Integer, Acc> " + v + " = Acc::new;"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + arr + ".apply(idx(", expr.awaitInt(s, 1), ")).length + \" \" + "
                        + v + ".apply(", expr.strExpr(s, 1), ", ", expr.awaitInt(s, 1), ").add(" + cap + ").get() + \" \" + apply("
                        + "StringBuilder::new, await(sLater(", expr.strExpr(s, 1), "))).reverse() + \" \" + apply(int[]::new, idx(",
                        expr.awaitInt(s, 1), ")).length + \" \" + apply(" + unary(true, cap) + ", ", expr.awaitInt(s, 1), "));"));
            }
        }
        return Node.of(STATEMENT, "{", Node.block(body), "}");
    }

    private String nowOrLater() {
        return chance.percent(50) ? "now(" : "later(";
    }
}
