package io.jawait.processor.emit;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.MethodCodeScanner;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The trees of a class's constructors that run before the object exists: the arguments of an
 * explicit {@code super(...)} or {@code this(...)}, and the statements before it (Java 25). Code
 * there may read the locals the class captures but none of its fields (JLS 8.8.7.1), so a hoisted
 * local class (UserCodeRewriter#copyHoistedClass), which keeps its captures in fields, reads them
 * there from the state machine instead, which holds the same value while the object is created.
 * Not inside a lambda or class body there: that code may run later, when the state machine holds
 * another value (javac then rejects the read of the field, rather than the program reading a wrong value).
 */
final class ConstructorPrologues {
    private ConstructorPrologues() {
    }

    /**
     * The trees in the prologues of {@code declaration}'s own constructors, by identity:
     * {@code direct} those that run while the object is created, {@code deferred} those in a
     * lambda or class body there.
     */
    record Trees(Set<Tree> direct, Set<Tree> deferred) {
    }

    static Trees of(ClassTree declaration) {
        Set<Tree> direct = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Tree> all = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tree member : declaration.getMembers()) {
            if (!(member instanceof MethodTree m) || !m.getName().contentEquals("<init>") || m.getBody() == null) {
                continue;
            }
            List<? extends StatementTree> stats = m.getBody().getStatements();
            int call = explicitConstructorCall(stats);
            for (int i = 0; i <= call; i++) {
                new MethodCodeScanner<Void, Void>() {
                    @Override
                    public Void scan(Tree tree, Void p) {
                        if (tree != null) {
                            direct.add(tree);
                        }
                        return super.scan(tree, p);
                    }
                }.scan(stats.get(i), null);
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void scan(Tree tree, Void p) {
                        if (tree != null) {
                            all.add(tree);
                        }
                        return super.scan(tree, p);
                    }
                }.scan(stats.get(i), null);
            }
        }
        all.removeAll(direct);
        return new Trees(direct, all);
    }

    /** The index of the {@code super(...)} or {@code this(...)} statement, or -1. */
    private static int explicitConstructorCall(List<? extends StatementTree> stats) {
        for (int i = 0; i < stats.size(); i++) {
            if (stats.get(i) instanceof ExpressionStatementTree e && e.getExpression() instanceof MethodInvocationTree call) {
                ExpressionTree callee = call.getMethodSelect();
                String name = callee instanceof IdentifierTree id ? id.getName().toString()
                        : callee instanceof MemberSelectTree s ? s.getIdentifier().toString() : "";
                if (name.equals("super") || name.equals("this")) {
                    return i;
                }
            }
        }
        return -1;
    }
}
