package io.jawait.processor.javac;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCExpression;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCReturn;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeInfo;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.List;
import com.sun.tools.javac.util.Log;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.JavaFileObject;

/**
 * Types and symbols of an {@code @Async} method's body, learnt by attributing a copy of it.
 *
 * <p>The user's own trees are never attributed here: attributing them in place would fix symbols
 * on trees that the transform then moves into another class. Instead the body is copied, the copy
 * attributed in the method's environment with diagnostics held back, and every answer is looked up
 * through the original-to-copy map. Return statements are attributed as initialisers of a local of
 * the method's return type followed by {@code throw null}, which gives their expressions the same
 * target type as a return and keeps the statement from completing normally.
 */
public final class MethodAttribution {
    private static final String RETURN_PROBE = "$jawait$return";
    private static final String UNCHECKED_PROBE = "$jawait$unchecked";
    /** Looked up once: each method attributes a copy or more, while reflection is slow cold. */
    private static final java.lang.reflect.Constructor<Log.DeferredDiagnosticHandler> HELD_DIAGNOSTICS;
    private static final java.lang.reflect.Method HELD_DIAGNOSTICS_LIST;

    static {
        try {
            HELD_DIAGNOSTICS = Log.DeferredDiagnosticHandler.class.getConstructor(Log.class);
            HELD_DIAGNOSTICS_LIST = Log.DeferredDiagnosticHandler.class.getMethod("getDiagnostics");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("jawait: cannot hold javac diagnostics on this JDK", e);
        }
    }

    private final JavacSession session;
    private final Map<JCTree, JCTree> copies;
    /** Every error attributing the copy reported, in order. */
    private final java.util.List<JCDiagnostic> errors;
    /** javac's flow analysis of the copy, run when first asked for. */
    private FlowErrors.Outcome flow;
    /** What {@link #reportFlowErrors()} analyses: the method, its class's environment, the attributed copy. */
    private final JCMethodDecl method;
    private final Env<AttrContext> classEnv;
    private final JCBlock copy;
    private final Symbol.ClassSymbol owner;
    /** The lint warnings of attributing the copy that the transformed code does not give (see AttributionLint). */
    private final java.util.List<JCDiagnostic> attributionWarnings;

    /**
     * The copy of a method's body attributed in its environment.
     *
     * @param copies each tree of the original body, with its copy
     */
    private record AttributedCopy(JCMethodDecl method, Env<AttrContext> classEnv, JCBlock copy,
            Map<JCTree, JCTree> copies) {
    }

    /** @param errors the errors attributing the copy reported, in order */
    private MethodAttribution(JavacSession session, AttributedCopy attributed, java.util.List<JCDiagnostic> errors,
            java.util.List<JCDiagnostic> attributionWarnings) {
        this.session = session;
        this.owner = (Symbol.ClassSymbol) attributed.method().sym.owner;
        this.copies = attributed.copies();
        this.errors = errors;
        this.method = attributed.method();
        this.classEnv = attributed.classEnv();
        this.copy = attributed.copy();
        this.attributionWarnings = attributionWarnings;
    }

