package io.jawait.processor.javac;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCCase;
import com.sun.tools.javac.tree.JCTree.JCExpressionStatement;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeMaker;
import com.sun.tools.javac.util.List;
import com.sun.tools.javac.util.Name;
import java.util.ArrayList;
import java.util.Map;

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
    /** Templates longer than this are mostly unique (a whole dispatch switch): parsed on each use. */
    private static final int MAX_CACHED_LENGTH = 300;
    private static final int MAX_CACHED = 4096;
    private final JavacSession session;
    private final Name holeName;

    TreeTemplates(JavacSession session) {
        this.session = session;
        this.holeName = session.names.fromString(HOLE);
    }

    public StatementTree statement(int pos, String code, Tree... holes) {
        return instantiate(parsed(Kind.STATEMENT, code), pos, holes);
    }

    public ExpressionTree expression(int pos, String code, Tree... holes) {
        return instantiate(parsed(Kind.EXPRESSION, code), pos, holes);
    }

    /** A type, as a declaration writes it; parsed once per session like the other templates. */
    ExpressionTree type(int pos, String code) {
        return instantiate(parsed(Kind.TYPE, code), pos, new Tree[0]);
    }

    private enum Kind { STATEMENT, EXPRESSION, TYPE }

    /**
     * The tree of a template's text. Short templates recur across states and methods (a jump, an
     * await, a store to a temporary): they are parsed once per session and copied on each use.
     * Only copies leave this class, so the cached trees are never changed.
     */
    private JCTree parsed(Kind kind, String code) {
        if (code.length() > MAX_CACHED_LENGTH) {
            return parse(kind, code);
        }
        Map<String, JCTree> cache = session.parsedTemplates(kind.ordinal());
        JCTree tree = cache.get(code);
        if (tree == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            tree = parse(kind, code);
            cache.put(code, tree);
        }
        return tree;
    }

    private JCTree parse(Kind kind, String code) {
        switch (kind) {
            case STATEMENT -> {
                JCBlock block = session.parsers.newParser("{" + code + "\n}", false, false, false).block();
                if (block.stats.size() != 1) {
                    throw new IllegalArgumentException("template is not one statement: " + code);
                }
                return block.stats.head;
            }
            case TYPE -> {
                return session.parsers.newParser(code, false, false, false).parseType();
            }
            default -> {
                return session.parsers.newParser(code, false, false, false).parseExpression();
            }
        }
    }

    /**
     * A fully qualified class name for an expression of generated code ({@code java.util.Objects},
     * {@code io.jawait.Tasks}), its first identifier bound to its package now. Where the code goes,
     * a field, parameter or local named {@code java} or {@code io} would otherwise obscure the
     * package (JLS 6.4.2): {@code io.jawait.Tasks.await(...)} would read a field {@code io}. javac's
     * Attr keeps the symbol an identifier already has unless it is a variable's, and the processor's
     * copies keep it (CaseFixingTreeCopier), so the name means the package wherever the processor
     * attributes it. Only there: between rounds javac clears every identifier's symbol, so code that
     * stays in the output reaches the runtime through the state machine instead (Coroutine#$initialize).
     */
    public ExpressionTree qualifiedName(int pos, String name) {
        String[] parts = name.split("\\.");
        JCIdent root = session.make.at(pos).Ident(session.names.fromString(parts[0]));
        root.sym = session.symtab.enterPackage(session.symtab.unnamedModule, root.name);
        JCTree.JCExpression tree = root;
        for (int i = 1; i < parts.length; i++) {
            tree = session.make.at(pos).Select(tree, session.names.fromString(parts[i]));
        }
        return tree;
    }

    /**
     * What a switch expression throws when no case matches its input (an enum constant or a
     * sealed subclass added after compilation): what javac's own code throws for the source
     * version compiled, {@code MatchException} from Java 21 on (JLS 15.28.2), before that
     * {@code IncompatibleClassChangeError}.
     */
    public ExpressionTree noCaseMatched(int pos) {
        boolean matchException = com.sun.tools.javac.processing.JavacProcessingEnvironment.instance(session.context)
                .getSourceVersion().ordinal() >= 21;
        return expression(pos, matchException ? "new java.lang.MatchException(null, null)"
                : "new java.lang.IncompatibleClassChangeError()");
    }

    /**
     * One case of a switch statement: {@code head} is its label text ({@code "case 3"},
     * {@code "default"}); {@code body} its one statement.
     */
    public CaseTree switchCase(int pos, String head, StatementTree body) {
        JCTree.JCSwitch s = instantiate(parsed(Kind.STATEMENT, "switch (0) { " + head + ": $$0(); }"), pos,
                new Tree[] {body});
        return s.cases.head;
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

    /** Sets the statements of a block made by {@link #block} (a slot left in copied code to fill later). */
    public void fill(BlockTree block, java.util.List<? extends StatementTree> statements) {
        ArrayList<JCStatement> stats = new ArrayList<>();
        for (StatementTree s : statements) {
            stats.add((JCStatement) s);
        }
        ((JCBlock) block).stats = List.from(stats);
    }

    /** Sets the statements of a copied {@code case L:} group (not a rule, whose one statement is its body). */
    public void fill(CaseTree group, java.util.List<? extends StatementTree> statements) {
        ArrayList<JCStatement> stats = new ArrayList<>();
        for (StatementTree s : statements) {
            stats.add((JCStatement) s);
        }
        ((JCCase) group).stats = List.from(stats);
    }

    @SuppressWarnings("unchecked")
    private <T> T instantiate(JCTree tree, int pos, Tree[] holes) {
        return (T) new TemplateInstance(session.make, holeName, pos, holes).copy(tree);
    }

    /**
     * Copies a parsed template: every node of the text moves to one position (blocks get the same
     * end position), and the holes are replaced by the trees given for them, which are used as
     * they are and keep their own positions.
     */
    private static final class TemplateInstance extends CaseFixingTreeCopier<Void> {
        private final TreeMaker make;
        private final Name holeName;
        private final int pos;
        private final Tree[] holes;

        TemplateInstance(TreeMaker make, Name holeName, int pos, Tree[] holes) {
            super(make);
            this.make = make;
            this.holeName = holeName;
            this.pos = pos;
            this.holes = holes;
        }

        private Tree hole(JCTree tree) {
            if (holes.length > 0 && tree instanceof JCIdent id && id.name.startsWith(holeName)) {
                return holes[Integer.parseInt(id.name.toString().substring(HOLE.length()))];
            }
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends JCTree> T copy(T tree, Void p) {
            if (tree == null) {
                return null;
            }
            Tree hole = hole(tree);
            if (hole != null) {
                return (T) hole;
            }
            // {@code $$0();} stands for a statement, or for an expression used as a statement.
            if (tree instanceof JCExpressionStatement exec && exec.expr instanceof JCMethodInvocation call
                    && call.args.isEmpty() && (hole = hole(call.meth)) != null) {
                if (hole instanceof StatementTree) {
                    return (T) hole;
                }
                JCExpressionStatement copy = make.at(pos).Exec((JCTree.JCExpression) hole);
                return (T) copy;
            }
            T copy = super.copy(tree, p);
            copy.pos = pos;
            if (copy instanceof JCBlock b) {
                b.endpos = pos;
            }
            return copy;
        }

        /** As parsed: a {@code var} declaration stays one (javac's copier drops the mark). */
        @Override
        public JCTree visitVariable(VariableTree node, Void p) {
            JCVariableDecl t = (JCVariableDecl) node;
            return make.at(t.pos).VarDef(copy(t.mods, p), t.name, copy(t.vartype, p), copy(t.init, p),
                    t.declaredUsingVar());
        }
    }
}
