package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * Constant variables declared before a suspension and used after it where only a constant will do:
 * {@code case K:} labels (int and String), narrowing assignments ({@code byte b = K;}), and the
 * identity of compile-time concatenations ({@code (A + B) == "ab"} is the interned literal; a
 * concatenation of non-constants would not be).
 */
final class ConstantsGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;

    ConstantsGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
    }

    Node statement(Scope s) {
        String k = gen.name("K");
        String k2 = gen.name("K");
        String a = gen.name("A");
        String b = gen.name("B");
        int kValue = chance.between(0, 4);
        int step = chance.between(1, 3);
        String aValue = gen.tag("ca");
        String bValue = gen.tag("cb");
        List<Node> body = new ArrayList<>();
        body.add(Node.of(STATEMENT, "final int " + k + " = " + kValue + ";"));
        body.add(Node.of(STATEMENT, "final int " + k2 + " = " + k + " + " + step + ";"));
        body.add(Node.of(STATEMENT, "final String " + a + " = \"" + aValue + "\", " + b + " = \"" + bValue + "\";"));
        body.add(statements.suspension(s));
        String tag = gen.tag("kt");
        switch (chance.between(0, 2)) {
            case 0 -> body.add(Node.of(STATEMENT, "switch (idx(", expr.intExpr(s, 2), ")) { case " + k + ": log(\"" + tag
                    + "\", \"K\"); break; case " + k2 + ": log(\"" + tag + "\", await(iLater(" + k2
                    + "))); default: log(\"" + tag + "\", \"d\"); }"));
            case 1 -> body.add(Node.of(STATEMENT, "switch (", expr.strExpr(s, 1), ") { case " + a + ": log(\"" + tag
                    + "\", 1); break; case " + a + " + " + b + ": log(\"" + tag + "\", 2); break; default: log(\"" + tag
                    + "\", " + b + "); }"));
            default -> body.add(Node.of(STATEMENT, "log(\"" + tag + "\", switch (", expr.intExpr(s, 1), ") { case " + k
                    + " -> await(iLater(" + k + ")); case " + k2 + " -> -" + k2 + "; default -> 7; });"));
        }
        String narrow = gen.name("kb");
        body.add(Node.of(STATEMENT, "byte " + narrow + " = " + k2 + ";"));
        body.add(Node.of(STATEMENT, "char " + narrow + "c = " + k + " + 'a';"));
        body.add(Node.of(STATEMENT, "log(\"" + gen.tag("kt") + "\", ((" + a + " + " + b + ") == \"" + aValue + bValue
                + "\") + \" \" + (" + a + " + " + k + " == \"" + aValue + kValue + "\") + \" \" + " + narrow + " + " + narrow
                + "c + await(iNow(" + k2 + ")));"));
        return Node.of(STATEMENT, "{", Node.block(body), "}");
    }
}
