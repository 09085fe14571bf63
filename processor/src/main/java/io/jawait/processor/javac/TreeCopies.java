package io.jawait.processor.javac;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCCase;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.JCTree.JCTry;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.util.ListBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Function;

/**
 * Copies user trees, keeping their source positions, while replacing chosen subtrees.
 *
 * <p>This is how the transform rewrites a user statement: references to hoisted locals, awaited
 * subexpressions and {@code this} are swapped for generated trees, everything else is copied as
 * written so that line numbers and breakpoints stay on the user's lines.
 */
public final class TreeCopies {
    private final JavacSession session;

    TreeCopies(JavacSession session) {
        this.session = session;
    }

    /**
     * Copies {@code tree}; wherever {@code substitute} answers non-null for an original subtree,
     * that answer is used (as is) instead of a copy.
     */
    @SuppressWarnings("unchecked")
    public <T extends Tree> T copy(T tree, Function<Tree, Tree> substitute) {
        return (T) new SubstitutingCopier(session, substitute).copy((JCTree) tree);
    }

    /** Copies {@code tree} as it is. */
    @SuppressWarnings("unchecked")
    public <T extends Tree> T copy(T tree) {
        return (T) new SubstitutingCopier(session, null).copy((JCTree) tree);
    }

    /**
     * Copies a switch case's labels (and guard) with {@code substitute}, giving it {@code body} in
     * place of its statements. The original body is not copied at all.
     */
    public CaseTree copyCase(CaseTree c, Function<Tree, Tree> substitute, StatementTree body) {
        JCCase original = (JCCase) c;
        JCCase copy = copySkipping(original, substitute, original.stats, original.body);
        copy.stats = com.sun.tools.javac.util.List.of((JCStatement) body);
        copy.body = copy.caseKind == CaseTree.CaseKind.RULE ? (JCTree) body : null;
        return copy;
    }

    /**
     * Copies a try statement's catches and finally with {@code substitute}, with {@code block} as
     * its body and no resources. The original body and resources are not copied at all.
     */
    public TryTree copyTryWithoutResources(TryTree t, Function<Tree, Tree> substitute, BlockTree block) {
        JCTry original = (JCTry) t;
        JCTry copy = copySkipping(original, substitute, original.resources, original.body);
        copy.body = (JCBlock) block;
        copy.resources = com.sun.tools.javac.util.List.nil();
        return copy;
    }

    /**
     * Copies {@code tree} (never substituted itself) except the given parts, which become empty
     * blocks for the caller to replace.
     */
    private <T extends JCTree> T copySkipping(T tree, Function<Tree, Tree> substitute,
            java.util.List<? extends JCTree> parts, JCTree part) {
        Set<JCTree> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
        skipped.addAll(parts);
        if (part != null) {
            skipped.add(part);
        }
        return new SubstitutingCopier(session, t -> t == tree ? null : skipped.contains(t)
                ? session.make.Block(0, com.sun.tools.javac.util.List.nil()) : substitute.apply(t)).copy(tree);
    }

    /** Renames a copied variable (or binding) or class declaration; the copy must not be shared. */
    public void rename(Tree declaration, String name) {
        if (declaration instanceof JCVariableDecl v) {
            v.name = session.names.fromString(name);
        } else if (declaration instanceof JCClassDecl c) {
            c.name = session.names.fromString(name);
        } else {
            throw new IllegalArgumentException("not a declaration: " + declaration.getKind());
        }
    }

    /** Makes a copied {@code new C(...)} create C as an inner class of {@code outer}'s value: {@code outer.new C(...)}. */
    public void enclose(com.sun.source.tree.NewClassTree copy, com.sun.source.tree.ExpressionTree outer) {
        ((JCTree.JCNewClass) copy).encl = (JCTree.JCExpression) outer;
    }

    /** Puts declarations (fields written as local variable statements, methods, classes) first in a copied class. */
    public void prependMembers(ClassTree copy, java.util.List<? extends Tree> members) {
        JCClassDecl c = (JCClassDecl) copy;
        ListBuffer<JCTree> defs = new ListBuffer<>();
        for (Tree m : members) {
            defs.append((JCTree) m);
        }
        c.defs = c.defs.prependList(defs.toList());
    }

    /** Puts declarations last in a class made by a template. */
    public void appendMembers(ClassTree declaration, java.util.List<? extends Tree> members) {
        JCClassDecl c = (JCClassDecl) declaration;
        ListBuffer<JCTree> defs = new ListBuffer<>();
        defs.appendList(c.defs);
        for (Tree m : members) {
            defs.append((JCTree) m);
        }
        c.defs = defs.toList();
    }

    private static final class SubstitutingCopier extends CaseFixingTreeCopier<Void> {
        /** Null for none. */
        private final Function<Tree, Tree> substitute;

        SubstitutingCopier(JavacSession session, Function<Tree, Tree> substitute) {
            super(session.make);
            this.substitute = substitute;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends JCTree> T copy(T tree, Void p) {
            if (tree == null) {
                return null;
            }
            Tree replacement = substitute == null ? null : substitute.apply(tree);
            if (replacement != null) {
                return (T) replacement;
            }
            return super.copy(tree, p);
        }

        @Override
        public JCTree visitBlock(BlockTree node, Void p) {
            JCBlock copy = (JCBlock) super.visitBlock(node, p);
            copy.endpos = ((JCBlock) node).endpos;
            return copy;
        }
    }
}
