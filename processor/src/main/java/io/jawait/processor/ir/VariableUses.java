package io.jawait.processor.ir;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Name;

/**
 * Which frame variables a piece of generated code reads and which it surely writes, found by name
 * (frame variables have names nothing else in the method has).
 *
 * <p>Conservative where it must be: any mention inside a compound statement counts as a read, and
 * only assignments that surely run (in sequence, or on both arms of an if) count as writes.
 */
final class VariableUses {
    private final Map<String, Integer> indexByName = new HashMap<>();
    /**
     * The index for each javac name met, -1 for none: javac keeps one object per name, and turning
     * a name into a String decodes it each time.
     */
    private final Map<Name, Integer> indexByJavacName = new IdentityHashMap<>();

    VariableUses(List<FrameVariable> variables) {
        for (FrameVariable v : variables) {
            if (v.kind() != FrameVariable.Kind.CONSTANT && v.kind() != FrameVariable.Kind.MIRROR) {
                indexByName.put(v.name(), v.index());
            }
        }
    }

    /** What a statement list needs on entry ({@code gen}) and surely assigns ({@code kill}). */
    record Effect(BitSet gen, BitSet kill) {
        /** Live before the statements, given what is live after them. */
        BitSet before(BitSet after) {
            BitSet live = (BitSet) after.clone();
            live.andNot(kill);
            live.or(gen);
            return live;
        }
    }

    Effect of(List<? extends StatementTree> statements) {
        BitSet gen = new BitSet();
        BitSet kill = new BitSet();
        for (StatementTree s : statements) {
            statement(s, gen, kill);
        }
        return new Effect(gen, kill);
    }

    /** Every variable the tree mentions. */
    BitSet reads(Tree tree) {
        BitSet out = new BitSet();
        mentions(tree, out, new BitSet());
        return out;
    }

    private void statement(StatementTree s, BitSet gen, BitSet kill) {
        if (s instanceof ExpressionStatementTree e && strip(e.getExpression()) instanceof AssignmentTree a
                && strip(a.getVariable()) instanceof IdentifierTree target
                && index(target.getName()) >= 0) {
            mentions(a.getExpression(), gen, kill);
            kill.set(index(target.getName()));
        } else if (s instanceof BlockTree b) {
            for (StatementTree inner : b.getStatements()) {
                statement(inner, gen, kill);
            }
        } else if (s instanceof IfTree i && i.getElseStatement() != null) {
            mentions(i.getCondition(), gen, kill);
            BitSet thenKill = (BitSet) kill.clone();
            BitSet elseKill = (BitSet) kill.clone();
            statement(i.getThenStatement(), gen, thenKill);
            statement(i.getElseStatement(), gen, elseKill);
            thenKill.and(elseKill);
            kill.or(thenKill);
        } else {
            mentions(s, gen, kill);
        }
    }

    /** Adds to {@code gen} each variable the tree mentions that is not in {@code kill}. */
    private void mentions(Tree tree, BitSet gen, BitSet kill) {
        if (tree == null) {
            return;
        }
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                int i = index(node.getName());
                if (i >= 0 && !kill.get(i)) {
                    gen.set(i);
                }
                return null;
            }
        }.scan(tree, null);
    }

    private int index(Name name) {
        Integer i = indexByJavacName.get(name);
        if (i == null) {
            i = indexByName.getOrDefault(name.toString(), -1);
            indexByJavacName.put(name, i);
        }
        return i;
    }

    private static ExpressionTree strip(ExpressionTree e) {
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        return e;
    }
}
