package io.jawait.processor.emit;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.CaptureHolder;
import io.jawait.processor.analyse.ExactTypes;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.analyse.NameAllocator;
import io.jawait.processor.analyse.NestedIntersectionLocals;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * Copies the user's statements into the step method so that every name still means what it meant
 * in the original method.
 *
 * <p>The step method is a method of the user's class, like the original, so {@code this},
 * {@code super} and unqualified names need nothing; what changes is the locals: a local that
 * lives in a field of the state machine is read from it, one whose frame variable has another name
 * is renamed, a lambda or class captures a frame variable through a final copy, and a local class
 * declared at the top of the step method may have a new name, and is created with the holder of
 * its captured values (CaptureHolder).
 */
public final class UserCodeRewriter {
    private final MethodAttribution attribution;
    private final LocalVariables vars;
    private final TreeTemplates templates;
    private final TreeCopies copies;
    private final TypeText typeText;
    private final NameAllocator localNames;
    private final ExactTypes exactTypes;
    private final CaptureHolder holder;
    private final HolderCreations holderCreations;
    private final CaptureMirrors captureMirrors;
    /** The step method's parameter, the state machine. */
    private final String machine;
    private final Set<Tree> inClassBody = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Trees inside lambda bodies, which may run later than the code around the lambda. */
    private final Set<Tree> inLambda = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The capture copies to show under their locals' names, by the names they are declared with. */
    private final Map<String, String> debuggerNames = new LinkedHashMap<>();
    /** The capture copies to show under their locals' names only in the lambdas and classes that capture them. */
    private final Map<String, String> capturedDebuggerNames = new LinkedHashMap<>();

    public UserCodeRewriter(MethodContext context) {
        this.attribution = context.attribution();
        this.vars = context.vars();
        this.templates = context.templates();
        this.copies = context.copies();
        this.typeText = context.typeText();
        this.localNames = context.names();
        this.exactTypes = context.exactTypes();
        this.machine = context.machine();
        this.holder = vars.captureHolder();
        this.holderCreations = new HolderCreations(context);
        this.captureMirrors = new CaptureMirrors(holder, vars, templates, typeText, exactTypes);
        new Marker().scan(context.method().body(), false);
    }

    /**
     * Copies a user tree. {@code replace} is asked first for every original subtree; declarations
     * of capture copies needed by lambdas and classes in the tree are appended to {@code captures}
     * and must be emitted just before the copied statement.
     */
    public <T extends Tree> T copy(T tree, Function<Tree, Tree> replace, List<StatementTree> captures) {
        Copy c = new Copy(replace);
        T copy = c.of(tree);
        for (Map.Entry<Hoisted, String> e : c.captureNames.entrySet()) {
            captures.add(captureDeclaration(e.getKey(), e.getValue(), read(e.getKey()), tree));
        }
        return copy;
    }

    /** Copies a case's labels and guard like {@link #copy}, with {@code body} as its only statement. */
    public CaseTree copyCase(CaseTree c, Function<Tree, Tree> replace, StatementTree body, List<StatementTree> captures) {
        Copy copy = new Copy(replace);
        CaseTree result = copies.copyCase(c, copy, body);
        for (Map.Entry<Hoisted, String> e : copy.captureNames.entrySet()) {
            captures.add(captureDeclaration(e.getKey(), e.getValue(), read(e.getKey()), c));
        }
        return result;
    }

    /**
     * Copies a local class declaration that moves to the top of the step method (see
     * LocalVariables#isHoistedClass). There no local of the method is in scope, so the locals the
     * class captures are read from its enclosing instance of the CaptureHolder, which holds the
     * values it was created with; for debuggers, the class declares the fields javac would give
     * it for them (CaptureMirrors).
     */
    public ClassTree copyHoistedClass(ClassTree declaration) {
        Copy c = new Copy(t -> null, true);
        ClassTree copy = c.of(declaration);
        Element sym = attribution.referent(declaration);
        String name = vars.hoistedClassName(sym);
        if (!name.contentEquals(declaration.getSimpleName())) {
            copies.rename(copy, name);
        }
        copies.prependMembers(copy, captureMirrors.declarations(sym));
        return copy;
    }

    /**
     * The name of a new final copy of a hoisted local, for a lambda or class to capture. A debugger
     * stopped in the lambda (where the copy is a parameter) or after it should show it under the
     * local's name, as for plain Java: it is recorded for that (see javac/DebuggerLocalNames). In
     * the step method only when the copy always has the local's value while in scope, that is when
     * the frame variable is that one local's (effectively final, as a captured local is) and not
     * shared with others; in the lambdas and classes that capture it, always.
     */
    private String captureName(Hoisted h) {
        String name = localNames.fresh(h.name() + "$c");
        (vars.isOnlyLocalOf(h) ? debuggerNames : capturedDebuggerNames).put(name, vars.sourceName(h));
        return name;
    }

