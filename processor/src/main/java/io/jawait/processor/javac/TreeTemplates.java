package io.jawait.processor.javac;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.parser.JavacParser;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCCase;
import com.sun.tools.javac.tree.JCTree.JCExpressionStatement;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.TreeScanner;
import com.sun.tools.javac.tree.TreeTranslator;
import com.sun.tools.javac.util.List;
import java.util.ArrayList;

/**
 * Builds generated code from Java text with holes for the user's trees.
 *
 * <p>A template is ordinary Java in which {@code $$0}, {@code $$1}, ... stand for the trees passed
 * with it: an expression or a type, and written as a call statement {@code $$0();}, a statement
 * (or an expression evaluated as one). Every
 * node parsed from the text is moved to one source position so that the generated code reports the
 * user's line; the user's trees keep their own positions.
 */
public final class TreeTemplates {
    private static final String HOLE = "$$";
    private final JavacSession session;

    TreeTemplates(JavacSession session) {
        this.session = session;
    }

    public StatementTree statement(int pos, String code, Tree... holes) {
        JavacParser parser = session.parsers.newParser("{" + code + "\n}", false, false, false);
        JCBlock block = parser.block();
        if (block.stats.size() != 1) {
            throw new IllegalArgumentException("template is not one statement: " + code);
        }
        return fill(block.stats.head, pos, holes);
    }

    /** Several statements; returned without an enclosing block so declarations stay in scope. */
    public java.util.List<StatementTree> statements(int pos, String code, Tree... holes) {
        JavacParser parser = session.parsers.newParser("{" + code + "\n}", false, false, false);
        JCBlock block = fill(parser.block(), pos, holes);
        return new ArrayList<>(block.stats);
    }

    public ExpressionTree expression(int pos, String code, Tree... holes) {
        JavacParser parser = session.parsers.newParser(code, false, false, false);
        return fill(parser.parseExpression(), pos, holes);
    }

    /** {@code switch (selector) { cases }} as a statement. */
    public StatementTree switchStatement(int pos, ExpressionTree selector, java.util.List<? extends CaseTree> cases) {
        ArrayList<JCCase> list = new ArrayList<>();
        for (CaseTree c : cases) {
            list.add((JCCase) c);
        }
        return session.make.at(pos).Switch((JCTree.JCExpression) selector, List.from(list));
    }

    /** A block of the given statements, positioned (the closing brace too) at pos. */
    public BlockTree block(int pos, java.util.List<? extends StatementTree> statements) {
        ArrayList<JCStatement> stats = new ArrayList<>();
        for (StatementTree s : statements) {
            stats.add((JCStatement) s);
        }
        JCBlock block = session.make.at(pos).Block(0, List.from(stats));
        block.endpos = pos;
        return block;
    }

    private <T extends JCTree> T fill(T tree, int pos, Tree[] holes) {
        new Repositioner(pos).scan(tree);
        if (holes.length == 0) {
            return tree;
        }
        return new HoleFiller(holes).translate(tree);
    }

    /** Moves every node to one position; blocks get the same end position. */
    static final class Repositioner extends TreeScanner {
        private final int pos;

        Repositioner(int pos) {
            this.pos = pos;
        }

        @Override
        public void scan(JCTree tree) {
            if (tree != null) {
                tree.pos = pos;
                if (tree instanceof JCBlock b) {
                    b.endpos = pos;
                }
            }
            super.scan(tree);
        }
    }

    private static final class HoleFiller extends TreeTranslator {
        private final Tree[] holes;

        HoleFiller(Tree[] holes) {
            this.holes = holes;
        }

        private Tree hole(JCTree tree) {
            if (tree instanceof JCIdent id && id.name.toString().startsWith(HOLE)) {
                return holes[Integer.parseInt(id.name.toString().substring(HOLE.length()))];
            }
            return null;
        }

        @Override
        public void visitIdent(JCIdent tree) {
            Tree hole = hole(tree);
            result = hole != null ? (JCTree) hole : tree;
        }

        /** {@code $$0();} stands for a statement, or for an expression used as a statement. */
        @Override
        public void visitExec(JCExpressionStatement tree) {
            Tree hole = tree.expr instanceof JCMethodInvocation call && call.args.isEmpty() ? hole(call.meth) : null;
            if (hole instanceof StatementTree) {
                result = (JCTree) hole;
            } else if (hole != null) {
                tree.expr = (JCTree.JCExpression) hole;
                result = tree;
            } else {
                super.visitExec(tree);
            }
        }
    }
}
