package io.jawait.processor.analyse;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.javac.MethodAttribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * Every local variable declared in a method body outside class bodies (those may shadow the
 * method's locals; lambdas may not), in source order, with where it is declared; and the locals
 * that lambdas and class bodies refer to.
 */
final class DeclarationSites {
    /**
     * @param statement true for a declaration statement of the method's own code (in a block, a case
     *                  or a for header, not in a lambda): one that can become an assignment
     */
    record Site(VariableTree tree, Element symbol, boolean statement) {
    }

    private final List<Site> sites = new ArrayList<>();
    private final Set<Element> referencedFromInside = new HashSet<>();

    private DeclarationSites() {
    }

    static DeclarationSites find(BlockTree body, MethodAttribution attribution) {
        DeclarationSites d = new DeclarationSites();
        d.new Finder(attribution).scan(body, null);
        return d;
    }

    List<Site> sites() {
        return sites;
    }

    /** True when a lambda or a class body in the method refers to the local. */
    boolean isReferencedFromInside(Element local) {
        return referencedFromInside.contains(local);
    }

    private final class Finder extends TreeScanner<Void, Void> {
        private final MethodAttribution attribution;
        private final Set<Tree> statements = Collections.newSetFromMap(new IdentityHashMap<>());
        private int lambdas;
        private int classes;

        Finder(MethodAttribution attribution) {
            this.attribution = attribution;
        }

        @Override
        public Void visitVariable(VariableTree node, Void p) {
            if (classes == 0) {
                sites.add(new Site(node, attribution.referent(node), lambdas == 0 && statements.contains(node)));
            }
            return super.visitVariable(node, p);
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void p) {
            if (lambdas + classes > 0) {
                Element sym = attribution.referent(node);
                if (sym != null && LocalVariables.isLocal(sym)) {
                    referencedFromInside.add(sym);
                }
            }
            return null;
        }

        @Override
        public Void visitBlock(BlockTree node, Void p) {
            statements.addAll(node.getStatements());
            return super.visitBlock(node, p);
        }

        @Override
        public Void visitCase(CaseTree node, Void p) {
            if (node.getStatements() != null) {
                statements.addAll(node.getStatements());
            }
            return super.visitCase(node, p);
        }

        @Override
        public Void visitForLoop(ForLoopTree node, Void p) {
            for (StatementTree init : node.getInitializer()) {
                statements.add(init);
            }
            return super.visitForLoop(node, p);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
            lambdas++;
            try {
                return super.visitLambdaExpression(node, p);
            } finally {
                lambdas--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
            classes++;
            try {
                return super.visitClass(node, p);
            } finally {
                classes--;
            }
        }
    }
}
