package io.jawait.processor.split;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.analyse.TemporaryTypes;
import io.jawait.processor.emit.UserCodeRewriter;
import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.ControlFlow;
import io.jawait.processor.ir.Exit;
import io.jawait.processor.ir.FrameVariable;
import io.jawait.processor.ir.StateMachine;
import io.jawait.processor.ir.Terminator;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.lower.ExpressionLowering;
import io.jawait.processor.lower.Label;
import io.jawait.processor.lower.LoweringSink;
import io.jawait.processor.lower.UnsupportedConstruct;
import io.jawait.processor.model.CoroutineContract;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Splits an {@code @Async} method body into the basic blocks of its state machine (see the ir
 * package; {@code docs/how-it-works.md} tells the whole transform).
 *
 * <p>Only statements that contain an await are taken apart; everything else is copied as one
 * structured statement into the current block, so code without awaits stays ordinary Java (a loop
 * stays a loop). Try statements that span awaits become try regions (TrySplitter), switches whose
 * cases await become dispatches to blocks (SwitchSplitter), and expressions with awaits are lowered
 * into this builder (it is ExpressionLowering's sink).
 */
public final class StateMachineBuilder implements LoweringSink {
    final MethodContext cx;
    final UserCodeRewriter rewriter;
    final ExpressionLowering lowering;
    final TemporaryTypes temporaryTypes;
    final BlockWriter code;
    final FrameVariables frame;
    private final SwitchSplitter switches;
    private final TrySplitter tries;
    private final Returns returns;
    /**
     * Local classes used across awaits: members of the state machine, where every state, and the
     * fields of hoisted locals of their types, can name them.
     */
    private final List<ClassTree> hoistedClasses = new ArrayList<>();
    private final Map<Tree, Block> breakTargets = new IdentityHashMap<>();
    private final Map<Tree, Block> continueTargets = new IdentityHashMap<>();

    public StateMachineBuilder(MethodContext cx, UserCodeRewriter rewriter) {
        this.cx = cx;
        this.rewriter = rewriter;
        this.code = new BlockWriter(cx);
        this.frame = new FrameVariables(cx);
        this.temporaryTypes = new TemporaryTypes(cx.attribution(), cx.exactTypes());
        this.lowering = new ExpressionLowering(cx, this, temporaryTypes::of);
        this.switches = new SwitchSplitter(this);
        this.tries = new TrySplitter(this);
        this.returns = new Returns(this);
    }

    public StateMachine build() {
        BlockTree body = cx.method().body();
        code.start(code.newBlock(pos(cx.method().tree())));
        statements(body.getStatements());
        if (!code.current().isClosed()) {
            code.close(new Terminator.Throw(cx.templates().expression(pos(body),
                    "new java.lang.IllegalStateException(\"jawait: " + cx.method().owner().getSimpleName() + "."
                            + cx.method().element().getSimpleName() + " ended without a return statement\")"),
                    pos(body)));
        }
        List<ClassTree> declarations = rewriter.hoistedDeclarations(hoistedClasses);
        StateMachine all = new StateMachine(code.layout(), frame.all(), declarations);
        Set<Block> reachable = ControlFlow.reachable(all);
        List<Block> kept = new ArrayList<>();
        for (Block b : all.blocks()) {
            if (reachable.contains(b)) {
                kept.add(b);
            }
        }
        return new StateMachine(kept, frame.all(), declarations);
    }

    static int pos(Tree t) {
        return JavacSession.pos(t);
    }

    // ---------------------------------------------------------------- statements

    void statements(List<? extends StatementTree> list) {
        for (StatementTree s : list) {
            statement(s);
        }
    }

    /** Where a user scope starts: the current block then, and how many statements it had. */
    record ScopeStart(Block block, int from) {
    }

    /**
     * Opens a user scope (a block, a catch, a loop with its header), so that the locals it declares
     * are not visible to the code generated after it: the caller generates the scope's code, then
     * calls {@link #closeScope} (a pair rather than a method taking the code as a lambda: see
     * package-info of io.jawait.processor).
     *
     * <p>A split scope's statements are flattened into basic blocks; without this, a local of an
     * inner block would stay in scope after the block ends and clash with a later one of the same
     * name. Blocks started inside the scope belong to it from their first statement; the end of
     * the last block stays with its statements when the scope ends the block, and reads its locals.
     */
    ScopeStart openScope() {
        Block start = code.current();
        return new ScopeStart(start, start.body().size());
    }

    /** Ends the scope opened at {@code start}: its statements in the current block become a Java block. */
    void closeScope(ScopeStart start) {
        Block now = code.current();
        if (now.isClosed()) {
            // The scope's code ends the block (a return, a jump): nothing follows in its Java block.
            return;
        }
        List<StatementTree> tail = now.body().subList(now == start.block() ? start.from() : 0, now.body().size());
        if (!allExpressionStatements(tail)) {
            BlockTree wrapped = cx.templates().block(pos(tail.get(0)), tail);
            tail.clear();
            tail.add(wrapped);
        }
    }

    void statement(StatementTree s) {
        if (code.current().isClosed()) {
            // Code after a jump in the same list is unreachable; javac would have rejected it.
            code.start(code.newBlock(pos(s)));
        }
        if (!cx.awaits().contains(s)) {
            copied(s);
            return;
        }
        switch (s.getKind()) {
            case EXPRESSION_STATEMENT -> {
                ExpressionTree residual = lowering.lowerForEffect(((ExpressionStatementTree) s).getExpression());
                if (residual != null) {
                    emit(cx.templates().statement(pos(s), "$$0();", residual));
                }
            }
            case VARIABLE -> {
                VariableTree v = (VariableTree) s;
                declare(v, lowering.lower(v.getInitializer()));
            }
            case BLOCK -> {
                ScopeStart scope = openScope();
                statements(((BlockTree) s).getStatements());
                closeScope(scope);
            }
            case IF -> ifStatement((IfTree) s);
            case WHILE_LOOP -> whileLoop((WhileLoopTree) s, s);
            case DO_WHILE_LOOP -> doWhileLoop((DoWhileLoopTree) s, s);
            case FOR_LOOP -> {
                ScopeStart scope = openScope();
                forLoop((ForLoopTree) s, s);
                closeScope(scope);
            }
            case ENHANCED_FOR_LOOP -> enhancedForLoop((EnhancedForLoopTree) s, s);
            case LABELED_STATEMENT -> labeled((LabeledStatementTree) s);
            case RETURN -> close(returns.exit((ReturnTree) s));
            case THROW -> code.close(new Terminator.Throw(lowering.lower(((ThrowTree) s).getExpression()), pos(s)));
            case TRY -> tries.tryStatement((com.sun.source.tree.TryTree) s);
            case ASSERT -> assertStatement((AssertTree) s);
            case SWITCH -> {
                ScopeStart scope = openScope();
                switches.switchStatement((SwitchTree) s);
                closeScope(scope);
            }
            case YIELD -> switches.yieldStatement((YieldTree) s);
            default -> throw new UnsupportedConstruct(s, "await inside a "
                    + s.getKind().toString().toLowerCase().replace('_', ' ') + " is not supported yet");
        }
    }

    /** A statement without awaits: copied whole; only jumps to split statements and returns change. */
    private void copied(StatementTree s) {
        if (s instanceof VariableTree v && cx.vars().hoisted(cx.attribution().referent(v)) != null) {
            declare(v, v.getInitializer() == null ? null : copy(v.getInitializer(), Map.of()));
            return;
        }
        if (s.getKind() == Tree.Kind.EMPTY_STATEMENT) {
            return;
        }
        if (cx.vars().isHoistedClass(s)) {
            hoistedClasses.add(rewriter.copyHoistedClass((ClassTree) s));
            return;
        }
        switch (s.getKind()) {
            case RETURN -> close(returns.exit((ReturnTree) s));
            case THROW -> code.close(new Terminator.Throw(copy(((ThrowTree) s).getExpression(), Map.of()), pos(s)));
            case BREAK, CONTINUE -> code.close(jumpOut(s));
            case YIELD -> switches.yieldStatement((YieldTree) s);
            default -> emit(copyStatement(s, Map.of()));
        }
    }

    /** Where a break or continue of split code goes. */
    private Terminator jumpOut(StatementTree jump) {
        Block target = splitTarget(jump);
        if (target == null) {
            throw new IllegalStateException("jawait: " + jump.getKind() + " to a statement that was not split");
        }
        return code.jumpTo(target);
    }

    /** The block a break or continue leaves to when its target was split, else null. */
    private Block splitTarget(Tree jump) {
        Tree target = cx.jumps().target(jump);
        return target == null ? null : (jump instanceof BreakTree ? breakTargets : continueTargets).get(target);
    }

    void declare(VariableTree v, ExpressionTree init) {
        Hoisted h = cx.vars().hoisted(cx.attribution().referent(v));
        int pos = pos(v);
        if (h != null) {
            if (init != null && h.placement() != LocalVariables.Placement.CONSTANT) {
                emit(cx.templates().statement(pos, UserCodeRewriter.assignee(h, cx.machine()) + "$$0;", init));
            }
        } else if (v.getInitializer() == null && init != null) {
            // A catch parameter or loop variable becomes a local initialised by generated code.
            String renamed = cx.vars().renamed(cx.attribution().referent(v));
            String name = LocalVariables.isUnnamed(v) ? "_" : renamed != null ? renamed : v.getName().toString();
            emit(cx.templates().statement(pos, cx.typeText().declaration(cx.attribution().typeOf(v), name) + "$$0;", init));
        } else {
            emit(copyStatement(v, replacing(v.getInitializer(), init)));
        }
    }

    private void ifStatement(IfTree s) {
        ExpressionTree cond = lowering.lower(s.getCondition());
        if (!cx.awaits().contains(s.getThenStatement()) && !cx.awaits().contains(s.getElseStatement())) {
            emit(copyStatement(s, replacing(s.getCondition(), cond)));
            return;
        }
        Block end = code.newBlock(pos(s));
        Block otherwise = s.getElseStatement() == null ? end : code.newBlock(pos(s.getElseStatement()));
        code.branch(cond, false, otherwise, pos(s));
        statement(s.getThenStatement());
        code.jump(end);
        if (s.getElseStatement() != null) {
            code.place(otherwise);
            statement(s.getElseStatement());
            code.jump(end);
        }
        code.place(end);
    }

    private void whileLoop(WhileLoopTree s, StatementTree labelled) {
        Block test = code.newBlock(pos(s));
        Block exit = code.newBlock(pos(s));
        targets(s, labelled, exit, test);
        code.place(test);
        code.branch(lowering.lower(s.getCondition()), false, exit, pos(s.getCondition()));
        statement(s.getStatement());
        code.jump(test);
        code.place(exit);
    }

    private void doWhileLoop(DoWhileLoopTree s, StatementTree labelled) {
        Block body = code.newBlock(pos(s));
        Block test = code.newBlock(pos(s.getCondition()));
        Block exit = code.newBlock(pos(s));
        targets(s, labelled, exit, test);
        code.place(body);
        statement(s.getStatement());
        code.place(test);
        code.branch(lowering.lower(s.getCondition()), true, body, pos(s.getCondition()));
        code.place(exit);
    }

    private void forLoop(ForLoopTree s, StatementTree labelled) {
        statements(s.getInitializer());
        Block test = code.newBlock(pos(s));
        Block update = code.newBlock(pos(s));
        Block exit = code.newBlock(pos(s));
        targets(s, labelled, exit, update);
        code.place(test);
        if (s.getCondition() != null) {
            code.branch(lowering.lower(s.getCondition()), false, exit, pos(s.getCondition()));
        }
        statement(s.getStatement());
        code.place(update);
        statements(s.getUpdate());
        code.jump(test);
        code.place(exit);
    }

    private void enhancedForLoop(EnhancedForLoopTree s, StatementTree labelled) {
        ExpressionTree iterable = lowering.lower(s.getExpression());
        if (!cx.awaits().contains(s.getStatement())) {
            emit(copyStatement(labelled, replacing(s.getExpression(), iterable)));
            return;
        }
        TypeMirror iterableType = cx.attribution().typeOf(s.getExpression());
        Block test = code.newBlock(pos(s));
        Block exit = code.newBlock(pos(s));
        VariableTree var = s.getVariable();
        String varType = cx.typeText().cast(cx.attribution().typeOf(var));
        if (iterableType.getKind() == TypeKind.ARRAY) {
            Block update = code.newBlock(pos(s));
            targets(s, labelled, exit, update);
            ExpressionTree array = spill(iterableType, iterable, s.getExpression());
            ExpressionTree index = spillTyped("int", template(s, "0"), s);
            code.place(test);
            code.branch(template(s, "$$0 < $$1.length", fresh(index), fresh(array)), false, exit, pos(s));
            declare(var, template(var, "$$0[$$1]", fresh(array), fresh(index)));
            statement(s.getStatement());
            code.place(update);
            emit(cx.templates().statement(pos(s), "$$0++;", fresh(index)));
            code.jump(test);
        } else {
            targets(s, labelled, exit, test);
            ExpressionTree iterator = spillTyped("java.util.Iterator",
                    template(s, "$$0.iterator()", iterable), s.getExpression());
            code.place(test);
            code.branch(template(s, "$$0.hasNext()", fresh(iterator)), false, exit, pos(s));
            declare(var, template(var, "(" + varType + ") $$0.next()", fresh(iterator)));
            statement(s.getStatement());
            code.jump(test);
        }
        code.place(exit);
    }

    private void labeled(LabeledStatementTree s) {
        StatementTree inner = s.getStatement();
        switch (inner.getKind()) {
            case WHILE_LOOP -> whileLoop((WhileLoopTree) inner, s);
            case DO_WHILE_LOOP -> doWhileLoop((DoWhileLoopTree) inner, s);
            case FOR_LOOP -> {
                ScopeStart scope = openScope();
                forLoop((ForLoopTree) inner, s);
                closeScope(scope);
            }
            case ENHANCED_FOR_LOOP -> enhancedForLoop((EnhancedForLoopTree) inner, s);
            default -> {
                Block end = code.newBlock(pos(s));
                breakTargets.put(s, end);
                statement(inner);
                code.place(end);
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

    /** Makes {@code exit} where a break out of {@code s} (a split switch) goes. */
    void breakTarget(Tree s, Block exit) {
        breakTargets.put(s, exit);
    }

    /**
     * {@code assert cond : detail;} whose operands await (JLS 14.10): nothing is evaluated when
     * assertions are disabled, which an ordinary assert of the state machine tells (its status is
     * the user's top-level class's, as for the original statement).
     */
    private void assertStatement(AssertTree s) {
        int pos = pos(s);
        Block end = code.newBlock(pos);
        String enabled = frame.temporary("$assertions", "boolean").name();
        emit(cx.templates().statement(pos, enabled + " = false;"));
        emit(cx.templates().statement(pos, "assert " + enabled + " = true;"));
        code.branch(template(s, enabled), false, end, pos);
        code.branch(lowering.lower(s.getCondition()), true, end, pos(s.getCondition()));
        ExpressionTree detail = s.getDetail() == null ? null : lowering.lower(s.getDetail());
        code.close(new Terminator.Throw(detail == null ? template(s, "new java.lang.AssertionError()")
                : template(s, "new java.lang.AssertionError($$0)", detail), pos));
        code.place(end);
    }

    void close(Exit exit) {
        code.close(exit.prelude(), exit.terminator());
    }

    void emit(StatementTree s) {
        code.emit(s);
    }

    // ---------------------------------------------------------------- copying user code

    StatementTree copyStatement(StatementTree s, Map<Tree, Tree> replacements) {
        List<StatementTree> captures = new ArrayList<>();
        StatementTree copy = rewriter.copy(s, userCode(replacements), captures);
        code.captures(captures);
        return copy;
    }

    @Override
    public ExpressionTree copy(ExpressionTree original, Map<Tree, Tree> replacements) {
        List<StatementTree> captures = new ArrayList<>();
        ExpressionTree copy = rewriter.copy(original, userCode(replacements), captures);
        code.captures(captures);
        return copy;
    }

    /** Replacements plus the rewriting of jumps that leave a structured statement into split code. */
    Function<Tree, Tree> userCode(Map<Tree, Tree> replacements) {
        return t -> {
            Tree r = replacements.get(t);
            if (r != null) {
                return fresh(r);
            }
            if (t instanceof BreakTree || t instanceof ContinueTree) {
                Block b = splitTarget(t);
                return b == null ? null : code.slot(List.of(), code.jumpTo(b), pos(t));
            }
            if (t instanceof ReturnTree ret && cx.jumps().isMethodReturn(ret)) {
                Exit exit = returns.exit(ret);
                return code.slot(exit.prelude(), exit.terminator(), pos(t));
            }
            if (t instanceof YieldTree y) {
                return switches.yieldSlot(y);
            }
            return null;
        };
    }

    static Map<Tree, Tree> replacing(Tree original, Tree replacement) {
        Map<Tree, Tree> m = new IdentityHashMap<>();
        if (original != null) {
            m.put(original, replacement);
        }
        return m;
    }

    <T extends Tree> T fresh(T tree) {
        return cx.copies().copy(tree);
    }

    // ---------------------------------------------------------------- the lowering sink

    @Override
    public ExpressionTree spill(TypeMirror type, ExpressionTree value, Tree at) {
        return spillInto(frame.temporary(CoroutineContract.TEMPORARY, type), value, at);
    }

    /** Stores {@code value} in a new temporary of {@code type}; returns a read of it. */
    ExpressionTree spillTyped(String type, ExpressionTree value, Tree at) {
        return spillInto(frame.temporary(CoroutineContract.TEMPORARY, type), value, at);
    }

    private ExpressionTree spillInto(FrameVariable t, ExpressionTree value, Tree at) {
        emit(cx.templates().statement(pos(at), t.assignment() + "$$0;", fresh(value)));
        return cx.templates().expression(pos(at), t.name());
    }

    @Override
    public void evaluate(ExpressionTree expression, Tree at) {
        emit(cx.templates().statement(pos(at), "$$0();", fresh(expression)));
    }

    @Override
    public void spillInto(ExpressionTree temporary, ExpressionTree value, Tree at) {
        FrameVariable t = temporary instanceof IdentifierTree id ? frame.temporaryNamed(id.getName().toString()) : null;
        if (t != null) {
            emit(cx.templates().statement(pos(at), t.assignment() + "$$0;", fresh(value)));
            return;
        }
        emit(cx.templates().statement(pos(at), "$$0 = $$1;", fresh(temporary), fresh(value)));
    }

    @Override
    public ExpressionTree await(ExpressionTree operand, TypeMirror resultType, Tree at) {
        int pos = pos(at);
        Block resume = code.newBlock(pos);
        code.close(new Terminator.Suspend(fresh(operand), resume, pos));
        // When the await does not suspend, control falls through into the resume block.
        code.start(resume);
        if (resultType == null) {
            emit(cx.templates().statement(pos, cx.machine() + "." + CoroutineContract.RESULT + "();"));
            return null;
        }
        // No temporary: expression lowering uses what it gets here exactly once, before anything
        // else can await (an operand followed by another await is spilled at once), so the value
        // is read where the await stood, in the block that resumes.
        String intersection = cx.typeText().intersection(resultType);
        String machine = cx.machine() + ".";
        return cx.templates().expression(pos, intersection != null ? "((" + intersection + ") " + machine + CoroutineContract.RESULT + "())"
                : machine + "<" + cx.typeText().of(resultType) + ">" + CoroutineContract.RESULT + "()");
    }

    @Override
    public void branch(ExpressionTree condition, boolean when, Label target, Tree at) {
        code.branch(fresh(condition), when, ((BlockLabel) target).block(), pos(at));
    }

    @Override
    public Label newLabel() {
        return new BlockLabel(code.newBlock(code.current().pos()));
    }

    @Override
    public void jump(Label target, Tree at) {
        code.jump(((BlockLabel) target).block());
    }

    @Override
    public void place(Label label, Tree at) {
        code.place(((BlockLabel) label).block());
    }

    @Override
    public ExpressionTree switchExpression(SwitchExpressionTree s, ExpressionTree selector) {
        return switches.switchExpression(s, selector);
    }

    @Override
    public ExpressionTree template(Tree at, String text, Tree... holes) {
        Tree[] copies = new Tree[holes.length];
        for (int i = 0; i < holes.length; i++) {
            copies[i] = fresh(holes[i]);
        }
        return cx.templates().expression(pos(at), text, copies);
    }

    /** A block as expression lowering sees it. */
    private record BlockLabel(Block block) implements Label {
    }

    private static boolean allExpressionStatements(List<StatementTree> statements) {
        for (StatementTree t : statements) {
            if (!(t instanceof ExpressionStatementTree)) {
                return false;
            }
        }
        return true;
    }
}
