package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * Boxed locals and numeric promotion across suspensions: {@code Integer}, {@code Long},
 * {@code Character} and {@code Byte} under compound assignments and {@code ++}/{@code --}, a null
 * {@code Integer} unboxed by a compound assignment whose right side awaits (javac unboxes before it
 * evaluates the right side) or by a conditional whose other arm awaits, and {@code double},
 * {@code float} and {@code long} arithmetic mixed with awaited ints. A {@code NullPointerException}
 * is caught and logged without its message: the helpful message names a local, and names may
 * legitimately differ once the transform has moved a local.
 */
final class BoxingGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;

    BoxingGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
    }

    Node statement(Scope s) {
        String v = gen.name("bv");
        String tag = gen.tag("bt");
        List<Node> body = new ArrayList<>();
        switch (chance.between(0, 5)) {
            case 0 -> {
                body.add(Node.of(STATEMENT, "Integer " + v + " = ", expr.intExpr(s, 2), ";"));
                body.add(Node.of(STATEMENT, v + " " + statements.compoundOperator() + " ", expr.awaitInt(s, 1), ";"));
                body.add(Node.of(STATEMENT, chance.percent(50) ? v + "++;" : "--" + v + ";"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, v + " " + statements.compoundOperator() + " ", expr.intExpr(s, 2), ";"));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + " + " + v + "++ + await(iNow(" + v + ")));"));
            }
            case 1 -> {
                // Ints computed first wherever a long would be on the operand stack (see wideSafe).
                String i = gen.name("bi");
                body.add(Node.of(STATEMENT, "Long " + v + " = wide(", expr.intExpr(s, 1), ");"));
                body.add(wideSafe(i, expr.awaitInt(s, 1)));
                body.add(Node.of(STATEMENT, v + " " + statements.compoundOperator() + " await(iLater(" + i + "));"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, v + "++;"));
                body.add(wideSafe(i + "b", expr.intExpr(s, 1)));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + " + \" \" + (" + v + " >> 3) + \" \" + (" + v
                        + " * await(iLater(" + i + "b))));"));
            }
            case 2 -> {
                String c = gen.name("bc");
                body.add(Node.of(STATEMENT, "Character " + v + " = (char) ('a' + idx(", expr.intExpr(s, 2), "));"));
                body.add(Node.of(STATEMENT, v + "++;"));
                body.add(Node.of(STATEMENT, "Byte " + c + " = (byte) (int) ", expr.awaitInt(s, 1), ";"));
                body.add(Node.of(STATEMENT, c + (chance.percent(50) ? "++;" : "--;")));
                body.add(statements.suspension(s));
                String n = gen.name("bn");
                body.add(Node.of(STATEMENT, "char " + n + " = " + v + ";"));
                body.add(Node.of(STATEMENT, n + " += await(iNow(idx(", expr.intExpr(s, 1), ")));"));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + " + \"\" + " + n + " + (" + v + " + 1) + \" \" + "
                        + c + " + (" + c + " << 2));"));
            }
            case 3 -> {
                // A null Integer under a compound assignment: unboxed before the right side's await runs.
                body.add(Node.of(STATEMENT, "Integer " + v + " = sometimes() ? null : ", expr.intExpr(s, 1), ";"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "try { " + v + " " + statements.compoundOperator() + " await(iLater(log(\"" + tag
                        + "\", ", expr.intExpr(s, 1), "))); log(\"" + gen.tag("bt") + "\", " + v
                        + "); } catch (NullPointerException npe) { log(\"" + gen.tag("bt") + "\", \"npe\"); }"));
            }
            case 4 -> {
                // ?: of Integer and int has type int: the Integer arm is unboxed, the other may await.
                String r = gen.name("br");
                body.add(Node.of(STATEMENT, "Integer " + v + " = sometimes() ? null : ", expr.intExpr(s, 1), ";"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, "try { int " + r + " = ", expr.boolExpr(s, 1), " ? " + v + " : await(iLater(",
                        expr.intExpr(s, 1), ")); log(\"" + tag + "\", " + r + "); Integer " + r + "b = ", expr.boolExpr(s, 1),
                        " ? await(iNow(", expr.intExpr(s, 1), ")) : " + v + "; log(\"" + gen.tag("bt") + "\", " + r
                        + "b); } catch (NullPointerException npe) { log(\"" + gen.tag("bt") + "\", \"npe\"); }"));
            }
            default -> {
                String fl = gen.name("bf");
                String w = gen.name("bw");
                String i = gen.name("bi");
                // Each int that is widened, or meets a double, is computed into an int local first.
                body.add(wideSafe(i + "d", expr.intExpr(s, 1)));
                body.add(Node.of(STATEMENT, "double " + v + " = " + i + "d / 2.0;"));
                body.add(wideSafe(i, expr.intExpr(s, 1)));
                body.add(Node.of(STATEMENT, v + " += await(iLater(" + i + "));"));
                body.add(wideSafe(i + "f", expr.intExpr(s, 1)));
                body.add(Node.of(STATEMENT, "float " + fl + " = " + i + "f;"));
                body.add(Node.of(STATEMENT, fl + " /= await(iNow(", expr.intExpr(s, 1), "));"));
                body.add(wideSafe(i + "w", expr.intExpr(s, 1)));
                body.add(Node.of(STATEMENT, "long " + w + " = " + i + "w;"));
                body.add(wideSafe(i + "b", expr.intExpr(s, 1)));
                body.add(Node.of(STATEMENT, w + " += await(iLater(" + i + "b)) * 1000000007L;"));
                body.add(statements.suspension(s));
                body.add(Node.of(STATEMENT, v + " *= 1.5;"));
                // A string concatenation pushes every operand before it concatenates: the doubles and longs too.
                body.add(wideSafe(i + "c", expr.intExpr(s, 1)));
                body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + " + \" \" + " + fl + " + \" \" + " + w + " + \" \" + ("
                        + w + " >>> 7) + \" \" + (char) ('a' + idx(await(iNow(" + i + "c)))) + \" \" + (" + v + " > " + fl + "));"));
            }
        }
        return Node.of(STATEMENT, "{", Node.block(body), "}");
    }

    /**
     * {@code int i = value;} before a statement that widens {@code i} or awaits it with a long or
     * double already on the operand stack: javac (17 and 25) crashes generating a switch expression
     * with a try in an arm that is widened directly or evaluated while a long or double is on the
     * stack (see TESTING.md), and value may be such a switch.
     */
    static Node wideSafe(String i, Node value) {
        return Node.of(STATEMENT, "int " + i + " = ", value, ";");
    }
}
