package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * Exceptions that come out of awaited tasks and futures into try/catch/finally statements that
 * await in every block: a failure caught after its finally awaited, a finally that replaces the
 * failure with its own, a loop whose iterations fail, are caught, continue and await in finally.
 * Unlike the general try generator, a failure here is certain, so these paths run in most programs.
 */
final class FailureGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;

    FailureGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
    }

    Node statement(Scope s) {
        String e = gen.name("fe");
        String caught = chance.pick(List.of("E1", "E1 | E3", "RuntimeException", "E2"));
        // Inside a try: no un-awaited return of a task there (see Scope.inTry), jumps out of finally only if enabled.
        Scope inTry = s.tryBlock();
        Scope inFinally = inTry.finallyBlock(gen.has(Feature.JUMPS_OUT_OF_FINALLY));
        List<Node> body = new ArrayList<>();
        switch (chance.between(0, 2)) {
            case 0 -> body.add(Node.of(STATEMENT, "try { try { log(\"" + gen.tag("ft") + "\", ", expr.intExpr(s, 1),
                    "); log(\"" + gen.tag("ft") + "\", " + failingAwait() + "); } finally { log(\"" + gen.tag("ft") + "\", ",
                    expr.intExpr(s, 1), "); ", statements.suspension(inFinally), " } } catch (" + caught + " " + e + ") { log(\""
                    + gen.tag("ft") + "\", describe(" + e + ")); log(\"" + gen.tag("ft") + "\", await(iLater(",
                    expr.intExpr(s, 1), "))); }"));
            case 1 -> body.add(Node.of(STATEMENT, "try { try { log(\"" + gen.tag("ft") + "\", " + failingAwait()
                    + "); } finally { await(pause()); if (", expr.boolExpr(s, 1), ") { throw error(" + chance.between(1, 3)
                    + ", \"" + gen.tag("fin") + "\"); } } } catch (" + caught + " " + e + ") { log(\"" + gen.tag("ft")
                    + "\", describe(" + e + ")); }"));
            default -> {
                String i = gen.name("fi");
                body.add(Node.of(STATEMENT, "for (int " + i + " = 0; " + i + " < 3; " + i + "++) { try { if (" + i
                        + " == idx(", expr.intExpr(s, 1), ") % 3) { log(\"" + gen.tag("ft") + "\", " + failingAwait()
                        + "); } log(\"" + gen.tag("ft") + "\", " + i + " + await(iLater(" + i + "))); } catch (" + caught + " "
                        + e + ") { log(\"" + gen.tag("ft") + "\", describe(" + e + ")); continue; } finally { await(pause()); log(\""
                        + gen.tag("ft") + "\", \"f\" + " + i + "); } log(\"" + gen.tag("ft") + "\", " + i + "); }"));
            }
        }
        return Node.of(STATEMENT, "{", Node.block(body), "}");
    }

    /** An await that certainly fails, with one of the harness's exceptions. */
    private String failingAwait() {
        int kind = chance.between(1, 3);
        String tag = gen.tag("ff");
        return switch (chance.between(0, gen.has(Feature.DEEP_RECURSION) ? 3 : 2)) {
            case 0 -> "await(iFailLater(" + kind + ", \"" + tag + "\"))";
            case 1 -> "await(iFailNow(" + kind + ", \"" + tag + "\"))";
            case 2 -> "await(cfFail(" + kind + ", \"" + tag + "\"))";
            default -> "await(deepFail(" + kind + ", \"" + tag + "\"))";
        };
    }
}
