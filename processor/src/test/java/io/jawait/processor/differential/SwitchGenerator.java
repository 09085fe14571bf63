package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.INT;
import static io.jawait.processor.differential.Node.Kind.OTHER;
import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import io.jawait.processor.differential.Scope.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Switch statements (classic with fall-through, and arrow form) and switch expressions (arrow and
 * {@code yield}) over ints, strings and an enum, with awaits in the selector, case bodies and
 * yielded values.
 */
final class SwitchGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;

    SwitchGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
    }

    /** A selector and its case constants: {@code idx(e)} with 0..3, {@code key(e)}, or {@code color(e)}. */
    private record Selector(Node expression, List<String> constants) {
    }

    private Selector selector(Scope s) {
        Node e = expr.intExpr(s, chance.between(1, 2));
        return switch (chance.between(0, 2)) {
            case 0 -> new Selector(Node.of(OTHER, "idx(", e, ")"), List.of("0", "1", "2", "3"));
            case 1 -> new Selector(Node.of(OTHER, "key(", e, ")"), List.of("\"k0\"", "\"k1\"", "\"k2\"", "\"k3\""));
            default -> new Selector(Node.of(OTHER, "color(", e, ")"), List.of("RED", "GREEN", "BLUE"));
        };
    }

    /** Groups of case constants, each constant used once; some constants are left to default. */
    private List<List<String>> groups(List<String> constants) {
        List<String> pool = new ArrayList<>(constants);
        List<List<String>> groups = new ArrayList<>();
        while (!pool.isEmpty() && (groups.isEmpty() || chance.percent(70))) {
            List<String> group = new ArrayList<>();
            group.add(pool.remove(chance.between(0, pool.size() - 1)));
            if (!pool.isEmpty() && chance.percent(25)) {
                group.add(pool.remove(chance.between(0, pool.size() - 1)));
            }
            groups.add(group);
        }
        return groups;
    }

    Node switchStatement(Scope s) {
        Selector sel = selector(s);
        boolean arrows = chance.percent(50);
        Scope body = s.inside(new Target(null, false, true));
        List<Object> parts = new ArrayList<>();
        parts.add("switch (");
        parts.add(sel.expression());
        parts.add(") {");
        List<Node> cases = new ArrayList<>();
        for (List<String> group : groups(sel.constants())) {
            cases.add(arrows ? arrowCase("case " + String.join(", ", group), body) : classicCase("case " + String.join(", ", group), body));
        }
        if (chance.percent(60)) {
            cases.add(arrows ? arrowCase("default", body) : classicCase("default", body));
        }
        parts.add(Node.block(cases));
        parts.add("}");
        return Node.of(STATEMENT, parts.toArray());
    }

    /** {@code case c: { ... } break;} or without the break, falling through. */
    private Node classicCase(String head, Scope s) {
        Node block = statements.nestedBlock(s.child());
        return Node.of(STATEMENT, head + ": {", block, chance.percent(70) ? "} break;" : "}");
    }

    private Node arrowCase(String head, Scope s) {
        if (chance.percent(30)) {
            return Node.of(STATEMENT, head + " -> log(\"" + gen.tag("t") + "\", ", expr.intExpr(s, chance.between(1, 2)), ");");
        }
        return Node.of(STATEMENT, head + " -> {", statements.nestedBlock(s.child()), "}");
    }

    /** An int switch expression; every arm yields, the selector and arms may await. */
    Node switchExpression(Scope s, int depth) {
        Selector sel = selector(s);
        boolean arrows = chance.percent(60);
        List<Node> cases = new ArrayList<>();
        List<List<String>> groups = groups(sel.constants());
        for (List<String> group : groups) {
            cases.add(yieldingCase("case " + String.join(", ", group), arrows, s, depth));
        }
        cases.add(yieldingCase("default", arrows, s, depth));
        return Node.of(INT, "switch (", sel.expression(), ") {", Node.block(cases), "}");
    }

    private Node yieldingCase(String head, boolean arrows, Scope s, int depth) {
        if (arrows && chance.percent(50)) {
            return Node.of(STATEMENT, head + " -> ", expr.intExpr(s, depth), ";");
        }
        // A switch expression's arms cannot jump out of it: only return-free, label-free statements.
        Scope inner = s.switchExpressionArm();
        Node body = statements.hasBudget() && chance.percent(60) ? statements.nestedBlock(inner) : Node.block(List.of());
        List<Node> stats = new ArrayList<>(body.children());
        Node value = expr.intExpr(inner, depth);
        // "yield (" would read as a call of a method named yield, which javac rejects.
        stats.add(Node.of(STATEMENT, value.render().startsWith("(") ? "yield 0 + " : "yield ", value, ";"));
        return Node.of(STATEMENT, head + (arrows ? " -> {" : ": {"), Node.block(stats), "}");
    }
}
