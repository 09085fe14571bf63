package io.jawait.processor.javac;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCCase;
import com.sun.tools.javac.tree.JCTree.JCExpression;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCYield;
import com.sun.tools.javac.tree.TreeCopier;
import com.sun.tools.javac.tree.TreeMaker;

/**
 * javac's TreeCopier, with two fixes every copy of the processor needs. A copied rule case
 * ({@code case X -> ...}) has its own copied body: javac's (JDK 17 to 25) sets the copy's
 * {@code body} to the original's statement, so the copy shares that subtree with the original: a
 * scanner that reads {@code CaseTree.getBody()}, as the public TreeScanner does for rule cases,
 * walks the original instead of the copy. And an identifier bound to a package keeps it (see
 * TreeTemplates#qualifiedName): javac's copy of an identifier drops its symbol.
 */
abstract class CaseFixingTreeCopier<P> extends TreeCopier<P> {

    CaseFixingTreeCopier(TreeMaker maker) {
        super(maker);
    }

    @Override
    public JCTree visitIdentifier(IdentifierTree node, P p) {
        JCIdent copy = (JCIdent) super.visitIdentifier(node, p);
        if (((JCIdent) node).sym instanceof Symbol.PackageSymbol pkg) {
            copy.sym = pkg;
        }
        return copy;
    }

    @Override
    public JCTree visitCase(CaseTree node, P p) {
        JCCase copy = (JCCase) super.visitCase(node, p);
        if (copy.caseKind == CaseTree.CaseKind.RULE && copy.stats.nonEmpty()) {
            JCCase original = (JCCase) node;
            copy.body = original.body instanceof JCExpression && copy.stats.head.hasTag(JCTree.Tag.YIELD)
                    ? ((JCYield) copy.stats.head).value : copy.stats.head;
        }
        return copy;
    }
}
