package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * Local classes, anonymous classes (also subclassing the program's own nested {@code Base}), inner
 * class instances ({@code INSTANCE.new Inner(...)}), lambdas, and method and constructor references,
 * each capturing a final local declared before a suspension and called after it with awaited
 * arguments. A class or lambda body never awaits itself (that is a compile error by design).
 */
final class ClassesGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;

    ClassesGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
    }

    Node statement(Scope s) {
        String cap = gen.name("cap");
        String v = gen.name("ov");
        String tag = gen.tag("ot");
        List<Node> body = new ArrayList<>();
        body.add(Node.of(STATEMENT, "final int " + cap + " = ", expr.intExpr(s, 2), ";"));
        switch (chance.between(0, 6)) {
            case 0 -> {
                String type = gen.name("Lc");
                body.add(Node.of(STATEMENT, "class " + type + " { int calls; int get(int d) { calls++; return " + cap
                        + " * 3 + d + calls; } }"));
                body.add(Node.of(STATEMENT, type + " " + v + " = new " + type + "();"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".get(", expr.awaitInt(s, 1), ") + " + v + ".get("
                        + cap + ") + new " + type + "().get(", expr.intExpr(s, 1), "));"));
            }
            case 1 -> {
                body.add(Node.of(STATEMENT, "IntUnaryOperator " + v + " = new IntUnaryOperator() { int calls; "
                        + "public int applyAsInt(int x) { calls++; return x * " + cap + " + calls; } };"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".applyAsInt(", expr.awaitInt(s, 1), ") + " + v
                        + ".applyAsInt(", expr.intExpr(s, 1), "));"));
            }
            case 2 -> {
                body.add(Node.of(STATEMENT, "Base " + v + " = new Base() { @Override int val(int x) { return super.val(x) * 2 + "
                        + cap + "; } };"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".val(", expr.awaitInt(s, 1), "));"));
            }
            case 3 -> {
                String qualifier = gen.instance[gen.currentMethod] && chance.percent(50) ? "" : "INSTANCE.";
                body.add(Node.of(STATEMENT, "Inner " + v + " = " + qualifier + "new Inner(", expr.awaitInt(s, 1), ");"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".plus(", expr.awaitInt(s, 1), " + " + cap + "));"));
            }
            case 4 -> {
                body.add(Node.of(STATEMENT, "IntBinaryOperator " + v + " = ", expr.boolExpr(s, 1), " ? Harness::mix : ",
                        expr.boolExpr(s, 1), " ? Math::max : Integer::sum;"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".applyAsInt(" + cap + ", ", expr.awaitInt(s, 1), "));"));
            }
            case 5 -> {
                String str = gen.name("os");
                String q = gen.name("oq");
                body.add(Node.of(STATEMENT, "final String " + str + " = ", expr.strExpr(s, 1), ";"));
                body.add(Node.of(STATEMENT, "Supplier<Integer> " + v + " = " + str + "::length;"));
                body.add(Node.of(STATEMENT, "IntSupplier " + q + " = () -> " + cap + " + " + str + ".length();"));
                body.add(Node.of(STATEMENT, "Runnable " + q + "r = () -> log(\"" + gen.tag("ot") + "\", " + str + " + " + cap + ");"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, q + "r.run();"));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".get() + " + q + ".getAsInt() + await(iLater(",
                        expr.intExpr(s, 1), ")));"));
            }
            default -> {
                String arr = gen.name("oa");
                body.add(Node.of(STATEMENT, "BiFunction<String, Integer, Acc> " + v + " = Acc::new;"));
                body.add(Node.of(STATEMENT, "IntFunction<int[]> " + arr + " = int[]::new;"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".apply(", expr.strExpr(s, 1), ", ", expr.awaitInt(s, 1),
                        ").add(" + cap + ").get() + " + arr + ".apply(idx(", expr.intExpr(s, 1), ")).length + List.of(",
                        expr.intExpr(s, 1), ", ", expr.awaitInt(s, 1), ").stream().map(x -> x * " + cap
                        + ").reduce(0, Integer::sum));"));
            }
        }
        return Node.of(STATEMENT, "{", Node.block(body), "}");
    }
}
