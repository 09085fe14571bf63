package io.jawait.processor.split;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import io.jawait.processor.analyse.AwaitSites;
import io.jawait.processor.analyse.JumpTargets;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.MethodCodeScanner;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.NameAllocator;
import io.jawait.processor.emit.TypeText;
import io.jawait.processor.emit.UserCodeRewriter;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import io.jawait.processor.lower.ExpressionLowering;
import io.jawait.processor.lower.Label;
import io.jawait.processor.lower.LoweringSink;
import io.jawait.processor.lower.UnsupportedConstruct;
import io.jawait.processor.model.AsyncMethod;
import io.jawait.processor.model.RuntimeApi;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Splits an {@code @Async} method body into the basic blocks of a state machine.
 *
 * <p>Only statements that contain an await are taken apart; everything else is copied as one
 * structured statement into the current block, so code without awaits stays ordinary Java (a loop
 * stays a loop). Control flow between blocks is a write of {@code $state} followed by
 * {@code continue $dispatch}; try statements that span awaits become regions of an exception table
 * (see {@link TryRegion}).
 *
 * <p>The generated {@code $step} is:
 * <pre>
 * $dispatch: while (true) {
 *     try {
 *         switch (this.$state) { case 0: {...} case 1: {...} ... }
 *     } catch (Throwable $e) {
 *         switch (this.$state) { handlers of each state that lies in a try region }
 *         this.$fail($e); return;
 *     }
 * }
 * </pre>
 */
public final class StateMachineBuilder implements LoweringSink {
    private static final ClassName TASK = ClassName.get("io.jawait", "Task");

    private final AsyncMethod method;
    private final MethodAttribution attribution;
    private final AwaitSites awaits;
    private final LocalVariables vars;
    private final JumpTargets jumps;
    private final TreeTemplates templates;
    private final TreeCopies copies;
    private final UserCodeRewriter rewriter;
    private final NameAllocator names;
    private final TypeText typeText;
    private final ExpressionLowering lowering;

    private final List<Block> blocks = new ArrayList<>();
    private final List<Block> placed = new ArrayList<>();
    /** Blocks that no code falls into (the shared return states): laid out after all others. */
    private final List<Block> trailing = new ArrayList<>();
    /**
     * Declarations of the capture copies (see UserCodeRewriter#copy) made for user code that is
     * not emitted yet; they go right before the statement or terminator that uses them.
     */
    private final List<StatementTree> pendingCaptures = new ArrayList<>();
    /**
     * Local classes used across awaits: members of the state machine, where every state, and the
     * fields of hoisted locals of their types, can name them.
     */
    private final List<ClassTree> memberClasses = new ArrayList<>();
    private final List<TryRegion.Membership> regions = new ArrayList<>();
    private final Map<Tree, Block> breakTargets = new IdentityHashMap<>();
    private final Map<Tree, Block> continueTargets = new IdentityHashMap<>();
    /** Split switch expressions: where their yields store the value and continue. */
    private final Map<Tree, YieldTarget> yieldTargets = new IdentityHashMap<>();
    private final Map<String, TypeName> fields = new LinkedHashMap<>();
    private Block current;
    private Block returnValueBlock;
    private Block returnTaskBlock;
    private int regionCount;

    public StateMachineBuilder(AsyncMethod method, MethodAttribution attribution, AwaitSites awaits,
            LocalVariables vars, JumpTargets jumps, TreeTemplates templates, TreeCopies copies,
            UserCodeRewriter rewriter, NameAllocator names, TypeText typeText) {
        this.method = method;
        this.attribution = attribution;
        this.awaits = awaits;
        this.vars = vars;
        this.jumps = jumps;
        this.templates = templates;
        this.copies = copies;
        this.rewriter = rewriter;
        this.names = names;
        this.typeText = typeText;
        this.lowering = new ExpressionLowering(awaits, attribution, this, typeText);
        fields.put("$state", TypeName.INT);
    }

    /** Where a yield of a split switch expression goes: the temporary for its value, then the exit. */
    private record YieldTarget(Block exit, String field) {
    }

    public StateMachine build() {
        BlockTree body = method.body();
        int pos = JavacSession.pos(method.tree());
        current = newBlock(pos);
        placed.add(current);
        statements(body.getStatements());
        if (!current.isClosed()) {
            close(templates.statement(JavacSession.pos(body),
                    "throw new IllegalStateException(\"jawait: " + method.owner().getSimpleName() + "."
                            + method.element().getSimpleName() + " ended without a return statement\");"));
        }
        return new StateMachine(fields, stepBody(pos), memberClasses);
    }

    // ---------------------------------------------------------------- statements

