package io.jawait.processor.split;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.MethodCodeScanner;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.emit.UserCodeRewriter;
import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.FrameVariable;
import io.jawait.processor.ir.Terminator;
import io.jawait.processor.lower.UnsupportedConstruct;
import io.jawait.processor.model.CoroutineContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;

/**
 * Switch statements and expressions whose cases await: the current block ends in a dispatch switch
 * with the user's own labels (constants, enum names, patterns, guards, null, default) whose cases
 * only jump to their entry blocks; each case's body then starts its own block, and falls through to
 * the next case's block as written.
 */
final class SwitchSplitter {
    private final StateMachineBuilder builder;
    private final MethodContext cx;
    /** Split switch expressions: where their yields store the value and continue. */
    private final Map<Tree, YieldTarget> yieldTargets = new IdentityHashMap<>();

    /** Where a yield of a split switch expression goes: the temporary for its value, then the exit. */
    private record YieldTarget(Block exit, FrameVariable result) {
    }

    SwitchSplitter(StateMachineBuilder builder) {
        this.builder = builder;
        this.cx = builder.cx;
    }

    void switchStatement(SwitchTree s) {
        ExpressionTree selector = builder.lowering.lower(s.getExpression());
        if (!cx.awaits().containsAny(s.getCases())) {
            builder.emit(builder.copyStatement(s, StateMachineBuilder.replacing(s.getExpression(), selector)));
            return;
        }
        Block exit = builder.code.newBlock(StateMachineBuilder.pos(s));
        builder.breakTarget(s, exit);
        cases(s, selector, s.getCases(), exit, false);
        builder.code.place(exit);
    }

    /** A switch expression whose arms await, its selector already lowered; returns a read of its value. */
    ExpressionTree switchExpression(SwitchExpressionTree s, ExpressionTree selector) {
        int pos = StateMachineBuilder.pos(s);
        FrameVariable result = builder.frame.temporary(CoroutineContract.TEMPORARY, builder.temporaryTypes.of(s));
        Block exit = builder.code.newBlock(pos);
        yieldTargets.put(s, new YieldTarget(exit, result));
        cases(s, selector, s.getCases(), exit, true);
        builder.code.place(exit);
        return cx.templates().expression(pos, result.name());
    }

    /** {@code yield} as a statement of split code. */
    void yieldStatement(YieldTree y) {
        yieldValue(y.getValue(), yieldTargets.get(cx.jumps().target(y)), y);
    }

    /** A yield inside copied code that completes a split switch expression: a slot storing the value, or null. */
    Tree yieldSlot(YieldTree y) {
        YieldTarget target = yieldTargets.get(cx.jumps().target(y));
        if (target == null) {
            return null;
        }
        int pos = StateMachineBuilder.pos(y);
        return builder.code.slot(List.of(store(target, builder.copy(y.getValue(), Map.of()), pos)),
                builder.code.jumpTo(target.exit()), pos);
    }