    /** The locals of the step method to show to debuggers under another name: declared name to shown name. */
    public Map<String, String> debuggerNames() {
        return debuggerNames;
    }

    /** Like {@link #debuggerNames}, the copies to show under another name only where captured. */
    public Map<String, String> capturedDebuggerNames() {
        return capturedDebuggerNames;
    }

    /** The fields of hoisted classes that debuggers should take for javac's captured values (CaptureMirrors). */
    public Set<String> debuggerFields() {
        return captureMirrors.names();
    }

    private StatementTree captureDeclaration(Hoisted h, String name, String value, Tree at) {
        ExactTypes.Exact exact = exactTypes.of(h);
        if (exact != null && exact.atRead() != null) {
            // The read declares the variables its type is written with (NestedIntersectionLocals#read): var takes it.
            return templates.statement(JavacSession.pos(at), "final var " + name + " = " + value + ";");
        }
        TypeMirror type = exact == null ? h.type() : exact.type();
        return templates.statement(JavacSession.pos(at), "final " + typeText.declaration(type, name) + value + ";");
    }

    /**
     * The declarations to put at the top of the step method for the copies of its hoisted classes:
     * the copies themselves, or the CaptureHolder declaring them.
     */
    public List<ClassTree> hoistedDeclarations(List<ClassTree> hoistedCopies) {
        return holderCreations.declarations(hoistedCopies);
    }

    /** One copy operation: the caller's replacements first, then the rewriting of names. */
    private final class Copy implements HolderCreations.Site {
        private final Function<Tree, Tree> replace;
        private final Map<Hoisted, String> captureNames = new LinkedHashMap<>();
        /** True when copying a hoisted class, which is declared in the CaptureHolder when there is one. */
        private final boolean inHolder;

        Copy(Function<Tree, Tree> replace) {
            this(replace, false);
        }

        Copy(Function<Tree, Tree> replace, boolean inHolder) {
            this.replace = replace;
            this.inHolder = inHolder;
        }

        @Override
        public <T extends Tree> T of(T tree) {
            return copies.copy(tree, this);
        }

        @Override
        public String value(Hoisted h, boolean later) {
            return later ? captureNames.computeIfAbsent(h, UserCodeRewriter.this::captureName) : read(h);
        }

        @Override
        public Tree apply(Tree t) {
            Tree r = replace.apply(t);
            return r != null ? r : rewrite(t, this);
        }
    }

    /** How the step method reaches a hoisted local: its frame variable, its field, or the constant's literal. */
    public static String access(Hoisted h, String machine) {
        return switch (h.placement()) {
            case FRAME -> h.name();
            case FIELD -> machine + "." + h.name();
            case CONSTANT -> ConstantText.of(h.constant());
        };
    }

    /**
     * The start of an assignment of a hoisted local, {@code access(h) = }: a local kept in a field
     * is assigned with the frame variable that mirrors it for debuggers ({@code k = $m.k = }).
     */
    public static String assignee(Hoisted h, String machine) {
        return (h.placement() == LocalVariables.Placement.FIELD ? h.name() + " = " : "") + access(h, machine) + " = ";
    }

    /**
     * A read of a hoisted local: as {@link #access}, cast when its field cannot have its type
     * (TypeText#field) or when it is read as its exact type (ExactTypes).
     */
    private String read(Hoisted h) {
        return read(h, exactTypes.of(h));
    }

    private String read(Hoisted h, ExactTypes.Exact exact) {
        if (exact != null) {
            return NestedIntersectionLocals.read(exact, typeText, access(h, machine));
        }
        String cast = h.placement() == LocalVariables.Placement.FIELD ? typeText.fieldCast(h.type()) : null;
        return cast == null ? access(h, machine) : "((" + cast + ") " + access(h, machine) + ")";
    }