    private void statements(List<? extends StatementTree> list) {
        for (StatementTree s : list) {
            statement(s);
        }
    }

    /**
     * Runs {@code body}, which handles one user scope (a block, a catch, a loop with its header),
     * so that the locals it declares are not visible to the code generated after it.
     *
     * <p>A split scope's statements are flattened into basic blocks; without this, a local of an
     * inner block would stay in scope after the block ends and capture later references to a field
     * of the same name. Blocks started inside the scope belong to it from their first statement.
     */
    private void scope(Runnable body) {
        Block start = current;
        int from = current.body.size();
        body.run();
        List<StatementTree> tail = current.body.subList(current == start ? from : 0, current.body.size());
        if (tail.stream().anyMatch(t -> !(t instanceof ExpressionStatementTree))) {
            BlockTree wrapped = templates.block(JavacSession.pos(tail.get(0)), tail);
            tail.clear();
            tail.add(wrapped);
        }
    }

    private void statement(StatementTree s) {
        if (current.isClosed()) {
            // Code after a jump in the same list is unreachable; javac would have rejected it.
            current = newBlock(JavacSession.pos(s));
            placed.add(current);
        }
        if (!awaits.contains(s)) {
            copied(s);
            return;
        }
        switch (s.getKind()) {
            case EXPRESSION_STATEMENT -> {
                ExpressionTree residual = lowering.lowerForEffect(((ExpressionStatementTree) s).getExpression());
                if (residual != null) {
                    emit(templates.statement(JavacSession.pos(s), "$$0();", residual));
                }
            }
            case VARIABLE -> {
                VariableTree v = (VariableTree) s;
                declare(v, lowering.lower(v.getInitializer()));
            }
            case BLOCK -> scope(() -> statements(((BlockTree) s).getStatements()));
            case IF -> ifStatement((IfTree) s);
            case WHILE_LOOP -> whileLoop((WhileLoopTree) s, s);
            case DO_WHILE_LOOP -> doWhileLoop((DoWhileLoopTree) s, s);
            case FOR_LOOP -> scope(() -> forLoop((ForLoopTree) s, s));
            case ENHANCED_FOR_LOOP -> enhancedForLoop((EnhancedForLoopTree) s, s);
            case LABELED_STATEMENT -> labeled((LabeledStatementTree) s);
            case RETURN -> close(returnStatement((ReturnTree) s));
            case THROW -> close(templates.statement(JavacSession.pos(s), "throw $$0;",
                    lowering.lower(((ThrowTree) s).getExpression())));
            case TRY -> tryStatement((TryTree) s);
            case ASSERT -> assertStatement((AssertTree) s);
            case SWITCH -> scope(() -> switchStatement((SwitchTree) s));
            case YIELD -> {
                YieldTree y = (YieldTree) s;
                yieldValue(y.getValue(), yieldTargets.get(jumps.target(y)), y);
            }
            default -> throw new UnsupportedConstruct(s, "await inside a "
                    + s.getKind().toString().toLowerCase().replace('_', ' ') + " is not supported yet");
        }
    }

    /** A statement without awaits: copied whole; only jumps to split statements and returns change. */
    private void copied(StatementTree s) {
        if (s instanceof VariableTree v && vars.hoisted(attribution.referent(v)) != null) {
            declare(v, v.getInitializer() == null ? null : copy(v.getInitializer(), Map.of()));
            return;
        }
        if (s.getKind() == Tree.Kind.EMPTY_STATEMENT) {
            return;
        }
        if (vars.isHoistedClass(s)) {
            memberClasses.add(rewriter.copyHoistedClass((ClassTree) s));
            return;
        }
        StatementTree copy = copyStatement(s, Map.of());
        emit(copy);
        if (s instanceof ReturnTree || s instanceof ThrowTree || s instanceof BreakTree || s instanceof ContinueTree
                || s instanceof YieldTree) {
            close(templates.statement(JavacSession.pos(s), "{}"));
        }
    }

    private void declare(VariableTree v, ExpressionTree init) {
        Hoisted h = vars.hoisted(attribution.referent(v));
        int pos = JavacSession.pos(v);
        if (h != null) {
            if (init != null) {
                emit(templates.statement(pos, "this." + h.field() + " = $$0;", init));
            }
        } else if (v.getInitializer() == null && init != null) {
            // A catch parameter or loop variable becomes a local initialised by generated code.
            String name = LocalVariables.isUnnamed(v) ? "_" : v.getName().toString();
            emit(templates.statement(pos, typeText.of(attribution.typeOf(v)) + " " + name + " = $$0;", init));
        } else {
            emit(copyStatement(v, replacing(v.getInitializer(), init)));
        }
    }