    private void cases(Tree s, ExpressionTree selector, List<? extends CaseTree> cases, Block exit, boolean expression) {
        int pos = StateMachineBuilder.pos(s);
        List<Block> entries = new ArrayList<>();
        List<CaseTree> dispatch = new ArrayList<>();
        for (CaseTree c : cases) {
            Block entry = builder.code.newBlock(StateMachineBuilder.pos(c));
            entries.add(entry);
            dispatch.add(dispatchCase(c, entry));
        }
        // if (true): every case of the dispatch jumps, which javac must not take to mean the code
        // after it is unreachable.
        builder.emit(cx.templates().statement(pos, "if (true) $$0();", cx.templates().switchStatement(pos, selector, dispatch)));
        // A switch expression over an enum that meets a constant added after compilation fails as
        // Java's would; a switch statement goes on after it.
        builder.code.close(expression ? new Terminator.Throw(cx.templates().noCaseMatched(pos), pos)
                : builder.code.jumpTo(exit));
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            builder.code.place(entries.get(i));
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree value) {
                    // Only switch expressions have expression bodies: the value is what the arm yields.
                    yieldValue(value, yieldTargets.get(s), c);
                } else {
                    builder.statement((StatementTree) body);
                }
                builder.code.jump(exit);
            } else {
                builder.statements(c.getStatements());
            }
        }
        builder.code.jump(exit);
    }

    /**
     * The dispatch copy of a case: same labels and guard, a body that jumps. The case's pattern
     * bindings are hoisted (the case's body is another block): the dispatch declares each under a
     * fresh name, which cannot clash with the frame variable of the same local, and copies it there.
     */
    private CaseTree dispatchCase(CaseTree c, Block entry) {
        Tree body = c.getCaseKind() == CaseTree.CaseKind.RULE ? c.getBody() : null;
        List<? extends StatementTree> stats = c.getCaseKind() == CaseTree.CaseKind.STATEMENT ? c.getStatements() : List.of();
        Map<Element, String> bindings = new LinkedHashMap<>();
        new MethodCodeScanner<Void, Void>() {
            @Override
            public Void scan(Tree t, Void p) {
                if (t == null || t == body || stats.stream().anyMatch(st -> st == t)) {
                    return null;
                }
                if (cx.awaits().isAwait(t)) {
                    throw new UnsupportedConstruct(t, "await in a case label or guard is not supported; await before the switch");
                }
                return super.scan(t, p);
            }

            @Override
            public Void visitBindingPattern(BindingPatternTree node, Void p) {
                Element sym = cx.attribution().referent(node.getVariable());
                if (cx.vars().hoisted(sym) != null) {
                    bindings.put(sym, cx.names().fresh(node.getVariable().getName() + "$b"));
                }
                return super.visitBindingPattern(node, p);
            }
        }.scan(c, null);
        int pos = StateMachineBuilder.pos(c);
        Set<Element> read = readIn(body, stats);
        List<StatementTree> stores = new ArrayList<>();
        for (Map.Entry<Element, String> b : bindings.entrySet()) {
            if (!read.contains(b.getKey())) {
                // Only what the body reads: a guard's binding may be out of scope there
                // (`!(x instanceof T t) || ...`), and then the body cannot read it either.
                continue;
            }
            Hoisted h = cx.vars().hoisted(b.getKey());
            stores.add(cx.templates().statement(pos, UserCodeRewriter.assignee(h, cx.machine()) + b.getValue() + ";"));
        }
        StatementTree slot = builder.code.slot(stores, builder.code.jumpTo(entry), pos);
        List<StatementTree> captures = new ArrayList<>();
        CaseTree copy = builder.rewriter.copyCase(c, new BindingRenamer(bindings, builder.userCode(Map.of())), slot, captures);
        builder.code.captures(captures);
        return copy;
    }

    /** The locals a case's body (a rule's body, or a classic case's statements) reads. */
    private Set<Element> readIn(Tree body, List<? extends StatementTree> stats) {
        Set<Element> read = new HashSet<>();
        // Lambdas and classes in the body included: they capture the binding.
        TreeScanner<Void, Void> reads = new TreeScanner<>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                Element sym = cx.attribution().referent(node);
                if (sym != null) {
                    read.add(sym);
                }
                return null;
            }
        };
        reads.scan(body, null);
        stats.forEach(st -> reads.scan(st, null));
        return read;
    }

    /** Copies labels and guards with the case's hoisted bindings under their dispatch names. */
    private final class BindingRenamer implements Function<Tree, Tree> {
        private final Map<Element, String> names;
        private final Function<Tree, Tree> otherwise;

        BindingRenamer(Map<Element, String> names, Function<Tree, Tree> otherwise) {
            this.names = names;
            this.otherwise = otherwise;
        }

        @Override
        public Tree apply(Tree t) {
            if (t instanceof InstanceOfTree test && bindsRenamed(test)) {
                // A guard's `x instanceof T t`: t is declared here under its dispatch name and
                // stored by the case's entry. Not UserCodeRewriter#patternMatch, which would assign
                // the frame variable inside the guard, and a guard may not assign outer locals.
                return cx.copies().copy(test, x -> x == test ? null : apply(x));
            }
            if (t instanceof IdentifierTree || t instanceof VariableTree) {
                String name = names.get(cx.attribution().referent(t));
                if (name != null && t instanceof IdentifierTree) {
                    return cx.templates().expression(StateMachineBuilder.pos(t), name);
                }
                if (name != null) {
                    VariableTree copy = cx.copies().copy((VariableTree) t, x -> x == t ? null : apply(x));
                    cx.copies().rename(copy, name);
                    return copy;
                }
            }
            return otherwise.apply(t);
        }

        private boolean bindsRenamed(InstanceOfTree test) {
            boolean[] found = {false};
            new MethodCodeScanner<Void, Void>() {
                @Override
                public Void visitBindingPattern(BindingPatternTree node, Void p) {
                    found[0] |= names.containsKey(cx.attribution().referent(node.getVariable()));
                    return super.visitBindingPattern(node, p);
                }
            }.scan(test.getPattern(), null);
            return found[0];
        }
    }

    /** {@code yield value} (or an arm's value) of a split switch expression: store it and leave. */
    private void yieldValue(ExpressionTree value, YieldTarget target, Tree at) {
        ExpressionTree v = cx.awaits().contains(value) ? builder.lowering.lower(value) : builder.copy(value, Map.of());
        builder.emit(store(target, v, StateMachineBuilder.pos(at)));
        builder.code.jump(target.exit());
    }

    private StatementTree store(YieldTarget target, ExpressionTree value, int pos) {
        return cx.templates().statement(pos, target.result().assignment() + "$$0;", value);
    }
}
