package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.OTHER;
import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * try-with-resources over the harness's {@code Res} (which logs open, use and close, and may fail
 * on close) and {@code AsyncRes} (the same with an awaited {@code closeAsync}), with awaits in
 * resource initializers and bodies, the {@code try (existing)} form, and catch/finally clauses, so
 * closing order and suppressed exceptions are compared.
 */
final class ResourceGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;

    ResourceGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
    }

    Node tryWithResources(Scope s) {
        Scope body = s.tryBlock();
        List<Node> declarations = new ArrayList<>();
        List<Object> specs = new ArrayList<>();
        int count = chance.between(1, 3);
        for (int i = 0; i < count; i++) {
            String r = gen.name("r");
            if (i > 0) {
                specs.add("; ");
            }
            boolean async = gen.has(Feature.ASYNC_RESOURCES) && chance.percent(40) && gen.mayCatchOrReplaceCancellation();
            String type = async ? "AsyncRes " : "Res ";
            Node opening = async ? asyncOpening(r) : opening(body, r);
            if (chance.percent(20)) {
                // try (existing): the variable is declared (and opened) before the try.
                declarations.add(Node.of(STATEMENT, type + r + " = ", opening, ";"));
                specs.add(r);
            } else {
                specs.add(Node.of(OTHER, type + r + " = ", opening));
            }
            body.resources.add(r);
        }
        List<Object> parts = new ArrayList<>();
        parts.add("try (");
        parts.addAll(specs);
        parts.add(") {");
        List<Node> inside = new ArrayList<>();
        for (String r : body.resources) {
            if (chance.percent(50)) {
                inside.add(Node.of(STATEMENT, r + ".use(", expr.intExpr(body, chance.between(1, 2)), ");"));
            }
        }
        inside.addAll(statements.nestedBlock(body).children());
        parts.add(Node.block(inside));
        parts.add("}");
        parts.addAll(statements.catchesAndFinally(s, chance.percent(50) ? 0 : 1));
        Node tryNode = Node.of(STATEMENT, parts.toArray());
        if (declarations.isEmpty()) {
            return tryNode;
        }
        List<Node> wrapped = new ArrayList<>(declarations);
        wrapped.add(tryNode);
        return Node.of(STATEMENT, "{", Node.block(wrapped), "}");
    }

    /** An {@code AsyncRes}, whose close is an {@code @Async} method the try awaits. */
    private Node asyncOpening(String name) {
        int fail = chance.percent(85) ? 0 : chance.between(1, 3);
        return chance.percent(50) ? Node.of(OTHER, "new AsyncRes(\"" + name + "\", " + fail + ")")
                : Node.of(OTHER, "await(asyncResLater(\"" + name + "\", " + fail + "))");
    }

    /** {@code new Res(name, failOnClose)} or its awaited forms; failOnClose 0 closes quietly. */
    private Node opening(Scope s, String name) {
        int fail = chance.percent(85) ? 0 : chance.between(1, 3);
        return switch (chance.between(0, 3)) {
            case 0 -> Node.of(OTHER, "new Res(\"" + name + "\", " + fail + ")");
            case 1 -> Node.of(OTHER, "new Res(\"" + name + "\", await(iNow(" + fail + ")))");
            case 2 -> Node.of(OTHER, "await(resLater(\"" + name + "\", " + fail + "))");
            default -> Node.of(OTHER, "open(", expr.strExpr(s, 1), " + \"" + name + "\", " + fail + ", ",
                    expr.intExpr(s, 1), ")");
        };
    }
}