    private void ifStatement(IfTree s) {
        ExpressionTree cond = lowering.lower(s.getCondition());
        if (!awaits.contains(s.getThenStatement()) && !awaits.contains(s.getElseStatement())) {
            emit(copyStatement(s, replacing(s.getCondition(), cond)));
            return;
        }
        Block end = newLabelBlock(s);
        Block otherwise = s.getElseStatement() == null ? end : newLabelBlock(s.getElseStatement());
        branch(cond, false, otherwise, s);
        statement(s.getThenStatement());
        jump(end, s);
        if (s.getElseStatement() != null) {
            place(otherwise, s.getElseStatement());
            statement(s.getElseStatement());
            jump(end, s);
        }
        place(end, s);
    }

    private void whileLoop(WhileLoopTree s, StatementTree labelled) {
        Block test = newLabelBlock(s);
        Block exit = newLabelBlock(s);
        targets(s, labelled, exit, test);
        jump(test, s);
        place(test, s);
        branch(lowering.lower(s.getCondition()), false, exit, s.getCondition());
        statement(s.getStatement());
        jump(test, s);
        place(exit, s);
    }

    private void doWhileLoop(DoWhileLoopTree s, StatementTree labelled) {
        Block body = newLabelBlock(s);
        Block test = newLabelBlock(s.getCondition());
        Block exit = newLabelBlock(s);
        targets(s, labelled, exit, test);
        jump(body, s);
        place(body, s);
        statement(s.getStatement());
        jump(test, s);
        place(test, s.getCondition());
        branch(lowering.lower(s.getCondition()), true, body, s.getCondition());
        jump(exit, s);
        place(exit, s);
    }

    private void forLoop(ForLoopTree s, StatementTree labelled) {
        statements(s.getInitializer());
        Block test = newLabelBlock(s);
        Block update = newLabelBlock(s);
        Block exit = newLabelBlock(s);
        targets(s, labelled, exit, update);
        jump(test, s);
        place(test, s);
        if (s.getCondition() != null) {
            branch(lowering.lower(s.getCondition()), false, exit, s.getCondition());
        }
        statement(s.getStatement());
        jump(update, s);
        place(update, s);
        statements(s.getUpdate());
        jump(test, s);
        place(exit, s);
    }

    private void enhancedForLoop(EnhancedForLoopTree s, StatementTree labelled) {
        ExpressionTree iterable = lowering.lower(s.getExpression());
        if (!awaits.contains(s.getStatement())) {
            emit(copyStatement(labelled, replacing(s.getExpression(), iterable)));
            return;
        }
        TypeMirror iterableType = attribution.typeOf(s.getExpression());
        Block test = newLabelBlock(s);
        Block exit = newLabelBlock(s);
        VariableTree var = s.getVariable();
        String varType = typeText.of(attribution.typeOf(var));
        if (iterableType.getKind() == TypeKind.ARRAY) {
            Block update = newLabelBlock(s);
            targets(s, labelled, exit, update);
            ExpressionTree array = spill(iterableType, iterable, s.getExpression());
            ExpressionTree index = spillTyped(TypeName.INT, template(s, "0"), s);
            jump(test, s);
            place(test, s);
            branch(template(s, "$$0 < $$1.length", fresh(index), fresh(array)), false, exit, s);
            declare(var, template(var, "$$0[$$1]", fresh(array), fresh(index)));
            statement(s.getStatement());
            jump(update, s);
            place(update, s);
            emit(templates.statement(JavacSession.pos(s), "$$0++;", fresh(index)));
            jump(test, s);
        } else {
            targets(s, labelled, exit, test);
            ExpressionTree iterator = spillTyped(ClassName.get("java.util", "Iterator"),
                    template(s, "$$0.iterator()", iterable), s.getExpression());
            jump(test, s);
            place(test, s);
            branch(template(s, "$$0.hasNext()", fresh(iterator)), false, exit, s);
            declare(var, template(var, "(" + varType + ") $$0.next()", fresh(iterator)));
            statement(s.getStatement());
            jump(test, s);
        }
        place(exit, s);
    }

    private void labeled(LabeledStatementTree s) {
        StatementTree inner = s.getStatement();
        switch (inner.getKind()) {
            case WHILE_LOOP -> whileLoop((WhileLoopTree) inner, s);
            case DO_WHILE_LOOP -> doWhileLoop((DoWhileLoopTree) inner, s);
            case FOR_LOOP -> scope(() -> forLoop((ForLoopTree) inner, s));
            case ENHANCED_FOR_LOOP -> enhancedForLoop((EnhancedForLoopTree) inner, s);
            default -> {
                Block end = newLabelBlock(s);
                breakTargets.put(s, end);
                statement(inner);
                jump(end, s);
                place(end, s);
            }
        }
    }

