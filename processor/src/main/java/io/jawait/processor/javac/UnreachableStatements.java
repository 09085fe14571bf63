package io.jawait.processor.javac;

import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCCase;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCLambda;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.TreeScanner;
import com.sun.tools.javac.util.List;

/**
 * Finds the first statement of an attributed body that javac will call unreachable (JLS 14.22):
 * one that follows, in the same block or case, a statement that cannot complete normally.
 *
 * <p>javac's own check runs only after annotation processing, on the code the transform made, where
 * every state is reachable through the dispatch switch: such a statement must be found before,
 * and the method left for javac to report it. Statements that always complete normally (expression
 * statements, declarations) are not asked about, so this costs little on a body that is fine.
 */
final class UnreachableStatements extends TreeScanner {
    private final JavacSession session;
    private final Env<AttrContext> env;
    private JCTree found;

    UnreachableStatements(JavacSession session, Env<AttrContext> env) {
        this.session = session;
        this.env = env;
    }

    /** The first unreachable statement in {@code body}, or null. */
    JCTree first(JCBlock body) {
        scan(body);
        return found;
    }

    @Override
    public void scan(JCTree tree) {
        if (found == null) {
            super.scan(tree);
        }
    }

    @Override
    public void visitBlock(JCBlock tree) {
        statements(tree.stats);
        super.visitBlock(tree);
    }

    @Override
    public void visitCase(JCCase tree) {
        statements(tree.stats);
        super.visitCase(tree);
    }

    // Lambdas and classes have bodies of their own, which javac checks in the code as copied.
    @Override
    public void visitLambda(JCLambda tree) {
    }

    @Override
    public void visitClassDef(JCClassDecl tree) {
    }

    private void statements(List<JCStatement> stats) {
        for (List<JCStatement> l = stats; found == null && l.nonEmpty() && l.tail.nonEmpty(); l = l.tail) {
            if (mayEndAbruptly(l.head) && !session.flow.aliveAfter(env, l.head, session.make)) {
                found = l.tail.head;
            }
        }
    }

    private static boolean mayEndAbruptly(JCStatement s) {
        return switch (s.getTag()) {
            case EXEC, VARDEF, SKIP, CLASSDEF -> false;
            default -> true;
        };
    }
}
