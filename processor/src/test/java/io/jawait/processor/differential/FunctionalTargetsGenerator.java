package io.jawait.processor.differential;

import static io.jawait.processor.differential.Node.Kind.INT;
import static io.jawait.processor.differential.Node.Kind.OTHER;
import static io.jawait.processor.differential.Node.Kind.STATEMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * Functional values whose target types are harder to write down, held or built across awaits:
 * constructor references of generic classes ({@code Cell::new}, {@code Cell<String>::new},
 * {@code Pair::new}, the program's generic inner class {@code Holder::new}, JDK classes), also as
 * arguments of generic calls whose other argument awaits and returned by a generic method
 * ({@code Function<T, Cell<T>>} inferred); switch expressions whose arms yield lambdas, method and
 * constructor references (selector awaited, awaits inside arms whose locals the yielded lambda
 * captures, as locals, as call arguments, as the operand of an await); and wildcard-typed
 * functional locals ({@code Function<? super Integer, ? extends Number>},
 * {@code Supplier<? extends List<? extends Number>>}, {@code Consumer<? super Integer>}, and
 * {@code Consumer<? super T>} in the program's generic {@code across}), read before and after
 * several awaits and in loops, with {@code var} locals of their results' captured types. The
 * helpers ({@code Cell}, {@code Pair}, {@code combine}, {@code cellMaker}, {@code feed}) are the
 * harness's; every value ends in the log.
 */
final class FunctionalTargetsGenerator {
    private final Generation gen;
    private final Chance chance;
    private final ExpressionGenerator expr;
    private final StatementGenerator statements;
    private final FunctionalOperandsGenerator operands;

    FunctionalTargetsGenerator(Generation gen, ExpressionGenerator expr, StatementGenerator statements,
            FunctionalOperandsGenerator operands) {
        this.gen = gen;
        this.chance = gen.chance;
        this.expr = expr;
        this.statements = statements;
        this.operands = operands;
    }

    private boolean instance() {
        return gen.instance[gen.currentMethod];
    }

    /** An int expression: a switch of lambdas or a generic constructor reference, next to an await. */
    Node intExpr(Scope s, int d) {
        return switch (chance.between(0, 4)) {
            case 0 -> Node.of(INT, "((int) apply(", lambdaSwitch(s, "Integer", d), ", ", expr.intExpr(s, d), "))");
            case 4 -> Node.of(INT, "((int) new Box<>(", lambdaSwitch(s, "Integer", d), ", ", expr.intExpr(s, d), ").v)");
            case 1 -> Node.of(INT, "applyAll(", expr.intExpr(s, d), ", ", lambdaSwitch(s, "int", d), ")");
            case 2 -> Node.of(INT, "apply(" + cellRef("Integer") + ", ", expr.intExpr(s, d), ").v");
            default -> Node.of(INT, "combine(" + pairRef() + ", ", expr.intExpr(s, d), ", ", expr.strExpr(s, d), ").a");
        };
    }

    private String cellRef(String t) {
        return chance.percent(50) ? "Cell::new" : "Cell<" + t + ">::new";
    }

    private String boxRef() {
        return chance.pick(List.of("Box::new", "Box<Integer>::new", "Box<Integer>::<String>new"));
    }

    private String pairRef() {
        return chance.percent(50) ? "Pair::new" : "Pair<Integer, String>::new";
    }

    /**
     * A switch expression whose arms yield {@code Function<Integer, Integer>} values (boxed) or
     * {@code IntUnaryOperator}s: lambdas, method references, and blocks that await before yielding
     * a lambda that captures the awaited value. Its selector may await; arrow or {@code yield} form.
     */
    private Node lambdaSwitch(Scope s, String t, int d) {
        boolean boxed = t.equals("Integer");
        boolean arrow = chance.percent(60);
        List<Object> parts = new ArrayList<>();
        parts.add("switch (idx(");
        parts.add(chance.percent(60) ? expr.awaitInt(s, d) : expr.intExpr(s, d));
        parts.add(")) {");
        int arms = chance.between(1, 3);
        for (int i = 0; i < arms; i++) {
            parts.add(" case " + i + (arrow ? " -> " : ": "));
            parts.add(arm(s, boxed, arrow, d));
        }
        parts.add(" default" + (arrow ? " -> " : ": "));
        parts.add(arm(s, boxed, arrow, d));
        parts.add(" }");
        return Node.of(OTHER, parts.toArray());
    }

    private Node arm(Scope s, boolean boxed, boolean arrow, int d) {
        String lit = Integer.toString(chance.between(0, 9));
        if (chance.percent(35)) {
            // A block that awaits, then yields a lambda capturing the awaited (effectively final) local.
            String q = gen.name("fq");
            String p = gen.name("lp");
            Node block = Node.of(OTHER, "{ int " + q + " = ", expr.awaitInt(s, d), "; yield " + p + " -> " + p + " * 3 + "
                    + q + "; }");
            return arrow ? block : Node.of(OTHER, block);
        }
        String value = operands.unary(boxed, lit);
        return Node.of(OTHER, arrow ? value + ";" : "yield " + value + ";");
    }

    Node statement(Scope s) {
        String cap = gen.name("fc");
        String tag = gen.tag("fx");
        List<Node> body = new ArrayList<>();
        body.add(Node.of(STATEMENT, "final int " + cap + " = ", expr.intExpr(s, 2), ";"));
        switch (chance.between(0, 5)) {
            case 0 -> constructorReferences(s, cap, tag, body);
            case 1 -> lambdaSwitches(s, cap, tag, body);
            case 2 -> wildcardLocals(s, cap, tag, body);
            case 3 -> wildcardLoop(s, cap, tag, body);
            case 4 -> generic(s, cap, tag, body);
            default -> {
                if (instance()) {
                    innerConstructorReferences(s, cap, tag, body);
                } else {
                    lambdaSwitches(s, cap, tag, body);
                }
            }
        }
        return Node.of(STATEMENT, "{", Node.block(body), "}");
    }

    /** Constructor references of generic classes, held across a suspension and passed next to awaits. */
    private void constructorReferences(Scope s, String cap, String tag, List<Node> body) {
        String v = gen.name("fv");
        String w = gen.name("fw");
        String mk = gen.name("fm");
        String jdk = gen.name("fj");
        body.add(Node.of(STATEMENT, "Function<Integer, Cell<Integer>> " + v + " = " + cellRef("Integer") + ";"));
        body.add(Node.of(STATEMENT, "BiFunction<String, Integer, Cell<String>> " + w + " = " + cellRef("String") + ";"));
        body.add(Node.of(STATEMENT, "Function<Integer, Cell<Integer>> " + mk + " = "
                + (chance.percent(50) ? "cellMaker();" : "Harness.<Integer>cellMaker();")));
        body.add(Node.of(STATEMENT, "Function<Integer, ArrayList<String>> " + jdk + " = ArrayList::new;"));
        // Box's constructor is itself generic: <S> Box(Function<S, T>, S).
        String bx = gen.name("fb");
        String p = gen.name("lp");
        body.add(Node.of(STATEMENT, "BiFunction<Function<String, Integer>, String, Box<Integer>> " + bx + " = " + boxRef() + ";"));
        body.add(statements.suspension(s));
        body.add(Node.of(STATEMENT, "log(\"" + gen.tag("fx") + "\", " + bx + ".apply(" + (chance.percent(50) ? "String::length"
                : p + " -> " + p + ".length() + " + cap) + ", await(sLater(", expr.strExpr(s, 1), "))).v + \" \" + combine(" + boxRef()
                + ", (Function<String, Integer>) String::length, await(sLater(", expr.strExpr(s, 1), "))).v);"));
        body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".apply(", expr.awaitInt(s, 1), ") + \" \" + " + w + ".apply(",
                expr.strExpr(s, 1), ", ", expr.awaitInt(s, 1), ") + \" \" + apply(" + cellRef("Integer") + ", ", expr.awaitInt(s, 1),
                ").v + \" \" + combine(" + pairRef() + ", ", expr.awaitInt(s, 1), ", await(sLater(", expr.strExpr(s, 1),
                "))) + \" \" + " + mk + ".apply(" + cap + ") + apply(cellMaker(), ", expr.awaitInt(s, 1), ") + apply("
                + cellRef("String") + ", await(sLater(", expr.strExpr(s, 1), "))).map(String::length) + " + jdk + ".apply(idx(",
                expr.awaitInt(s, 1), ")).size() + combine(Pair<String, Cell<Integer>>::new, await(sNow(\"p\" + " + cap
                + ")), apply(Cell::new, ", expr.awaitInt(s, 1), ")));"));
    }

    /** The generic inner class's constructor reference (it captures this) in an instance method. */
    private void innerConstructorReferences(Scope s, String cap, String tag, List<Node> body) {
        String v = gen.name("fv");
        body.add(Node.of(STATEMENT, "Function<Integer, Holder<Integer>> " + v + " = " + (chance.percent(50) ? "Holder::new;"
                : "Holder<Integer>::new;")));
        body.add(statements.suspension(s));
        body.add(Node.of(STATEMENT, "f = ", expr.intExpr(s, 1), ";"));
        body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".apply(", expr.awaitInt(s, 1), ").v + \" \" + apply("
                + "Holder<String>::new, await(sLater(", expr.strExpr(s, 1), "))).v + apply(Holder::new, ", expr.awaitInt(s, 1),
                ").v + " + cap + ");"));
    }

    /** Switch expressions yielding functional values: locals, call arguments, an await's operand. */
    private void lambdaSwitches(Scope s, String cap, String tag, List<Node> body) {
        String v = gen.name("fv");
        String op = gen.name("fo");
        String sup = gen.name("fs");
        String mk = gen.name("fm");
        body.add(Node.of(STATEMENT, "Function<Integer, Integer> " + v + " = ", lambdaSwitch(s, "Integer", 1), ";"));
        body.add(Node.of(STATEMENT, "IntUnaryOperator " + op + " = ", lambdaSwitch(s, "int", 1), ";"));
        body.add(Node.of(STATEMENT, "Supplier<String> " + sup + " = switch (await(sLater(key(", expr.intExpr(s, 1), ")))) { case \"k0\" -> () -> \"s\" + "
                + cap + "; case \"k1\" -> { String " + sup + "w = await(sLater(", expr.strExpr(s, 1), ")); yield () -> " + sup
                + "w + " + cap + "; } default -> " + (chance.percent(50) ? "String::new" : "() -> \"d\"") + "; };"));
        body.add(Node.of(STATEMENT, "Function<Integer, Cell<Integer>> " + mk + " = switch (color(", expr.awaitInt(s, 1), ")) { case RED -> Cell::new; "
                + "case GREEN -> Cell<Integer>::new; default -> cellMaker(); };"));
        // The switch's type comes from the await's target through the generic now/later.
        String tw = gen.name("fw");
        body.add(Node.of(STATEMENT, "Function<Integer, Integer> " + tw + " = await(" + (chance.percent(50) ? "now(" : "later("),
                lambdaSwitch(s, "Integer", 1), "));"));
        String got = gen.name("fg");
        body.add(Node.of(STATEMENT, "IntSupplier " + got + " = switch (idx(", expr.awaitInt(s, 1), ")) { case 0 -> seen(\"" + gen.tag("fx")
                + "\", await(accLater(acc)))::get; case 1 -> { Acc " + got + "a = await(accLater(acc)); yield () -> " + got
                + "a.get() + " + cap + "; } default -> () -> " + cap + "; };"));
        body.add(Node.of(STATEMENT, "Function<Integer, Cell<Integer>> " + mk + "c = ", expr.boolExpr(s, 1), " ? Cell::new : Cell<Integer>::new;"));
        body.add(statements.suspension(s));
        body.add(Node.of(STATEMENT, "log(\"" + gen.tag("fx") + "\", " + got + ".getAsInt() + \" \" + " + mk + "c.apply(", expr.awaitInt(s, 1),
                "));"));
        body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + v + ".apply(", expr.awaitInt(s, 1), ") + \" \" + " + op + ".applyAsInt(",
                expr.intExpr(s, 1), ") + " + sup + ".get() + " + tw + ".apply(" + cap + ") + " + mk + ".apply(", expr.awaitInt(s, 1), ") + \" \" + apply(",
                lambdaSwitch(s, "Integer", 1), ", ", expr.awaitInt(s, 1), ") + \" \" + applyTo(", expr.awaitInt(s, 1), ", ",
                lambdaSwitch(s, "Integer", 1), ") + \" \" + await(Harness.<Function<Integer, Integer>>" + (chance.percent(50) ? "now(" : "later("),
                lambdaSwitch(s, "Integer", 1),
                ")).apply(" + cap + "));"));
    }

    /** Wildcard-typed functional locals and var locals of their results' types, across suspensions. */
    private void wildcardLocals(Scope s, String cap, String tag, List<Node> body) {
        String fn = gen.name("fv");
        String sup = gen.name("fs");
        String con = gen.name("fk");
        String bi = gen.name("fb");
        String pr = gen.name("fp");
        String r = gen.name("fr");
        String l = gen.name("fl");
        String p = gen.name("lp");
        String a = gen.name("la");
        String b = gen.name("lb");
        body.add(Node.of(STATEMENT, "Function<? super Integer, ? extends Number> " + fn + " = " + (chance.percent(50)
                ? p + " -> " + p + " * 2.5 + " + cap : operands.unary(true, cap)) + ";"));
        body.add(Node.of(STATEMENT, "Supplier<? extends List<? extends Number>> " + sup + " = () -> List.of(" + cap + ", 2.5);"));
        body.add(Node.of(STATEMENT, "Consumer<? super Integer> " + con + " = " + p + "c -> log(\"" + gen.tag("fx") + "\", " + p
                + "c + " + cap + ");"));
        body.add(Node.of(STATEMENT, "BiFunction<? super Integer, ? super String, ? extends CharSequence> " + bi + " = (" + a + ", "
                + b + ") -> new StringBuilder(" + b + ").append(" + a + ");"));
        body.add(Node.of(STATEMENT, "Predicate<? super Number> " + pr + " = " + p + "n -> " + p + "n.intValue() > " + cap + ";"));
        body.add(Node.of(STATEMENT, "var " + r + " = " + fn + ".apply(", expr.awaitInt(s, 1), ");"));
        body.add(Node.of(STATEMENT, "var " + l + " = " + sup + ".get();"));
        body.add(Node.of(STATEMENT, con + ".accept(", expr.intExpr(s, 1), ");"));
        body.add(statements.suspension(s));
        body.add(Node.of(STATEMENT, con + ".accept(", expr.awaitInt(s, 1), ");"));
        body.add(Node.of(STATEMENT, "var " + l + "e = " + l + ".get(idx(", expr.awaitInt(s, 1), ") % 2);"));
        body.add(statements.suspension(s));
        body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + fn + ".apply(", expr.awaitInt(s, 1), ").intValue() + \" \" + " + r + " + "
                + l + " + " + l + "e + " + sup + ".get().get(0) + " + bi + ".apply(", expr.awaitInt(s, 1), ", ", expr.strExpr(s, 1),
                ") + " + pr + ".test(", expr.awaitInt(s, 1), ") + " + pr + ".test(" + r + ") + applyTo(", expr.awaitInt(s, 1), ", "
                + fn + "));"));
        body.add(Node.of(STATEMENT, "feed(" + con + ", ", expr.awaitInt(s, 1), ");"));
        // Wildcard-typed receivers and arguments computed before a later operand awaits.
        body.add(Node.of(STATEMENT, "log(\"" + gen.tag("fx") + "\", " + seen(fn) + ".apply(", expr.awaitInt(s, 1), ") + \" \" + "
                + seen(bi) + ".apply(", expr.awaitInt(s, 1), ", await(sLater(", expr.strExpr(s, 1), "))) + " + seen(sup)
                + ".get().get(await(iLater(0))) + combine(" + seen(bi) + ", ", expr.awaitInt(s, 1), ", await(sLater(", expr.strExpr(s, 1),
                "))) + applyTo(", expr.awaitInt(s, 1), ", " + seen(fn) + "));"));
        body.add(Node.of(STATEMENT, seen(con) + ".accept(", expr.awaitInt(s, 1), ");"));
        body.add(Node.of(STATEMENT, "feed(" + seen(con) + ", ", expr.awaitInt(s, 1), ");"));
        // Diamond inference from a wildcard-typed function: Box<capture of ? extends Integer> in a var.
        String bx = gen.name("fb");
        body.add(Node.of(STATEMENT, "Function<? super Integer, ? extends Integer> " + bx + "f = " + operands.unary(true, cap) + ";"));
        body.add(Node.of(STATEMENT, "var " + bx + " = new Box<>(" + (chance.percent(50) ? bx + "f" : seen(bx + "f")) + ", ",
                expr.awaitInt(s, 1), ");"));
        body.add(statements.suspension(s));
        body.add(Node.of(STATEMENT, "log(\"" + gen.tag("fx") + "\", " + bx + ".v + new Box<>(" + seen(bx + "f") + ", ", expr.awaitInt(s, 1),
                ").v);"));
        // Captured after the suspension; a var of a wildcard-typed function from a wildcard supplier.
        String q = gen.name("fq");
        String h = gen.name("fh");
        body.add(Node.of(STATEMENT, "Supplier<? extends Function<? super Integer, ? extends Number>> " + q + " = () -> " + fn + ";"));
        body.add(Node.of(STATEMENT, "var " + h + " = " + q + ".get();"));
        body.add(Node.of(STATEMENT, "IntSupplier " + h + "s = () -> " + fn + ".apply(" + cap + ").intValue() + " + h + ".apply(1).intValue();"));
        body.add(statements.suspension(s));
        body.add(Node.of(STATEMENT, "log(\"" + gen.tag("fx") + "\", " + h + "s.getAsInt() + \" \" + " + h + ".apply(", expr.awaitInt(s, 1),
                ") + " + l + ");"));
    }

    /** {@code seen("tag", v)}: v's value through a call that logs, so it is no longer a plain local. */
    private String seen(String v) {
        return "seen(\"" + gen.tag("fx") + "\", " + v + ")";
    }

    /** A wildcard-typed local read and reassigned in a loop whose body awaits. */
    private void wildcardLoop(Scope s, String cap, String tag, List<Node> body) {
        String fn = gen.name("fv");
        String con = gen.name("fk");
        String sup = gen.name("fs");
        String i = gen.name("fi");
        String p = gen.name("lp");
        body.add(Node.of(STATEMENT, "Function<? super Integer, ? extends Number> " + fn + " = " + operands.unary(true, cap) + ";"));
        body.add(Node.of(STATEMENT, "Consumer<? super Integer> " + con + " = " + p + " -> log(\"" + gen.tag("fx") + "\", " + p + ");"));
        body.add(Node.of(STATEMENT, "Supplier<? extends List<? extends Number>> " + sup + " = () -> List.of(" + cap + ", 1.5, wide("
                + cap + "));"));
        body.add(Node.of(STATEMENT, "for (int " + i + " = 0; " + i + " < " + chance.between(1, 3) + "; " + i + "++) {",
                Node.block(List.of(
                        Node.of(STATEMENT, "var " + i + "v = " + fn + ".apply(", expr.awaitInt(s, 1), ");"),
                        Node.of(STATEMENT, con + ".accept(" + i + "v.intValue());"),
                        Node.of(STATEMENT, "var " + i + "l = " + sup + ".get();"),
                        statements.suspension(s),
                        Node.of(STATEMENT, fn + " = ", expr.boolExpr(s, 1), " ? " + fn + " : " + p + "x -> " + p + "x * 1.5;"),
                        Node.of(STATEMENT, "log(\"" + tag + "\", " + i + "v + \" \" + " + i + "l.get(" + i + " % 3) + " + fn + ".apply(",
                                expr.awaitInt(s, 1), "));"),
                        Node.of(STATEMENT, con + ".accept(", expr.awaitInt(s, 1), ");"))),
                "}"));
        body.add(Node.of(STATEMENT, "log(\"" + tag + "\", " + fn + ".apply(" + cap + "));"));
    }

    /**
     * The program's generic {@code across}: {@code Function<T, Cell<T>>} from {@code Cell::new},
     * {@code Consumer<? super T>} and {@code Supplier<? extends List<? extends T>>} across awaits.
     */
    private void generic(Scope s, String cap, String tag, List<Node> body) {
        String p = gen.name("lp");
        body.add(Node.of(STATEMENT, "log(\"" + tag + "\", await(across(", expr.intExpr(s, 1), ", iLater(", expr.intExpr(s, 1), "), "
                + operands.unary(true, cap) + ")) + await(across(", expr.strExpr(s, 1), ", sLater(", expr.strExpr(s, 1), "), "
                + p + " -> " + p + " + " + cap + ")));"));
    }
}