    private void targets(StatementTree loop, StatementTree labelled, Block exit, Block next) {
        breakTargets.put(loop, exit);
        continueTargets.put(loop, next);
        if (labelled != loop) {
            breakTargets.put(labelled, exit);
            continueTargets.put(labelled, next);
        }
    }

    /**
     * {@code assert cond : detail;} whose operands await (JLS 14.10): nothing is evaluated when
     * assertions are disabled, which an ordinary assert of the state machine tells (its status is
     * the user's top-level class's, as for the original statement).
     */
    private void assertStatement(AssertTree s) {
        int pos = JavacSession.pos(s);
        Block end = newLabelBlock(s);
        String enabled = names.fresh("$assertions");
        emit(templates.statement(pos, "boolean " + enabled + " = false;"));
        emit(templates.statement(pos, "assert " + enabled + " = true;"));
        branch(template(s, enabled), false, end, s);
        branch(lowering.lower(s.getCondition()), true, end, s.getCondition());
        ExpressionTree detail = s.getDetail() == null ? null : lowering.lower(s.getDetail());
        close(detail == null ? templates.statement(pos, "throw new AssertionError();")
                : templates.statement(pos, "throw new AssertionError($$0);", detail));
        place(end, s);
    }

    private void switchStatement(SwitchTree s) {
        ExpressionTree selector = lowering.lower(s.getExpression());
        if (!awaits.containsAny(s.getCases())) {
            emit(copyStatement(s, replacing(s.getExpression(), selector)));
            return;
        }
        Block exit = newLabelBlock(s);
        breakTargets.put(s, exit);
        switchCases(s, selector, s.getCases(), exit, null);
        place(exit, s);
    }

    @Override
    public ExpressionTree switchExpression(SwitchExpressionTree s, ExpressionTree selector) {
        int pos = JavacSession.pos(s);
        String result = names.fresh("$t");
        fields.put(result, typeText.name(attribution.typeOf(s)));
        Block exit = newLabelBlock(s);
        yieldTargets.put(s, new YieldTarget(exit, result));
        switchCases(s, selector, s.getCases(), exit, result);
        place(exit, s);
        return templates.expression(pos, "this." + result);
    }

