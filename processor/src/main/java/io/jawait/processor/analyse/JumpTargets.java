package io.jawait.processor.analyse;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resolves every {@code break} and {@code continue} of the method body to the statement it leaves
 * (JLS 14.15, 14.16), every {@code yield} to its switch expression (JLS 14.21), and notes which {@code return}s sit inside a {@code try} or
 * {@code synchronized}: those must not complete the task before the enclosing {@code finally} runs.
 *
 * <p>Jumps inside lambdas and class bodies are not the method's and are left out.
 */
public final class JumpTargets {
    private final Map<Tree, Tree> targets = new IdentityHashMap<>();
    private final Set<Tree> guardedReturns = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Tree> methodReturns = Collections.newSetFromMap(new IdentityHashMap<>());

    private JumpTargets() {
    }

    public static JumpTargets resolve(Tree body) {
        JumpTargets jumps = new JumpTargets();
        jumps.new Resolver().scan(body, null);
        return jumps;
    }

    /**
     * The loop, switch or labeled statement a break or continue leaves, or the switch expression a
     * yield completes; null for other trees.
     */
    public Tree target(Tree jump) {
        return targets.get(jump);
    }

    /** True for a return of the method itself (not of a lambda) that sits in a try or synchronized. */
    public boolean isGuarded(ReturnTree ret) {
        return guardedReturns.contains(ret);
    }

    public boolean isMethodReturn(Tree tree) {
        return methodReturns.contains(tree);
    }

    private final class Resolver extends MethodCodeScanner<Void, Void> {
        /** Enclosing break targets, innermost first; a labeled statement is pushed with its label. */
        private final Deque<Tree> enclosing = new ArrayDeque<>();
        private int guards;

        @Override
        public Void visitLabeledStatement(LabeledStatementTree node, Void p) {
            enclosing.push(node);
            try {
                return super.visitLabeledStatement(node, p);
            } finally {
                enclosing.pop();
            }
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree node, Void p) {
            enclosing.push(node);
            try {
                return super.visitWhileLoop(node, p);
            } finally {
                enclosing.pop();
            }
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree node, Void p) {
            enclosing.push(node);
            try {
                return super.visitDoWhileLoop(node, p);
            } finally {
                enclosing.pop();
            }
        }

        @Override
        public Void visitForLoop(ForLoopTree node, Void p) {
            enclosing.push(node);
            try {
                return super.visitForLoop(node, p);
            } finally {
                enclosing.pop();
            }
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
            enclosing.push(node);
            try {
                return super.visitEnhancedForLoop(node, p);
            } finally {
                enclosing.pop();
            }
        }

        @Override
        public Void visitSwitch(SwitchTree node, Void p) {
            enclosing.push(node);
            try {
                return super.visitSwitch(node, p);
            } finally {
                enclosing.pop();
            }
        }

        @Override
        public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
            // break cannot leave a switch expression; a marker stops the search.
            enclosing.push(node);
            try {
                return super.visitSwitchExpression(node, p);
            } finally {
                enclosing.pop();
            }
        }

        @Override
        public Void visitTry(TryTree node, Void p) {
            guards++;
            try {
                return super.visitTry(node, p);
            } finally {
                guards--;
            }
        }

        @Override
        public Void visitSynchronized(SynchronizedTree node, Void p) {
            guards++;
            try {
                return super.visitSynchronized(node, p);
            } finally {
                guards--;
            }
        }

        @Override
        public Void visitBreak(BreakTree node, Void p) {
            StatementTree t = find(node.getLabel() == null ? null : node.getLabel().toString(), false);
            if (t != null) {
                targets.put(node, t);
            }
            return null;
        }

        @Override
        public Void visitContinue(ContinueTree node, Void p) {
            StatementTree t = find(node.getLabel() == null ? null : node.getLabel().toString(), true);
            if (t != null) {
                targets.put(node, t);
            }
            return null;
        }

        @Override
        public Void visitYield(YieldTree node, Void p) {
            for (Tree t : enclosing) {
                if (t instanceof SwitchExpressionTree) {
                    targets.put(node, t);
                    break;
                }
            }
            return super.visitYield(node, p);
        }

        @Override
        public Void visitReturn(ReturnTree node, Void p) {
            methodReturns.add(node);
            if (guards > 0) {
                guardedReturns.add(node);
            }
            return super.visitReturn(node, p);
        }

        private StatementTree find(String label, boolean loopOnly) {
            for (Tree t : enclosing) {
                if (t instanceof SwitchExpressionTree) {
                    return null;
                }
                if (label != null) {
                    if (t instanceof LabeledStatementTree l && l.getLabel().contentEquals(label)) {
                        return l;
                    }
                } else if (t instanceof WhileLoopTree || t instanceof DoWhileLoopTree
                        || t instanceof ForLoopTree || t instanceof EnhancedForLoopTree
                        || (!loopOnly && t instanceof SwitchTree)) {
                    return (StatementTree) t;
                }
            }
            return null;
        }
    }
}
