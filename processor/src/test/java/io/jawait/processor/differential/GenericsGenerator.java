package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * Locals whose types the generated state machine must write down, declared before a suspension and
 * used after it: least upper bounds that are intersections ({@code List.of(1, 2.5)},
 * {@code cond ? new StringBuilder() : "s"}, {@code Map.of("a", 1, "b", 2.5)}, {@code cond ? new
 * ArrayList<Integer>(..) : new LinkedList<Double>(..)}, whose class bound has a wildcard), values of such
 * types computed before an await in the same expression, intersections nested in
 * type arguments (used through every bound, see supported-java.md), wildcards
 * ({@code ? extends}, {@code ? super}), and results of generic {@code @Async} methods with bounded type
 * variables ({@code maxOf}, {@code sumAll} in the program's header).
 */
final class GenericsGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;

    GenericsGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
    }

    Node statement(Scope s) {
        String v = gen.name("gv");
        String tag = gen.tag("gt");
        List<Node> body = new ArrayList<>();
        switch (chance.between(0, 6)) {
            case 0 -> {
                body.add(Node.of(STATEMENT, "var " + v + " = List.of(", expr.intExpr(s, 2), ", 2.5, ", expr.intExpr(s, 1), ");"));
                body.add(statements.suspension(s));
                // After the suspension the elements keep every bound: Constable's members, Comparable's.
                String comparables = gen.name("gc");
                body.add(Node.of(STATEMENT, "List<? extends Comparable<?>> " + comparables + " = " + v + ";"));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".get(idx(", expr.intExpr(s, 2), ") % 3).intValue() + "
                        + v + ".size() + \" \" + " + v + ".get(1).describeConstable().isPresent() + " + comparables + ".size());"));
                String n = gen.name("gn");
                // The int first: a switch expression with a try in an arm crashes javac when a double is on
                // the operand stack (see TESTING.md).
                body.add(Node.of(STATEMENT, "for (Number " + n + " : " + v + ") { log(\"" + gen.tag("gt") + "\", await(iNow(",
                        expr.intExpr(s, 1), ")) + " + n + ".doubleValue()); }"));
            }
            case 1 -> {
                String type = chance.percent(70) ? "var " : "CharSequence ";
                // The generated operands inside calls: javac rejects a var whose initializer holds, outside
                // any call, new or cast, a lambda (here: declared in a switch expression's arm), see TESTING.md.
                body.add(Node.of(STATEMENT, type + v + " = Boolean.valueOf(", expr.boolExpr(s, 2), ") ? new StringBuilder(",
                        expr.strExpr(s, 1), ") : String.valueOf(", expr.strExpr(s, 1), ");"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".length() + \":\" + " + v + " + " + v
                        + ".subSequence(0, Math.min(" + v + ".length(), idx(", expr.intExpr(s, 1), "))));"));
            }
            case 2 -> {
                body.add(Node.of(STATEMENT, "var " + v + " = Map.of(\"a\", ", expr.intExpr(s, 2), ", \"b\", 2.5);"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", await(iLater(", expr.intExpr(s, 1), ")) + " + v
                        + ".get(\"a\").intValue() + " + v + ".get(\"b\").doubleValue() + \" \" + " + v
                        + ".get(\"b\").describeConstable().get());"));
            }
            case 3 -> {
                body.add(Node.of(STATEMENT, "List<? extends Number> " + v + " = List.of(", expr.intExpr(s, 2), ", wide(",
                        expr.intExpr(s, 1), "));"));
                String sup = gen.name("gs");
                body.add(Node.of(STATEMENT, "List<? super Integer> " + sup + " = new ArrayList<Number>();"));
                body.add(Node.of(STATEMENT, sup + ".add(await(iLater(", expr.intExpr(s, 1), ")));"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, sup + ".add(", expr.intExpr(s, 1), ");"));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", await(sumAll(" + v + ")) + \" \" + " + sup + ");"));
            }
            case 4 -> {
                body.add(Node.of(STATEMENT, "var " + v + " = List.of(List.of(", expr.intExpr(s, 1), "), Set.of(2.5));"));
                body.add(statements.suspension(s));
                String c = gen.name("gc");
                String total = gen.name("gn");
                body.add(Node.of(STATEMENT, "int " + total + " = 0;"));
                body.add(Node.of(STATEMENT, "for (var " + c + " : " + v + ") { " + total + " += " + c + ".size() + await(iNow("
                        + c + ".size())); }"));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + total + " + \" \" + " + v + ".get(0).iterator().next());"));
            }
            case 5 -> {
                // An intersection whose class bound has a wildcard (AbstractList<? extends Number & ...> &
                // Serializable & Cloneable), and temporaries of such types and of List.of(x, 2.5) before
                // an await in the same expression, used through every bound after it.
                body.add(Node.of(STATEMENT, "var " + v + " = Boolean.valueOf(", expr.boolExpr(s, 1), ") ? new ArrayList<Integer>(List.of(",
                        expr.intExpr(s, 1), ")) : new LinkedList<Double>(List.of(2.5));"));
                body.add(statements.suspension(s));
                String ser = gen.name("gz");
                body.add(Node.of(STATEMENT, "java.io.Serializable " + ser + " = " + v + ";"));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".size() + \" \" + " + v
                        + ".get(0).describeConstable().get() + \" \" + (" + ser + " != null) + \" \" + List.of(",
                        expr.intExpr(s, 1), ", 2.5).get(idx(await(iNow(", expr.intExpr(s, 1), "))) % 2).describeConstable().get()"
                        + " + \" \" + (", expr.boolExpr(s, 1), " ? new ArrayList<Integer>(List.of(", expr.intExpr(s, 1),
                        ")) : new LinkedList<Double>(List.of(2.5))).subList(0, await(iLater(1))).get(0).describeConstable().get());"));
            }
            default -> {
                String str = gen.name("gs");
                body.add(Node.of(STATEMENT, "Integer " + v + " = await(maxOf(", expr.intExpr(s, 2), ", iLater(",
                        expr.intExpr(s, 1), ")));"));
                body.add(Node.of(STATEMENT, "String " + str + " = await(maxOf(", expr.strExpr(s, 1), ", sLater(",
                        expr.strExpr(s, 1), ")));"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + " + " + str + " + await(maxOf(" + v + ", iNow(",
                        expr.intExpr(s, 1), "))));"));
            }
        }
        return Node.of(STATEMENT, "{", Node.block(body), "}");
    }
}