    /**
     * A switch whose cases await: the current block ends in a dispatch switch with the user's own
     * labels (constants, enum names, patterns, guards, null, default) whose cases only jump to their
     * entry blocks; each case's body then starts its own block, and falls through to the next case's
     * block as written. Pattern bindings the bodies use are hoisted, so the dispatch stores them.
     *
     * @param result for a switch expression, the temporary its arms store their value in; else null
     */
    private void switchCases(Tree s, ExpressionTree selector, List<? extends CaseTree> cases, Block exit, String result) {
        int pos = JavacSession.pos(s);
        List<Block> entries = new ArrayList<>();
        List<CaseTree> dispatch = new ArrayList<>();
        for (CaseTree c : cases) {
            Block entry = newLabelBlock(c);
            entries.add(entry);
            dispatch.add(dispatchCase(c, entry));
        }
        // A switch expression over an enum that meets a constant added after compilation fails as
        // Java's would; a switch statement goes on after it.
        String noMatch = result == null ? jumpText(exit)
                : "throw new IncompatibleClassChangeError(\"jawait: no case of the switch expression matched\");";
        close(templates.statement(pos, "{ if (true) $$0(); " + noMatch + " }", templates.switchStatement(pos, selector, dispatch)));
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            place(entries.get(i), c);
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree value) {
                    // Only switch expressions have expression bodies: the value is what the arm yields.
                    yieldValue(value, yieldTargets.get(s), c);
                } else {
                    statement((StatementTree) body);
                }
                jump(exit, c);
            } else {
                statements(c.getStatements());
            }
        }
        jump(exit, s);
    }

    /** The dispatch copy of a case: same labels and guard, a body that stores bindings and jumps. */
    private CaseTree dispatchCase(CaseTree c, Block entry) {
        Tree body = c.getCaseKind() == CaseTree.CaseKind.RULE ? c.getBody() : null;
        List<? extends StatementTree> stats = c.getCaseKind() == CaseTree.CaseKind.STATEMENT ? c.getStatements() : List.of();
        List<VariableTree> bindings = new ArrayList<>();
        new MethodCodeScanner<Void, Void>() {
            @Override
            public Void scan(Tree t, Void p) {
                if (t == null || t == body || stats.stream().anyMatch(st -> st == t)) {
                    return null;
                }
                if (awaits.isAwait(t)) {
                    throw new UnsupportedConstruct(t, "await in a case label or guard is not supported; await before the switch");
                }
                return super.scan(t, p);
            }

            @Override
            public Void visitBindingPattern(BindingPatternTree node, Void p) {
                if (vars.hoisted(attribution.referent(node.getVariable())) != null) {
                    bindings.add(node.getVariable());
                }
                return super.visitBindingPattern(node, p);
            }
        }.scan(c, null);
        StringBuilder jump = new StringBuilder("{ ");
        List<javax.lang.model.element.Element> own = new ArrayList<>();
        for (VariableTree b : bindings) {
            Hoisted h = vars.hoisted(attribution.referent(b));
            own.add(h.symbol());
            jump.append("this.").append(h.field()).append(" = ").append(b.getName()).append("; ");
        }
        jump.append(jumpText(entry)).append(" }");
        // The labels and guard run in the dispatch, where the case's own bindings are still locals.
        Function<Tree, Tree> labels = userCode(Map.of());
        List<StatementTree> captures = new ArrayList<>();
        CaseTree copy = rewriter.copyCase(c, t -> t instanceof IdentifierTree && own.contains(attribution.referent(t))
                ? fresh(t) : labels.apply(t), templates.statement(JavacSession.pos(c), jump.toString()), captures);
        pendingCaptures.addAll(captures);
        return copy;
    }

    /** {@code yield value} (or an arm's value) of a split switch expression: store it and leave. */
    private void yieldValue(ExpressionTree value, YieldTarget target, Tree at) {
        ExpressionTree v = awaits.contains(value) ? lowering.lower(value) : copy(value, Map.of());
        emit(templates.statement(JavacSession.pos(at), "this." + target.field() + " = $$0;", v));
        jump(target.exit(), at);
    }

    private void tryStatement(TryTree s) {
        if (!s.getResources().isEmpty()) {
            throw new UnsupportedConstruct(s, "await inside try-with-resources is not supported yet");
        }
        TryRegion region = new TryRegion(regionCount++);
        Block after = newLabelBlock(s);
        List<TryRegion.Membership> outer = new ArrayList<>(regions);
        if (s.getFinallyBlock() != null) {
            region.finallyEntry = newBlock(JavacSession.pos(s.getFinallyBlock()), with(outer, region, TryRegion.Part.FINALLY));
            fields.put(region.targetField(), TypeName.INT);
            fields.put(region.pendingErrorField(), ClassName.get(Throwable.class));
        }
        for (CatchTree c : s.getCatches()) {
            Block entry = newBlock(JavacSession.pos(c), with(outer, region, TryRegion.Part.CATCH));
            region.catches.add(new TryRegion.Catch(catchTypes(c.getParameter()), entry));
        }
        fields.put("$ex", ClassName.get(Throwable.class));
        Block body = newBlock(JavacSession.pos(s.getBlock()), with(outer, region, TryRegion.Part.TRY));
        jump(body, s);
        inRegion(region, TryRegion.Part.TRY, () -> {
            place(body, s.getBlock());
            scope(() -> statements(s.getBlock().getStatements()));
            jump(after, s);
        });
        for (int i = 0; i < s.getCatches().size(); i++) {
            CatchTree c = s.getCatches().get(i);
            Block entry = region.catches.get(i).entry();
            inRegion(region, TryRegion.Part.CATCH, () -> {
                place(entry, c);
                scope(() -> {
                    VariableTree param = c.getParameter();
                    String type = typeText.of(attribution.typeOf(param));
                    declare(param, template(param, "(" + type + ") this.$ex"));
                    emit(templates.statement(JavacSession.pos(param), "this.$ex = null;"));
                    statements(c.getBlock().getStatements());
                });
                jump(after, s);
            });
        }
        if (region.finallyEntry != null) {
            inRegion(region, TryRegion.Part.FINALLY, () -> {
                place(region.finallyEntry, s.getFinallyBlock());
                scope(() -> statements(s.getFinallyBlock().getStatements()));
                if (!current.isClosed()) {
                    finallyExit(region, s.getFinallyBlock());
                }
            });
        }
        place(after, s);
    }

    /** The end of a finally: rethrow the pending exception, or continue where the jump was going. */
    private void finallyExit(TryRegion region, Tree at) {
        int pos = JavacSession.pos(at);
        String pending = names.fresh("$pending");
        emit(templates.statement(pos, "if (this." + region.targetField() + " == -1) { Throwable " + pending
                + " = this." + region.pendingErrorField() + "; this." + region.pendingErrorField()
                + " = null; throw " + pending + "; }"));
        for (Block target : List.copyOf(region.finallyTargets)) {
            emit(templates.statement(pos, "if (this." + region.targetField() + " == " + target.id + ") { "
                    + jumpText(target) + " }"));
        }
        close(templates.statement(pos, "throw new IllegalStateException(\"jawait: lost finally target\");"));
    }

    private List<String> catchTypes(VariableTree param) {
        List<String> out = new ArrayList<>();
        if (param.getType() instanceof UnionTypeTree union) {
            for (Tree alt : union.getTypeAlternatives()) {
                out.add(typeText.of(attribution.typeOf((ExpressionTree) alt)));
            }
        } else {
            out.add(typeText.of(attribution.typeOf(param)));
        }
        return out;
    }

    private void inRegion(TryRegion region, TryRegion.Part part, Runnable body) {
        regions.add(new TryRegion.Membership(region, part));
        try {
            body.run();
        } finally {
            regions.remove(regions.size() - 1);
        }
    }

    private static List<TryRegion.Membership> with(List<TryRegion.Membership> outer, TryRegion r, TryRegion.Part part) {
        List<TryRegion.Membership> l = new ArrayList<>(outer);
        l.add(new TryRegion.Membership(r, part));
        return l;
    }

    // ---------------------------------------------------------------- returns

    /**
     * A return completes the task. Outside any try it completes at once; inside one, the value is
     * stored and control goes through the return state, so every finally runs first.
     */
    private StatementTree returnStatement(ReturnTree r) {
        int pos = JavacSession.pos(r);
        ExpressionTree e = r.getExpression();
        if (e == null) {
            throw new UnsupportedConstruct(r, "an @Async method must return a Task, e.g. return Task.done();");
        }
        ExpressionTree value = null;
        boolean isValue = false;
        if (e instanceof MethodInvocationTree call && isTaskFactory(call, "of", 1)) {
            value = call.getArguments().get(0);
            isValue = true;
        } else if (e instanceof MethodInvocationTree call && isTaskFactory(call, "done", 0)) {
            isValue = true;
        } else {
            value = e;
        }
        ExpressionTree residual = value == null ? template(r, "null")
                : awaits.contains(value) ? lowering.lower(value) : copy(value, Map.of());
        boolean direct = !jumps.isGuarded(r) && regions.isEmpty();
        if (isValue) {
            if (direct) {
                return templates.statement(pos, "{ this.$complete($$0); return; }", residual);
            }
            fields.put("$value", typeText.name(method.resultType()));
            return templates.statement(pos, "{ this.$value = $$0; " + jumpText(returnBlock(true)) + " }", residual);
        }
        if (direct) {
            return templates.statement(pos, "{ this.$completeWith($$0); return; }", residual);
        }
        fields.put("$task", ParameterizedTypeName.get(TASK, WildcardTypeName.subtypeOf(typeText.name(method.resultType()))));
        return templates.statement(pos, "{ this.$task = $$0; " + jumpText(returnBlock(false)) + " }", residual);
    }

    private boolean isTaskFactory(MethodInvocationTree call, String name, int params) {
        ExecutableElement m = attribution.calledMethod(call);
        return m != null && m.getSimpleName().contentEquals(name) && m.getParameters().size() == params
                && RuntimeApi.declaredBy(m, RuntimeApi.TASK);
    }

    private Block returnBlock(boolean value) {
        int pos = JavacSession.pos(method.tree());
        if (value) {
            if (returnValueBlock == null) {
                returnValueBlock = newBlock(pos, List.of());
                returnValueBlock.terminator = templates.statement(pos, "{ this.$complete(this.$value); return; }");
                trailing.add(returnValueBlock);
            }
            return returnValueBlock;
        }
        if (returnTaskBlock == null) {
            returnTaskBlock = newBlock(pos, List.of());
            returnTaskBlock.terminator = templates.statement(pos, "{ this.$completeWith(this.$task); return; }");
            trailing.add(returnTaskBlock);
        }
        return returnTaskBlock;
    }

    // ---------------------------------------------------------------- copying user code

    private StatementTree copyStatement(StatementTree s, Map<Tree, Tree> replacements) {
        List<StatementTree> captures = new ArrayList<>();
        StatementTree copy = rewriter.copy(s, userCode(replacements), captures);
        pendingCaptures.addAll(captures);
        return copy;
    }

    @Override
    public ExpressionTree copy(ExpressionTree original, Map<Tree, Tree> replacements) {
        List<StatementTree> captures = new ArrayList<>();
        ExpressionTree copy = rewriter.copy(original, userCode(replacements), captures);
        pendingCaptures.addAll(captures);
        return copy;
    }

    /** Replacements plus the rewriting of jumps that leave a structured statement. */
    private Function<Tree, Tree> userCode(Map<Tree, Tree> replacements) {
        return t -> {
            Tree r = replacements.get(t);
            if (r != null) {
                return fresh(r);
            }
            if (t instanceof BreakTree || t instanceof ContinueTree) {
                Tree target = jumps.target(t);
                Block b = target == null ? null
                        : (t instanceof BreakTree ? breakTargets : continueTargets).get(target);
                return b == null ? null : templates.statement(JavacSession.pos(t), "{ " + jumpText(b) + " }");
            }
            if (t instanceof ReturnTree ret && jumps.isMethodReturn(ret)) {
                return returnStatement(ret);
            }
            if (t instanceof YieldTree y && yieldTargets.containsKey(jumps.target(y))) {
                YieldTarget target = yieldTargets.get(jumps.target(y));
                return templates.statement(JavacSession.pos(t), "{ this." + target.field() + " = $$0; "
                        + jumpText(target.exit()) + " }", copy(y.getValue(), Map.of()));
            }
            return null;
        };
    }

    private static Map<Tree, Tree> replacing(Tree original, Tree replacement) {
        Map<Tree, Tree> m = new IdentityHashMap<>();
        if (original != null) {
            m.put(original, replacement);
        }
        return m;
    }

    private <T extends Tree> T fresh(T tree) {
        return copies.copy(tree, x -> null);
    }

    // ---------------------------------------------------------------- blocks and jumps

    private Block newBlock(int pos) {
        return newBlock(pos, regions);
    }

    private Block newBlock(int pos, List<TryRegion.Membership> in) {
        Block b = new Block(blocks.size(), in, pos);
        blocks.add(b);
        return b;
    }

    private Block newLabelBlock(Tree at) {
        return newBlock(JavacSession.pos(at));
    }

    private void emit(StatementTree s) {
        current.body.addAll(pendingCaptures);
        pendingCaptures.clear();
        current.body.add(s);
    }

    /**
     * Ends the current block with {@code terminator}. Capture copies made for the terminator's own
     * user code are declared inside it: the block body is a separate scope (see blockTree).
     */
    private void close(StatementTree terminator) {
        if (!pendingCaptures.isEmpty()) {
            List<StatementTree> stats = new ArrayList<>(pendingCaptures);
            pendingCaptures.clear();
            stats.add(terminator);
            terminator = templates.block(JavacSession.pos(terminator), stats);
        }
        current.terminator = terminator;
    }

    /**
     * The statements that continue at {@code target}. A jump out of a region with a finally goes
     * through the finally, which learns where to continue from {@code $fN}.
     */
    private String jumpText(Block target) {
        for (int i = regions.size() - 1; i >= 0; i--) {
            TryRegion.Membership m = regions.get(i);
            boolean targetInside = target.regions.stream().anyMatch(t -> t.region() == m.region());
            if (targetInside) {
                break;
            }
            if (m.part() != TryRegion.Part.FINALLY && m.region().finallyEntry != null) {
                m.region().finallyTargets.add(target);
                return "this." + m.region().targetField() + " = " + target.id + "; this.$state = "
                        + m.region().finallyEntry.id + "; continue $dispatch;";
            }
        }
        return directJump(target);
    }

    @Override
    public void jump(Label target, Tree at) {
        if (!current.isClosed()) {
            String text = jumpText((Block) target);
            close(templates.statement(JavacSession.pos(at), "{ " + text + " }"));
            if (text.equals(directJump((Block) target))) {
                current.jumpsTo = (Block) target;
            }
        }
    }

    private static String directJump(Block target) {
        return "this.$state = " + target.id + "; continue $dispatch;";
    }

    @Override
    public void place(Label label, Tree at) {
        jump(label, at);
        current = (Block) label;
        placed.add(current);
    }

    @Override
    public Label newLabel() {
        return newBlock(current.pos);
    }

    @Override
    public void branch(ExpressionTree condition, boolean when, Label target, Tree at) {
        String test = when ? "$$0" : "!($$0)";
        emit(templates.statement(JavacSession.pos(at), "if (" + test + ") { " + jumpText((Block) target) + " }",
                fresh(condition)));
    }

    @Override
    public ExpressionTree spill(TypeMirror type, ExpressionTree value, Tree at) {
        return spillTyped(typeText.name(type), value, at);
    }

    private ExpressionTree spillTyped(TypeName type, ExpressionTree value, Tree at) {
        String name = names.fresh("$t");
        fields.put(name, type);
        emit(templates.statement(JavacSession.pos(at), "this." + name + " = $$0;", fresh(value)));
        return templates.expression(JavacSession.pos(at), "this." + name);
    }

    @Override
    public void spillInto(ExpressionTree temporary, ExpressionTree value, Tree at) {
        emit(templates.statement(JavacSession.pos(at), "$$0 = $$1;", fresh(temporary), fresh(value)));
    }

    @Override
    public ExpressionTree await(ExpressionTree operand, TypeMirror resultType, Tree at) {
        int pos = JavacSession.pos(at);
        Block resume = newBlock(pos);
        close(templates.statement(pos, "{ this.$state = " + resume.id + "; if (this.$await($$0)) return; }",
                fresh(operand)));
        // When the await does not suspend, control falls through into the next case: the resume block.
        current.fallsInto = resume;
        current = resume;
        placed.add(resume);
        if (resultType == null) {
            emit(templates.statement(pos, "this.$result();"));
            return null;
        }
        // No temporary: expression lowering uses what it gets here exactly once, before anything
        // else can await (an operand followed by another await is spilled at once), so the value
        // is read where the await stood, in the block that resumes.
        return templates.expression(pos, "this.<" + typeText.of(resultType) + ">$result()");
    }

    @Override
    public ExpressionTree template(Tree at, String code, Tree... holes) {
        Tree[] copies = new Tree[holes.length];
        for (int i = 0; i < holes.length; i++) {
            copies[i] = fresh(holes[i]);
        }
        return templates.expression(JavacSession.pos(at), code, copies);
    }

    // ---------------------------------------------------------------- the $step body

    /**
     * True when the statements can surely complete normally (JLS 14.22): they end in an
     * expression statement, a declaration, an if without else, or a block that does. False
     * says only "not sure".
     */
    private static boolean completesNormally(List<? extends StatementTree> statements) {
        if (statements.isEmpty()) {
            return true;
        }
        StatementTree last = statements.get(statements.size() - 1);
        return switch (last.getKind()) {
            case EXPRESSION_STATEMENT, VARIABLE, EMPTY_STATEMENT -> true;
            case IF -> ((IfTree) last).getElseStatement() == null;
            case BLOCK -> completesNormally(((BlockTree) last).getStatements());
            default -> false;
        };
    }

    private BlockTree stepBody(int pos) {
        placed.addAll(trailing);
        for (int i = 0; i < placed.size(); i++) {
            Block b = placed.get(i);
            Block next = i + 1 < placed.size() ? placed.get(i + 1) : null;
            if (b.fallsInto != null && next != b.fallsInto) {
                throw new IllegalStateException("block " + b.id + " does not precede its resume block");
            }
            if (b.jumpsTo != null && b.jumpsTo == next) {
                // The next case is the target: fall into it rather than going round the dispatch
                // loop. $state is read only by the exception table (a jump or an await writes it
                // first), so it needs the new value only when the next case has other handlers.
                b.terminator = b.regions.equals(next.regions) ? null
                        : templates.statement(b.pos, "{ this.$state = " + next.id + "; }");
                b.fallsThroughSilently = b.terminator == null;
            }
        }
        // Case by case rather than as one text: the text of a single case recurs across methods
        // (its template is parsed once), that of a whole dispatch switch rarely does.
        List<CaseTree> cases = new ArrayList<>();
        for (Block b : placed) {
            cases.add(templates.switchCase(pos, "case " + b.id, blockTree(b)));
        }
        cases.add(templates.switchCase(pos, "default", templates.statement(pos, "throw this.$corruptState(this.$state);")));
        StatementTree dispatch = templates.switchStatement(pos, templates.expression(pos, "this.$state"), cases);
        StatementTree loop = templates.statement(pos, "$dispatch: while (true) { try { $$0(); } catch (Throwable $e) {"
                + ExceptionTable.handlers(placed) + " this.$fail($e); return; } }", dispatch);
        return templates.block(pos, List.of(loop));
    }

    private StatementTree blockTree(Block b) {
        List<StatementTree> stats = new ArrayList<>();
        if (!b.body.isEmpty()) {
            BlockTree body = templates.block(b.pos, b.body);
            // A body that may not complete normally (a copied loop that only returns) would make
            // the terminator unreachable, which javac rejects: "if (true)" hides that from it.
            stats.add(completesNormally(b.body) ? body : templates.statement(b.pos, "if (true) $$0();", body));
        }
        if (b.terminator != null) {
            stats.add(b.terminator);
        } else if (!b.fallsThroughSilently) {
            stats.add(templates.statement(b.pos, "throw new IllegalStateException(\"jawait: fell off state " + b.id + "\");"));
        }
        return templates.block(b.pos, stats);
    }
}