    /** {@code typeVariables} are in scope in the body besides the method's own (see IntersectionVariables). */
    static MethodAttribution of(JavacSession session, ExecutableElement method, BlockTree body,
            java.util.List<? extends TypeMirror> typeVariables) {
        JCMethodDecl decl = (JCMethodDecl) session.tree(method);
        Symbol.ClassSymbol owner = (Symbol.ClassSymbol) decl.sym.owner;
        owner.complete();
        Env<AttrContext> classEnv = session.enter.getClassEnv(owner);
        Env<AttrContext> methodEnv = methodEnv(session, decl, classEnv, typeVariables);
        RecordingCopier copier = new RecordingCopier(session, decl.restype);
        JCBlock copy = copier.copy((JCBlock) body);
        Log.DiagnosticHandler held = holdDiagnostics(session.log);
        // javac caches speculative argument types by (position, Log's current source) and never
        // evicts them. Under the real file's source, the entries made for the copy would be found
        // again when javac attributes the generated code, whose user trees keep those positions
        // but may have another shape (a conditional whose awaited condition became a read):
        // javac then skips attributing them and crashes. A source of its own keeps them apart.
        JavaFileObject previousSource = session.log.useSource(new PrivateSource(methodEnv.toplevel.sourcefile));
        // The owner's tree has no type until javac attributes the class; I.super needs it.
        boolean typeless = methodEnv.enclClass.type == null;
        if (typeless) {
            methodEnv.enclClass.type = owner.type;
        }
        try (UnattributedClasses.Pause paused = session.unattributedClasses().pause()) {
            session.attr.attribStat(withUncheckedSuppressed(session, decl, copy), methodEnv);
        } finally {
            if (typeless) {
                methodEnv.enclClass.type = null;
            }
            session.log.useSource(previousSource);
            session.log.popDiagnosticHandler(held);
        }
        // Read once: it is a reflective call, and the handler, popped, receives nothing more.
        Iterable<JCDiagnostic> pending = pendingDiagnostics(held);
        java.util.List<JCDiagnostic> errors = new java.util.ArrayList<>();
        for (JCDiagnostic d : pending) {
            if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                errors.add(d);
            }
        }
        java.util.List<JCDiagnostic> warnings = java.util.List.of();
        if (errors.isEmpty()) {
            java.util.List<JCDiagnostic> all = new java.util.ArrayList<>();
            for (JCDiagnostic d : pending) {
                all.add(d);
            }
            if (body == decl.body && SafeVarargsProbe.applies(session, decl.sym)) {
                // Only for the body as written, whose lint warnings are reported.
                all.addAll(SafeVarargsProbe.warnings(session, decl, classEnv, new PrivateSource(methodEnv.toplevel.sourcefile)));
            }
            warnings = AttributionLint.of(session, decl, copy, all);
        }
        return new MethodAttribution(session, new AttributedCopy(decl, classEnv, copy, copier.copies), errors, warnings);
    }

    /**
     * The copy as attributed: as it is, or, when the method or a class around it suppresses unchecked
     * warnings, inside the initializer of a local that suppresses them too. javac checks an unchecked
     * operation against the lint of the declaration it attributes ({@code Check}'s, set only where it
     * attributes a declaration): an expression statement of the copy would be checked against none of
     * the method's, and though the warning is held, javac's note that the file "uses unchecked or unsafe
     * operations" (given without {@code -Xlint:unchecked}) would count it. A local's initializer is
     * checked against the local's lint; a switch expression's block holds the statements.
     */
    private static JCTree withUncheckedSuppressed(JavacSession session, JCMethodDecl decl, JCBlock copy) {
        if (!AttributionLint.suppressesUnchecked(session, decl.sym)) {
            return copy;
        }
        return (JCTree) session.templates().statement(copy.pos, "@java.lang.SuppressWarnings(\"unchecked\") java.lang.Object "
                + UNCHECKED_PROBE + " = switch (0) { default -> { $$0(); yield null; } };", copy);
    }

    /**
     * The method's environment, with {@code typeVariables} in scope too: javac enters a method's type
     * parameters into its environment's scope (which is not public) from its tree, so they are its
     * type parameters for that moment.
     */
    private static Env<AttrContext> methodEnv(JavacSession session, JCMethodDecl decl, Env<AttrContext> classEnv,
            java.util.List<? extends TypeMirror> typeVariables) {
        if (typeVariables.isEmpty()) {
            return session.memberEnter.getMethodEnv(decl, classEnv);
        }
        List<JCTree.JCTypeParameter> own = decl.typarams;
        List<JCTree.JCTypeParameter> all = own;
        for (TypeMirror v : typeVariables) {
            JCTree.JCTypeParameter p = session.make.TypeParameter(((Type) v).tsym.name, List.nil());
            p.type = (Type) v;
            all = all.append(p);
        }
        decl.typarams = all;
        try {
            return session.memberEnter.getMethodEnv(decl, classEnv);
        } finally {
            decl.typarams = own;
        }
    }

    /**
     * DeferredDiagnosticHandler is a nested class on JDK 17 and an inner class on later JDKs; both
     * have a constructor taking the Log (the outer instance on the newer ones), so reflection
     * reaches it on either without a source difference.
     */
    static Log.DiagnosticHandler holdDiagnostics(Log log) {
        try {
            return HELD_DIAGNOSTICS.newInstance(log);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jawait: cannot hold javac diagnostics on this JDK", e);
        }
    }

    /** getDiagnostics() returns a Queue on JDK 17 and a List later: read it as the Iterable both are. */
    @SuppressWarnings("unchecked")
    static Iterable<JCDiagnostic> pendingDiagnostics(Log.DiagnosticHandler handler) {
        try {
            return (Iterable<JCDiagnostic>) HELD_DIAGNOSTICS_LIST.invoke(handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jawait: cannot read held javac diagnostics on this JDK", e);
        }
    }

    /**
     * True when control can reach the end of the body (JLS 14.22): for a method returning a Task
     * that is javac's "missing return statement". Only for a body without {@link #firstError()}.
     */
    public boolean completesNormally() {
        return flow().completesNormally();
    }

    /**
     * True when javac will report a statement of the body as unreachable. javac reports it only on
     * code it compiles, so the transform must leave such a method as written. Only for a body
     * without {@link #firstError()}.
     */
    public boolean hasUnreachableStatement() {
        return flow().unreachable();
    }

    /**
     * Reports javac's flow errors in the body as written (checked exceptions, definite assignment,
     * effectively final captures: see {@link FlowErrors}), exactly as {@code javac -proc:none}
     * reports them, and returns how many there were. Only for a body without {@link #firstError()}.
     */
    public int reportFlowErrors() {
        java.util.List<JCDiagnostic> errors = flow().errors();
        for (JCDiagnostic d : errors) {
            session.log.report(d);
        }
        return errors.size();
    }

    /**
     * Reports the lint warnings javac gives on the body as written that the transformed code does
     * not give, for a method that is transformed (javac reports those of a method left as written
     * itself): of its attribution, unchecked operations, raw types, redundant casts, resources
     * whose close() may throw InterruptedException and explicit calls of a resource's close() (see
     * {@link AttributionLint}); of its flow
     * analysis, a fall-through of the user's switch, a resource never referenced and a finally that
     * cannot complete normally (see {@link FlowErrors}). Those about a try statement that stays as
     * written ({@code intactTryAt} of the warning's position), or about a finally that stays a Java
     * finally ({@code intactFinallyAt}), javac reports itself. Only for the attribution of the body as
     * written, not of one the transform changed.
     */
    public void reportLintWarnings(java.util.function.LongPredicate intactTryAt,
            java.util.function.LongPredicate intactFinallyAt) {
        for (JCDiagnostic d : attributionWarnings) {
            if (!(AttributionLint.aboutTryStatement(d) && intactTryAt.test(AttributionLint.tryStatementPosition(d)))) {
                session.log.report(d);
            }
        }
        for (JCDiagnostic d : flow().warnings()) {
            boolean javacGivesIt = FlowErrors.aboutFinally(d) ? intactFinallyAt.test(d.getPosition())
                    : FlowErrors.aboutTryStatement(d) && intactTryAt.test(d.getPosition());
            if (!javacGivesIt) {
                session.log.report(d);
            }
        }
    }

    /** True when javac's flow analysis finds an error in the body (for a body changed by the transform). */
    public boolean hasFlowErrors() {
        return !flow().errors().isEmpty();
    }

    /** One pass of javac's flow analysis answers all the questions above. */
    private FlowErrors.Outcome flow() {
        if (flow == null) {
            flow = FlowErrors.of(session, method, classEnv, copy);
        }
        return flow;
    }

    /**
     * Reports the errors javac found in the body, for a method left as written because of them when
     * javac will not attribute it itself: once there is an error, javac stops after annotation
     * processing, so an error the processor reports elsewhere would hide these until it is fixed.
     */
    public void reportErrors() {
        for (JCDiagnostic d : errors) {
            session.log.report(d);
        }
    }

    /** The first error javac found in the body, or null: the transform leaves such methods alone. */
    public String firstError() {
        return errors.isEmpty() ? null : errors.get(0).getMessage(null);
    }

    /** The source position of {@link #firstError()}, or -1. */
    public long firstErrorPosition() {
        return errors.isEmpty() ? -1 : errors.get(0).getPosition();
    }

    private JCTree copyOf(Tree original) {
        JCTree copy = copies.get((JCTree) original);
        if (copy == null) {
            throw new IllegalArgumentException("not part of the attributed body: " + original);
        }
        return copy;
    }

    /** The symbol an identifier, member select, method call or declaration refers to, or null. */
    public Element referent(Tree original) {
        JCTree copy = copies.get((JCTree) original);
        if (copy instanceof JCVariableDecl v) {
            return v.sym;
        }
        if (copy instanceof JCMethodInvocation call) {
            return TreeInfo.symbol(call.meth);
        }
        if (copy instanceof JCClassDecl c) {
            return c.sym;
        }
        if (copy instanceof JCTree.JCMethodDecl m) {
            return m.sym;
        }
        return copy == null ? null : TreeInfo.symbol(copy);
    }

    /** How many parameters the function a method reference is converted to takes. */
    public int functionArity(com.sun.source.tree.MemberReferenceTree reference) {
        return session.types.findDescriptorType(copyOf(reference).type).getParameterTypes().size();
    }

    /** The symbol a method invocation calls, or null. */
    public ExecutableElement calledMethod(MethodInvocationTree call) {
        Symbol sym = TreeInfo.symbol(((JCMethodInvocation) copyOf(call)).meth);
        return sym instanceof MethodSymbol m ? m : null;
    }

    /**
     * The type of an expression as the generated code can write it (see {@link DenotableTypes}):
     * an intersection only at the top, which the emitter declares with a cast.
     */
    public TypeMirror typeOf(ExpressionTree original) {
        JCTree copy = copyOf(original);
        return denotable(copy instanceof JCTree.JCPolyExpression poly && poly.isPoly() ? lowerBoundOfCapture(copy.type)
                : copy.type);
    }

    /**
     * The type of an expression as javac attributed it, captures projected upwards but intersections
     * kept wherever they are (TemporaryTypes writes them with type variables); null for no type.
     */
    public TypeMirror attributedTypeOf(ExpressionTree original) {
        JCTree copy = copyOf(original);
        Type t = copy instanceof JCTree.JCPolyExpression poly && poly.isPoly() ? lowerBoundOfCapture(copy.type) : copy.type;
        if (t == null || t.isErroneous() || t.hasTag(TypeTag.BOT) || t.isPrimitive() || t instanceof Type.UnionClassType) {
            return null;
        }
        return session.types.upward(t, session.types.captures(t));
    }

    /**
     * A poly expression (switch, conditional) takes its target's type, which for an argument like that
     * of {@code superList.add(...)} is a capture of {@code ? super X}. Only values of type X (or null)
     * can have that type, and projected upwards it would be Object, which the target refuses: a
     * temporary holding the value is declared as X.
     */
    private static Type lowerBoundOfCapture(Type t) {
        if (t instanceof Type.CapturedType captured && captured.getLowerBound() != null
                && !captured.getLowerBound().hasTag(TypeTag.BOT)) {
            return captured.getLowerBound();
        }
        return t;
    }

    /** The declared or inferred type of a local variable, made denotable the same way. */
    public TypeMirror typeOf(VariableTree original) {
        JCVariableDecl copy = (JCVariableDecl) copyOf(original);
        return denotable(copy.sym != null ? copy.sym.type : copy.type);
    }

    /** True when the expression is a compile-time constant (no need to evaluate it early). */
    public boolean isConstant(ExpressionTree original) {
        Type t = copyOf(original).type;
        return t != null && t.constValue() != null;
    }

    /** The primitive type an expression of a box type unboxes to, or null when its type is no box. */
    public TypeMirror unboxedType(ExpressionTree original) {
        Type t = copyOf(original).type;
        Type primitive = t == null ? null : session.types.unboxedType(t);
        return primitive == null || !primitive.isPrimitive() ? null : primitive;
    }

    /**
     * True when {@code parent} converts its operand {@code operand} to a primitive type right
     * where it evaluates it: javac unboxes a boxed argument of a primitive parameter, operand of
     * a numeric or boolean operator, array index or dimension, or element of a primitive array
     * initializer there, before it evaluates what follows (so a null throws before it).
     */
    public boolean convertsToPrimitive(Tree parent, ExpressionTree operand) {
        JCTree p = copyOf(parent);
        JCTree op = copyOf(operand);
        if (p instanceof JCTree.JCAssign || p instanceof JCTree.JCAssignOp) {
            JCTree target = TreeInfo.skipParens(p instanceof JCTree.JCAssign a ? a.lhs : ((JCTree.JCAssignOp) p).lhs);
            if (target instanceof JCTree.JCArrayAccess a && a.index == op) {
                return true;
            }
        }
        if (p instanceof JCMethodInvocation call) {
            return parameterIsPrimitive(TreeInfo.symbol(call.meth), call.args, call.varargsElement, op);
        }
        if (p instanceof JCTree.JCNewClass n) {
            return parameterIsPrimitive(n.constructor, n.args, n.varargsElement, op);
        }
        if (p instanceof JCTree.JCOperatorExpression e && e.getOperator() != null) {
            List<Type> params = e.getOperator().type.getParameterTypes();
            int index = e.getOperand(JCTree.JCOperatorExpression.OperandPos.LEFT) == op ? 0 : 1;
            return params.size() > index && params.get(index).isPrimitive();
        }
        if (p instanceof JCTree.JCArrayAccess a) {
            return a.index == op;
        }
        if (p instanceof JCTree.JCNewArray a) {
            return a.dims.contains(op) || (a.type != null && session.types.elemtype(a.type).isPrimitive());
        }
        return false;
    }

    private static boolean parameterIsPrimitive(Symbol method, List<JCExpression> args, Type varargsElement, JCTree arg) {
        if (!(method instanceof MethodSymbol m)) {
            return false;
        }
        int index = args.indexOf(arg);
        List<Type> params = m.type.getParameterTypes();
        if (index < 0 || params.isEmpty()) {
            return false;
        }
        if (varargsElement != null && index >= params.size() - 1) {
            return varargsElement.isPrimitive();
        }
        return index < params.size() && params.get(index).isPrimitive();
    }

    /**
     * True when the class a {@code new} instantiates (for an anonymous class, the class it extends)
     * is surely initialized while the method runs: the method's own class or one of its superclasses.
     */
    public boolean isInitializedWhileRunning(com.sun.source.tree.NewClassTree creation) {
        Type t = copyOf(creation).type;
        if (t == null || t.tsym == null) {
            return false;
        }
        Symbol.TypeSymbol created = t.tsym.name.isEmpty() ? session.types.supertype(t).tsym : t.tsym;
        return created instanceof Symbol.ClassSymbol c && owner.isSubClass(c, session.types) && !c.isInterface();
    }

    private Type denotable(Type t) {
        return new DenotableTypes(session).of(t);
    }

    /** Copies a method body recording, for every tree, its copy. */
    private static final class RecordingCopier extends CaseFixingTreeCopier<Void> {
        final Map<JCTree, JCTree> copies = new IdentityHashMap<>();
        private final JavacSession session;
        private final JCExpression returnType;
        private int functionDepth;

        RecordingCopier(JavacSession session, JCExpression returnType) {
            super(session.make);
            this.session = session;
            this.returnType = returnType;
        }

        @Override
        public <T extends JCTree> T copy(T tree, Void p) {
            T copy = super.copy(tree, p);
            if (tree != null) {
                copies.put(tree, copy);
                copyEndPosition(tree, copy);
            }
            return copy;
        }

        /**
         * javac reports some flow errors at the closing brace of a block or switch (a switch rule or
         * switch expression that can end without a value), which these trees record themselves and
         * TreeCopier does not copy.
         */
        private static void copyEndPosition(JCTree tree, JCTree copy) {
            if (tree instanceof JCTree.JCBlock b && copy instanceof JCTree.JCBlock c) {
                c.endpos = b.endpos;
            } else if (tree instanceof JCTree.JCSwitch s && copy instanceof JCTree.JCSwitch c) {
                c.endpos = s.endpos;
            } else if (tree instanceof JCTree.JCSwitchExpression s && copy instanceof JCTree.JCSwitchExpression c) {
                c.endpos = s.endpos;
            }
        }

        @Override
        public JCTree visitLambdaExpression(LambdaExpressionTree node, Void p) {
            functionDepth++;
            try {
                return super.visitLambdaExpression(node, p);
            } finally {
                functionDepth--;
            }
        }

        @Override
        public JCTree visitClass(ClassTree node, Void p) {
            functionDepth++;
            try {
                return super.visitClass(node, p);
            } finally {
                functionDepth--;
            }
        }

        @Override
        public JCTree visitReturn(ReturnTree node, Void p) {
            JCReturn ret = (JCReturn) node;
            if (functionDepth > 0 || ret.expr == null) {
                return super.visitReturn(node, p);
            }
            JCExpression value = copy(ret.expr, p);
            JCVariableDecl probe = session.make.at(ret.pos).VarDef(
                    session.make.Modifiers(0), session.names.fromString(RETURN_PROBE),
                    super.copy(returnType, p), value);
            // The probe must not complete normally either, or flow scoping of pattern bindings
            // (if (!(o instanceof T t)) return ...; use t) would differ from the real method.
            JCTree.JCThrow end = session.make.at(ret.pos).Throw(session.make.Literal(TypeTag.BOT, null));
            return session.make.at(ret.pos).Block(0, List.of(probe, end));
        }
    }
}
