package io.jawait.processor.javac;

import com.sun.tools.javac.code.Lint;
import com.sun.tools.javac.code.Lint.LintCategory;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeInfo;
import com.sun.tools.javac.tree.TreeScanner;
import com.sun.tools.javac.util.JCDiagnostic;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The lint warnings javac's attribution gives on an {@code @Async} body as written that the
 * transformed code does not: unchecked operations, raw types, redundant casts and compound
 * assignments that narrow, which the step method and the state machine suppress since their own
 * casts and iterators would raise them (and a compound assignment whose right side awaits is written
 * there with an explicit cast, see {@code MemberTrees.suppressingLint}), and with them the user's
 * code that moves there; a resource whose {@code close()} may throw InterruptedException, which
 * javac gives while attributing a try-with-resources the transform may take apart, and an explicit
 * call of a resource's {@code close()}, which javac gives only while the variable is still a resource
 * of a try-with-resources (taken apart, it is a plain local); an unsafe use of a {@code @SafeVarargs} method's varargs parameter, which javac finds
 * only in the method's own declaration (see SafeVarargsProbe). Attributing the copy of the body
 * finds them where javac would; what the user suppresses is left out as javac leaves it out.
 *
 * <p>javac's checks consult the lint of the declaration they run in. The copy is attributed in the
 * method's environment, whose lint does not always hold the enclosing classes' and the method's own
 * {@code @SuppressWarnings}, so each warning is checked here against the lint of the declarations
 * around it: the enclosing classes, the method, and the local variables, classes and members of the
 * body that contain it.
 */
final class AttributionLint {
    private static final Set<LintCategory> CATEGORIES = categories();
    private static final String INTERRUPTED_CLOSE = "compiler.warn.try.resource.throws.interrupted.exc";
    private static final String EXPLICIT_CLOSE = "compiler.warn.try.explicit.close.call";

    private AttributionLint() {
    }

    /**
     * The categories the generated code suppresses (MemberTrees.suppressingLint) that javac finds
     * in the user's code: unchecked, raw types, redundant casts and, from JDK 20, the implicit
     * narrowing of a compound assignment ({@code [lossy-conversions]}), which the transform writes
     * as an explicit cast where the right side awaits.
     */
    private static Set<LintCategory> categories() {
        Set<LintCategory> categories = EnumSet.of(LintCategory.UNCHECKED, LintCategory.RAW, LintCategory.CAST);
        for (LintCategory c : LintCategory.values()) {
            if (c.name().equals("LOSSY_CONVERSIONS")) {
                categories.add(c);
            }
        }
        return categories;
    }

    /**
     * The warnings among {@code held} (the diagnostics of attributing {@code copy}, the body of
     * {@code method}) that javac would report on the body as written.
     */
    static java.util.List<JCDiagnostic> of(JavacSession session, JCMethodDecl method, JCBlock copy,
            Iterable<JCDiagnostic> held) {
        java.util.List<JCDiagnostic> candidates = new ArrayList<>();
        for (JCDiagnostic d : held) {
            // Outside the body: the copy's own return probes are typed with the method's return type.
            if (d.getKind() != javax.tools.Diagnostic.Kind.ERROR && d.hasLintCategory()
                    && (CATEGORIES.contains(d.getLintCategory()) || aboutTryStatement(d)
                            || SafeVarargsProbe.isUnsafeUseOf(d, method.sym)) && d.getPosition() >= copy.pos
                    && d.getPosition() <= copy.endpos) {
                candidates.add(d);
            }
        }
        if (candidates.isEmpty()) {
            return candidates;
        }
        Map<Integer, Lint> lintAt = new LintByPosition(methodLint(session, method.sym)).scanned(copy);
        java.util.List<JCDiagnostic> reported = new ArrayList<>();
        for (JCDiagnostic d : candidates) {
            Lint lint = lintAt.get((int) d.getPosition());
            if (lint == null || !lint.isSuppressed(d.getLintCategory())) {
                reported.add(d);
            }
        }
        return reported;
    }

    /**
     * A warning about a try statement that javac gives itself where the statement stays as written
     * (its category is not one the generated code suppresses).
     */
    static boolean aboutTryStatement(JCDiagnostic warning) {
        return warning.getCode().equals(INTERRUPTED_CLOSE) || warning.getCode().equals(EXPLICIT_CLOSE);
    }

    /**
     * Where the try statement a warning of {@link #aboutTryStatement} is about lies: the warning's own
     * position for a resource that may throw InterruptedException (given on the resource); for an
     * explicit {@code r.close()}, given on the call wherever it is in the body, the position of r's
     * declaration, which only the try statement declaring r contains innermost (a try nested in its
     * body may stay as written while that one is taken apart).
     */
    static long tryStatementPosition(JCDiagnostic warning) {
        if (warning.getCode().equals(EXPLICIT_CLOSE)
                && warning.getDiagnosticPosition().getTree() instanceof JCTree.JCFieldAccess select
                && TreeInfo.symbol(select.selected) instanceof Symbol.VarSymbol resource) {
            return resource.pos;
        }
        return warning.getPosition();
    }

    /**
     * True when the method's own {@code @SuppressWarnings} or an enclosing class's covers unchecked
     * operations, so that none in its body may count towards javac's note about them.
     */
    static boolean suppressesUnchecked(JavacSession session, Symbol method) {
        return methodLint(session, method).isSuppressed(LintCategory.UNCHECKED);
    }

    /** The compilation's lint with the {@code @SuppressWarnings} of each class around the method, outermost first. */
    private static Lint methodLint(JavacSession session, Symbol method) {
        java.util.Deque<Symbol> around = new java.util.ArrayDeque<>();
        for (Symbol s = method; s != null && s.kind != com.sun.tools.javac.code.Kinds.Kind.PCK; s = s.owner) {
            around.push(s);
        }
        Lint lint = Lint.instance(session.context);
        for (Symbol s : around) {
            lint = lint.augment(s);
        }
        return lint;
    }

    /** The lint of the innermost declaration around each position of the copy (a tree's own position). */
    private static final class LintByPosition extends TreeScanner {
        private final Map<Integer, Lint> lintAt = new HashMap<>();
        private Lint lint;

        LintByPosition(Lint lint) {
            this.lint = lint;
        }

        Map<Integer, Lint> scanned(JCTree tree) {
            scan(tree);
            return lintAt;
        }

        @Override
        public void scan(JCTree tree) {
            if (tree == null) {
                return;
            }
            // Pre-order: a tree inside a declaration overrides the declaration's own entry.
            lintAt.put(tree.pos, lint);
            Symbol declared = tree instanceof JCVariableDecl v ? v.sym
                    : tree instanceof JCMethodDecl m ? m.sym : tree instanceof JCClassDecl c ? c.sym : null;
            if (declared == null) {
                super.scan(tree);
                return;
            }
            Lint outer = lint;
            lint = lint.augment(declared);
            try {
                super.scan(tree);
            } finally {
                lint = outer;
            }
        }
    }
}
