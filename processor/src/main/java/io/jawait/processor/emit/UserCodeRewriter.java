package io.jawait.processor.emit;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.analyse.NameAllocator;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import io.jawait.processor.model.AsyncMethod;
import io.jawait.processor.model.AsyncMethod.Receiver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Copies the user's statements into the state machine class so that every name still means what
 * it meant in the original method.
 *
 * <p>Moved into a member class, user code would otherwise see the state machine's own members:
 * {@code this} would be the state machine, a hoisted local would have to be read from a field, and
 * an unqualified call such as {@code cancel()} could bind to the task's method instead of the
 * user's. The rewriter fixes each of these while copying, leaving everything else as written.
 */
public final class UserCodeRewriter {
    private final AsyncMethod method;
    private final MethodAttribution attribution;
    private final LocalVariables vars;
    private final TreeTemplates templates;
    private final TreeCopies copies;
    private final TypeText typeText;
    private final Types types;
    private final Set<String> stateMachineMethodNames;
    private final NameAllocator localNames;
    private final Set<Tree> inClassBody = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Tree> methodSelects = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> errors;
    private final SuperCallBridges bridges;

    public UserCodeRewriter(MethodContext context, Types types, Set<String> stateMachineMethodNames, List<String> errors,
            SuperCallBridges bridges) {
        this.method = context.method();
        this.attribution = context.attribution();
        this.vars = context.vars();
        this.templates = context.templates();
        this.copies = context.copies();
        this.typeText = context.typeText();
        this.types = types;
        this.stateMachineMethodNames = stateMachineMethodNames;
        this.localNames = context.names();
        this.errors = errors;
        this.bridges = bridges;
        new Marker().scan(method.body(), false);
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
            captures.add(captureDeclaration(e.getKey(), e.getValue(), access(e.getKey()), tree, false));
        }
        return copy;
    }

    /** Copies a case's labels and guard like {@link #copy}, with {@code body} as its only statement. */
    public CaseTree copyCase(CaseTree c, Function<Tree, Tree> replace, StatementTree body, List<StatementTree> captures) {
        Copy copy = new Copy(replace);
        CaseTree result = copies.copyCase(c, copy, body);
        for (Map.Entry<Hoisted, String> e : copy.captureNames.entrySet()) {
            captures.add(captureDeclaration(e.getKey(), e.getValue(), access(e.getKey()), c, false));
        }
        return result;
    }

    /**
     * Copies a local class declaration that becomes a member class of the state machine (see
     * LocalVariables#isHoistedClass). There no local of the method is in scope, so each hoisted local
     * the class captures becomes a field of the class, initialised from the state machine when an
     * instance is created: the value at creation time, as a capture would have it.
     */
    public ClassTree copyHoistedClass(ClassTree declaration) {
        Copy c = new Copy(t -> null);
        ClassTree copy = c.of(declaration);
        String name = vars.hoistedClassName(attribution.referent(declaration));
        if (!name.contentEquals(declaration.getSimpleName())) {
            copies.rename(copy, name);
        }
        List<Tree> fields = new ArrayList<>();
        for (Map.Entry<Hoisted, String> e : c.captureNames.entrySet()) {
            // Such locals are fields of the state machine (LocalVariables.Placement.FIELD).
            fields.add(captureDeclaration(e.getKey(), e.getValue(), method.coroutineName() + ".this." + e.getKey().name(),
                    declaration, true));
        }
        copies.prependMembers(copy, fields);
        return copy;
    }

    private StatementTree captureDeclaration(Hoisted h, String name, String value, Tree at, boolean field) {
        String start = field ? typeText.of(h.type()) + " " + name + " = " : typeText.declaration(h.type(), name);
        return templates.statement(JavacSession.pos(at), "final " + start + value + ";");
    }

    /** One copy operation: the caller's replacements first, then the rewriting of names. */
    private final class Copy implements Function<Tree, Tree> {
        private final Function<Tree, Tree> replace;
        private final Map<Hoisted, String> captureNames = new LinkedHashMap<>();

        Copy(Function<Tree, Tree> replace) {
            this.replace = replace;
        }

        <T extends Tree> T of(T tree) {
            return copies.copy(tree, this);
        }

        @Override
        public Tree apply(Tree t) {
            Tree r = replace.apply(t);
            return r != null ? r : rewrite(t, this);
        }
    }

    /** A reference to a hoisted local, for generated code. */
    public ExpressionTree access(Hoisted h, Tree at) {
        return templates.expression(JavacSession.pos(at), access(h));
    }

    /** How $step reads a hoisted local: its frame variable, its field, or the constant's literal. */
    public static String access(Hoisted h) {
        return switch (h.placement()) {
            case FRAME -> h.name();
            case FIELD -> "this." + h.name();
            case CONSTANT -> ConstantText.of(h.constant());
        };
    }

    /** The expression generated code uses for the method's {@code this}. */
    public String receiverText() {
        return switch (method.receiver()) {
            case OUTER_THIS -> method.owner().getSimpleName() + ".this";
            case SELF_FIELD -> "this.$self";
            case NONE -> "this";
        };
    }

    private Tree rewrite(Tree t, Copy copy) {
        if (t instanceof InstanceOfTree test && !inClassBody.contains(t)) {
            return patternMatch(test, copy);
        }
        if (t instanceof MethodInvocationTree call && !inClassBody.contains(t)
                && call.getMethodSelect() instanceof MemberSelectTree select && interfaceSuper(select.getExpression()) != null) {
            return bridgeCall(call, interfaceSuper(select.getExpression()), copy);
        }
        if (t instanceof MemberReferenceTree ref && !inClassBody.contains(t) && interfaceSuper(ref.getQualifierExpression()) != null
                && attribution.referent(ref) instanceof ExecutableElement m) {
            String bridge = bridges.bridge(interfaceSuper(ref.getQualifierExpression()), m);
            return templates.expression(JavacSession.pos(t), receiverText() + "::" + bridge);
        }
        if (t instanceof VariableTree v) {
            return declaration(v, copy);
        }
        if (!(t instanceof IdentifierTree id)) {
            return null;
        }
        int pos = JavacSession.pos(t);
        String name = id.getName().toString();
        Hoisted captured = vars.capturedBy(t);
        if (captured != null) {
            String local = copy.captureNames.computeIfAbsent(captured, h -> localNames.fresh(h.name() + "$c"));
            return templates.expression(pos, local);
        }
        Element sym = attribution.referent(t);
        String renamed = vars.renamed(sym);
        if (renamed != null) {
            return templates.expression(pos, renamed);
        }
        Hoisted constant = vars.hoisted(sym);
        if (constant != null && constant.placement() == LocalVariables.Placement.CONSTANT) {
            return templates.expression(pos, access(constant));
        }
        String className = vars.hoistedClassName(sym);
        if (className != null) {
            return className.equals(name) ? null : templates.expression(pos, className);
        }
        if (inClassBody.contains(t)) {
            if (methodSelects.contains(t) && sym instanceof ExecutableElement m && lexicalHolder(m) != null) {
                // Inside a class body the state machine is an enclosing class too: qualify what it would hide.
                String qualifier = qualifierFor(m, name, true);
                return qualifier == null ? null : templates.expression(pos, qualifier + "." + name);
            }
            return null;
        }
        if (name.equals("this")) {
            return templates.expression(pos, receiverText());
        }
        if (name.equals("super")) {
            if (method.receiver() != Receiver.OUTER_THIS) {
                errors.add("super calls are not supported in @Async methods of interfaces");
                return null;
            }
            ExpressionTree sel = templates.expression(pos, method.owner().getSimpleName() + ".super.x");
            return ((com.sun.source.tree.MemberSelectTree) sel).getExpression();
        }
        Hoisted h = vars.hoisted(sym);
        if (h != null) {
            return h.name().equals(name) && h.placement() == LocalVariables.Placement.FRAME ? null : access(h, t);
        }
        if (methodSelects.contains(t) && sym instanceof ExecutableElement m) {
            String qualifier = qualifierFor(m, name, false);
            return qualifier == null ? null : templates.expression(pos, qualifier + "." + name);
        }
        return null;
    }

    /** The interface {@code I} of a qualifier {@code I.super}, or null for any other qualifier. */
    private TypeElement interfaceSuper(ExpressionTree qualifier) {
        if (qualifier instanceof MemberSelectTree s && s.getIdentifier().contentEquals("super")
                && attribution.referent(s.getExpression()) instanceof TypeElement type
                && type.getKind().isInterface()) {
            return type;
        }
        return null;
    }

    /** {@code I.super.m(args)} as a call of the bridge that makes it from the user's class (see SuperCallBridges). */
    private Tree bridgeCall(MethodInvocationTree call, TypeElement iface, Copy copy) {
        String bridge = bridges.bridge(iface, attribution.calledMethod(call));
        List<Tree> holes = new ArrayList<>();
        StringBuilder code = new StringBuilder(receiverText()).append('.');
        if (!call.getTypeArguments().isEmpty()) {
            code.append('<');
            for (Tree typeArgument : call.getTypeArguments()) {
                code.append(holes.isEmpty() ? "" : ", ").append("$$").append(holes.size());
                holes.add(copy.of(typeArgument));
            }
            code.append('>');
        }
        code.append(bridge).append('(');
        int first = holes.size();
        for (ExpressionTree argument : call.getArguments()) {
            code.append(holes.size() == first ? "" : ", ").append("$$").append(holes.size());
            holes.add(copy.of(argument));
        }
        code.append(')');
        return templates.expression(JavacSession.pos(call), code.toString(), holes.toArray(Tree[]::new));
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
     * How to qualify an unqualified call so that it cannot bind to a member of the state machine:
     * null when no qualification is needed.
     */
    private String qualifierFor(ExecutableElement m, String name, boolean inClassBody) {
        boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
        TypeElement holder = lexicalHolder(m);
        boolean clashes = stateMachineMethodNames.contains(name);
        if (holder == null) {
            // A static import: qualify only when a state machine method would hide it.
            return clashes ? ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString() : null;
        }
        if (isStatic) {
            return clashes ? holder.getQualifiedName().toString() : null;
        }
        if (method.receiver() == Receiver.SELF_FIELD && holder.equals(method.owner())) {
            return inClassBody ? method.coroutineName() + ".this.$self" : "this.$self";
        }
        return clashes ? holder.getSimpleName() + ".this" : null;
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
            String target = access(vars.hoisted(attribution.referent(b.getKey())));
            code.append(" && ((").append(target).append(" = ").append(b.getValue()).append(") == ")
                    .append(target).append(" || true)");
        }
        code.append(')');
        return templates.expression(JavacSession.pos(test), code.toString(), copy.of(test.getExpression()), patternCopy);
    }

    /** The innermost lexically enclosing class of the method that has {@code m} as a member. */
    private TypeElement lexicalHolder(ExecutableElement m) {
        Element owner = m.getEnclosingElement();
        for (Element e = method.owner(); e != null; e = e.getEnclosingElement()) {
            if (e instanceof TypeElement type && (e.equals(owner)
                    || types.isSubtype(types.erasure(type.asType()), types.erasure(owner.asType())))) {
                return type;
            }
            if (e.getKind() == ElementKind.PACKAGE) {
                break;
            }
        }
        return null;
    }

    /** Marks trees inside class bodies (where {@code this} is not the method's) and call selects. */
    private final class Marker extends TreeScanner<Void, Boolean> {
        @Override
        public Void scan(Tree tree, Boolean inClass) {
            if (tree != null && Boolean.TRUE.equals(inClass)) {
                inClassBody.add(tree);
            }
            return super.scan(tree, inClass);
        }

        @Override
        public Void visitClass(ClassTree node, Boolean inClass) {
            return super.visitClass(node, true);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Boolean inClass) {
            if (node.getMethodSelect() instanceof IdentifierTree) {
                methodSelects.add(node.getMethodSelect());
            }
            return super.visitMethodInvocation(node, inClass);
        }

        @Override
        public Void visitBlock(BlockTree node, Boolean inClass) {
            return super.visitBlock(node, inClass);
        }
    }
}