    private Tree rewrite(Tree t, Copy copy) {
        if (holder.exists() && !copy.inHolder) {
            Tree created = holderCreations.rewrite(t, copy, inLambda.contains(t) || inClassBody.contains(t));
            if (created != null) {
                return created;
            }
        }
        if (t instanceof InstanceOfTree test && !inClassBody.contains(t)) {
            return patternMatch(test, copy);
        }
        if (t instanceof VariableTree v) {
            return declaration(v, copy);
        }
        if (t instanceof AssignmentTree assign && !inClassBody.contains(t) && assign.getVariable() instanceof IdentifierTree target) {
            Hoisted h = vars.hoisted(attribution.referent(target));
            if (h != null && (h.placement() == LocalVariables.Placement.FIELD || exactTypes.of(attribution.referent(target)) != null)) {
                // Written as declared: a read would be cast (see read).
                return templates.expression(JavacSession.pos(t), assignee(h, machine) + "$$0", copy.of(assign.getExpression()));
            }
        }
        if (!(t instanceof IdentifierTree id)) {
            return null;
        }
        int pos = JavacSession.pos(t);
        String name = id.getName().toString();
        Hoisted captured = vars.capturedBy(t);
        if (captured != null && copy.inHolder) {
            // The holder's field: the value this instance (or the one that created it) was given.
            return templates.expression(pos, holder.fields().get(captured));
        }
        if (captured != null) {
            String local = copy.captureNames.computeIfAbsent(captured, this::captureName);
            return templates.expression(pos, local);
        }
        Element sym = attribution.referent(t);
        String renamed = vars.renamed(sym);
        if (renamed != null) {
            return templates.expression(pos, renamed);
        }
        Hoisted constant = vars.hoisted(sym);
        if (constant != null && constant.placement() == LocalVariables.Placement.CONSTANT) {
            return templates.expression(pos, access(constant, machine));
        }
        String className = copy.inHolder ? vars.hoistedClassName(sym) : vars.hoistedClassReference(sym);
        if (className != null) {
            return className.equals(name) ? null : templates.expression(pos, className);
        }
        if (inClassBody.contains(t)) {
            return null;
        }
        Hoisted h = vars.hoisted(sym);
        if (h != null) {
            ExactTypes.Exact exact = exactTypes.of(sym);
            return h.name().equals(name) && h.placement() == LocalVariables.Placement.FRAME && exact == null ? null
                    : templates.expression(pos, read(h, exact));
        }
        return null;
    }

    /**
     * A local declared in copied code under another name (see LocalVariables#renamed), or one whose
     * declaration statement becomes an assignment of the frame variable it shares; null for others.
     */
    private Tree declaration(VariableTree v, Copy copy) {
        Element sym = attribution.referent(v);
        String renamed = vars.renamed(sym);
        if (renamed != null) {
            VariableTree c = copies.copy(v, t -> t == v ? null : copy.apply(t));
            copies.rename(c, renamed);
            return c;
        }
        if (vars.isSharedDeclaration(v)) {
            Hoisted h = vars.hoisted(sym);
            int pos = JavacSession.pos(v);
            return v.getInitializer() == null ? templates.statement(pos, ";")
                    : templates.statement(pos, h.name() + " = $$0;", copy.of(v.getInitializer()));
        }
        return null;
    }

    /**
     * {@code x instanceof P} where P binds hoisted locals: each such binding is declared under a
     * fresh name and copied into its field when the match succeeds, so later states can read it.
     * The added test is always true; the match itself decides, exactly as before.
     */
    private Tree patternMatch(InstanceOfTree test, Copy copy) {
        Tree pattern = test.getPattern();
        if (pattern == null) {
            return null;
        }
        Map<Tree, String> renamed = new IdentityHashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitBindingPattern(BindingPatternTree node, Void p) {
                if (vars.hoisted(attribution.referent(node.getVariable())) != null) {
                    renamed.put(node.getVariable(), localNames.fresh(node.getVariable().getName() + "$b"));
                }
                return super.visitBindingPattern(node, p);
            }
        }.scan(pattern, null);
        if (renamed.isEmpty()) {
            return null;
        }
        Tree patternCopy = copies.copy(pattern, t -> {
            String fresh = renamed.get(t);
            if (fresh == null) {
                return copy.apply(t);
            }
            VariableTree binding = copies.copy((VariableTree) t, copy);
            copies.rename(binding, fresh);
            return binding;
        });
        StringBuilder code = new StringBuilder("($$0 instanceof $$1");
        for (Map.Entry<Tree, String> b : renamed.entrySet()) {
            Hoisted h = vars.hoisted(attribution.referent(b.getKey()));
            code.append(" && ((").append(assignee(h, machine)).append(b.getValue()).append(") == ")
                    .append(access(h, machine)).append(" || true)");
        }
        code.append(')');
        return templates.expression(JavacSession.pos(test), code.toString(), copy.of(test.getExpression()), patternCopy);
    }

    /** Marks trees inside class bodies, where a hoisted local is reached through a capture, and inside lambdas. */
    private final class Marker extends TreeScanner<Void, Boolean> {
        private boolean inLambdaBody;

        @Override
        public Void scan(Tree tree, Boolean inClass) {
            if (tree != null && Boolean.TRUE.equals(inClass)) {
                inClassBody.add(tree);
            }
            if (tree != null && inLambdaBody) {
                inLambda.add(tree);
            }
            return super.scan(tree, inClass);
        }

        @Override
        public Void visitClass(ClassTree node, Boolean inClass) {
            return super.visitClass(node, true);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Boolean inClass) {
            boolean outer = inLambdaBody;
            inLambdaBody = true;
            try {
                return super.visitLambdaExpression(node, inClass);
            } finally {
                inLambdaBody = outer;
            }
        }
    }
}
