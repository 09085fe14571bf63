package io.jawait.processor.lower;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.AwaitSites;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.emit.TypeText;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.model.CoroutineContract;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Moves every await out of an expression, keeping Java's evaluation order (JLS 15.7).
 *
 * <p>Whatever the expression evaluates before an await (earlier operands, the receiver, array and
 * index of an assignment target, the old value of a compound assignment's variable) is evaluated
 * first into a temporary; {@code &&}, {@code ||} and {@code ?:} whose later operands await become
 * branches. What is left, the residual, is the original expression with each await and each spilled
 * operand replaced by a read of its temporary, and it no longer suspends.
 */
public final class ExpressionLowering {
    private final AwaitSites awaits;
    private final MethodAttribution attribution;
    private final LoweringSink sink;
    private final TypeText typeText;
    /** The type a temporary of a value is declared with (TemporaryTypes). */
    private final Function<ExpressionTree, TypeMirror> temporaryTypes;
    /**
     * The state machine followed by a dot: runtime helpers are reached through it, since a package
     * name could be obscured (see Coroutine#$initialize).
     */
    private final String machinePrefix;
    /** Per lowered expression (lowering re-enters itself for the arms of a switch expression). */
    private Map<Tree, Tree> replaced = new IdentityHashMap<>();
    private boolean assignsLocals;

    public ExpressionLowering(MethodContext cx, LoweringSink sink, Function<ExpressionTree, TypeMirror> temporaryTypes) {
        this.machinePrefix = cx.machine() + ".";
        this.awaits = cx.awaits();
        this.temporaryTypes = temporaryTypes;
        this.typeText = cx.typeText();
        this.attribution = cx.attribution();
        this.sink = sink;
    }

    /** Emits what must run first and returns the residual expression. */
    public ExpressionTree lower(ExpressionTree e) {
        Map<Tree, Tree> outerReplaced = replaced;
        boolean outerAssigns = assignsLocals;
        replaced = new IdentityHashMap<>();
        assignsLocals = new AssignmentFinder().find(e);
        try {
            into(e);
            return sink.copy(e, replaced);
        } finally {
            replaced = outerReplaced;
            assignsLocals = outerAssigns;
        }
    }

    /**
     * Lowers an expression evaluated only for its effects: a top-level await needs no result.
     * Returns the residual, or null when nothing is left to evaluate.
     */
    public ExpressionTree lowerForEffect(ExpressionTree e) {
        ExpressionTree inner = strip(e);
        if (awaits.isAwait(inner)) {
            ExpressionTree operand = awaits.operand(inner);
            sink.await(lower(operand), null, inner);
            return null;
        }
        return lower(e);
    }

    private static ExpressionTree strip(ExpressionTree e) {
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        return e;
    }

    private void into(ExpressionTree e) {
        if (e == null || !awaits.contains(e)) {
            return;
        }
        if (awaits.isAwait(e)) {
            ExpressionTree operand = awaits.operand(e);
            into(operand);
            replaced.put(e, sink.await(awaitedOperand(operand), temporaryTypes.apply(e), e));
            return;
        }
        switch (e.getKind()) {
            case PARENTHESIZED -> into(((ParenthesizedTree) e).getExpression());
            case METHOD_INVOCATION -> {
                MethodInvocationTree call = (MethodInvocationTree) e;
                List<ExpressionTree> ops = new ArrayList<>();
                if (call.getMethodSelect() instanceof MemberSelectTree sel && isValue(sel.getExpression())) {
                    ops.add(sel.getExpression());
                }
                ops.addAll(call.getArguments());
                operands(ops, call);
            }
            case NEW_CLASS -> newClass((NewClassTree) e);
            case NEW_ARRAY -> {
                NewArrayTree n = (NewArrayTree) e;
                List<ExpressionTree> ops = new ArrayList<>(n.getDimensions());
                if (n.getInitializers() != null) {
                    ops.addAll(n.getInitializers());
                }
                operands(ops, n);
            }
            case CONDITIONAL_AND, CONDITIONAL_OR -> shortCircuit((BinaryTree) e);
            case CONDITIONAL_EXPRESSION -> conditional((ConditionalExpressionTree) e);
            case ASSIGNMENT -> {
                AssignmentTree a = (AssignmentTree) e;
                List<ExpressionTree> ops = new ArrayList<>(targetParts(a.getVariable()));
                ops.add(a.getExpression());
                operands(ops, a);
            }
            case ARRAY_ACCESS -> {
                ArrayAccessTree a = (ArrayAccessTree) e;
                operands(List.of(a.getExpression(), a.getIndex()), a);
            }
            case MEMBER_SELECT -> into(((MemberSelectTree) e).getExpression());
            // The qualifier of a method reference is evaluated when the reference is (JLS 15.13.3).
            case MEMBER_REFERENCE -> into(((MemberReferenceTree) e).getQualifierExpression());
            case TYPE_CAST -> into(((TypeCastTree) e).getExpression());
            case SWITCH_EXPRESSION -> {
                SwitchExpressionTree s = (SwitchExpressionTree) e;
                into(s.getExpression());
                replaced.put(e, sink.switchExpression(s, sink.copy(s.getExpression(), replaced)));
            }
            case INSTANCE_OF -> into(((InstanceOfTree) e).getExpression());
            default -> {
                if (e instanceof CompoundAssignmentTree c) {
                    compoundAssignment(c);
                } else if (e instanceof UnaryTree u) {
                    into(u.getExpression());
                } else if (e instanceof BinaryTree b) {
                    operands(List.of(b.getLeftOperand(), b.getRightOperand()), b);
                } else {
                    throw new UnsupportedConstruct(e, "await inside " + describe(e) + " is not supported yet");
                }
            }
        }
    }

    /**
     * The operand of an await, as the suspension evaluates it. In {@code Supplier<String> s =
     * await(get(() -> "x"))} javac infers get's type argument from what await's result is assigned
     * to; passed alone to the suspension, get(..) would be inferred on its own, as {@code Task<Object>},
     * which no lambda or method reference fits. Such an operand is first stored in a temporary of the
     * type javac gave it, which is a context that keeps that inference.
     */
    private ExpressionTree awaitedOperand(ExpressionTree operand) {
        ExpressionTree copy = sink.copy(operand, replaced);
        if (!TargetTypedOperands.needsTargetType(operand)) {
            return copy;
        }
        return sink.spill(temporaryTypes.apply(operand), copy, operand);
    }

    /** The parts of an assignment target evaluated before the right-hand side. */
    private List<ExpressionTree> targetParts(ExpressionTree target) {
        ExpressionTree t = strip(target);
        if (t instanceof ArrayAccessTree a) {
            return List.of(a.getExpression(), a.getIndex());
        }
        if (t instanceof MemberSelectTree s && isValue(s.getExpression())) {
            return List.of(s.getExpression());
        }
        return List.of();
    }

    /**
     * Evaluates the operands of {@code parent} left to right: every operand before the last one
     * that awaits is saved in a temporary, so the await cannot run before it or change what it saw.
     */
    private void operands(List<? extends ExpressionTree> ops, Tree parent) {
        int last = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (awaits.contains(ops.get(i))) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            ExpressionTree op = ops.get(i);
            into(op);
            if (i < last) {
                evaluateNow(op, parent);
            }
        }
    }

    /**
     * Saves an operand evaluated before an await, unless an await cannot change it. A box that its
     * parent unboxes is saved unboxed, whatever it is: Java unboxes it (and throws on null) before
     * it evaluates the next operand.
     */
    private void evaluateNow(ExpressionTree op, Tree parent) {
        TypeMirror unboxed = attribution.convertsToPrimitive(parent, op) ? attribution.unboxedType(op) : null;
        if (unboxed != null) {
            replaced.put(op, sink.spill(unboxed, sink.copy(op, replaced), op));
        } else if (!isStable(op)) {
            replaced.put(op, sink.spill(temporaryTypes.apply(op), sink.copy(op, replaced), op));
        }
    }

    /**
     * {@code new C(args)} or {@code outer.new C(args)} whose arguments await. Java checks the
     * qualifier for null and initializes C before it evaluates any argument (JLS 15.9.4, 12.4.1);
     * here the arguments run before the {@code new}, so both are done first.
     */
    private void newClass(NewClassTree n) {
        ExpressionTree outer = n.getEnclosingExpression();
        if (!awaits.containsAny(n.getArguments())) {
            into(outer);
            return;
        }
        if (outer != null) {
            into(outer);
            replaced.put(outer, sink.spill(attribution.typeOf(outer),
                    sink.template(outer, machinePrefix + CoroutineContract.NON_NULL + "($$0)", sink.copy(outer, replaced)), outer));
        }
        if (!attribution.isInitializedWhileRunning(n)) {
            sink.evaluate(sink.template(n, machinePrefix + CoroutineContract.INITIALIZE + "(" + typeText.raw(attribution.typeOf(n))
                    + ".class)"), n);
        }
        operands(n.getArguments(), n);
    }

    /** {@code x op= await(f())}: x's value is read before f runs (JLS 15.26.2). */
    private void compoundAssignment(CompoundAssignmentTree c) {
        ExpressionTree target = strip(c.getVariable());
        if (!awaits.contains(c.getExpression())) {
            operands(targetParts(target), c);
            return;
        }
        List<ExpressionTree> parts = targetParts(target);
        for (ExpressionTree part : parts) {
            into(part);
            evaluateNow(part, c);
        }
        ExpressionTree targetCopy = sink.copy(target, replaced);
        // A box is unboxed as it is read (javac reads and unboxes it before the right side runs).
        TypeMirror unboxed = attribution.convertsToPrimitive(c, c.getVariable()) ? attribution.unboxedType(target) : null;
        // A local keeps its value across the await (only this method assigns it, and the right
        // side does not); anything else is read now, as Java reads it before the right side.
        boolean keepsValue = unboxed == null && target instanceof IdentifierTree && attribution.referent(target) != null
                && LocalVariables.isLocal(attribution.referent(target)) && !new AssignmentFinder().find(c.getExpression());
        ExpressionTree oldValue = keepsValue ? targetCopy
                : sink.spill(unboxed != null ? unboxed : attribution.typeOf(target), targetCopy, target);
        into(c.getExpression());
        ExpressionTree rhs = sink.copy(c.getExpression(), replaced);
        String staticField = staticFieldOfValue(target);
        // The variable is named a second time to be written: a static field through its class, so
        // that javac's [static] warning on `expression.FIELD` is given once, as without the processor.
        ExpressionTree newTarget = staticField != null ? sink.template(target, staticField) : sink.copy(target, replaced);
        String op = operator(c.getKind());
        // As JLS 15.26.2 does it: the result is cast to the variable's type, through its primitive for a box.
        String cast = "(" + typeText.of(attribution.typeOf(target)) + ") "
                + (unboxed != null ? "(" + typeText.of(unboxed) + ") " : "");
        replaced.put(c, sink.template(c, "$$0 = " + cast + "($$1 " + op + " ($$2))", newTarget, oldValue, rhs));
    }

    /**
     * {@code C.f} for a target {@code expression.f} that names a static field of a member or
     * top-level class {@code C} (the expression's type) through a value; otherwise null. The value
     * has been evaluated already (JLS 15.11.1 evaluates and discards it).
     */
    private String staticFieldOfValue(ExpressionTree target) {
        if (!(target instanceof MemberSelectTree s) || !isValue(s.getExpression())) {
            return null;
        }
        Element field = attribution.referent(target);
        if (field == null || field.getKind() != ElementKind.FIELD || !field.getModifiers().contains(Modifier.STATIC)) {
            return null;
        }
        TypeMirror site = attribution.typeOf(s.getExpression());
        if (!(site instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement type)
                || !(type.getNestingKind() == NestingKind.TOP_LEVEL || type.getNestingKind() == NestingKind.MEMBER)) {
            return null;
        }
        for (Element e = type.getEnclosingElement(); e != null; e = e.getEnclosingElement()) {
            if (e instanceof TypeElement t && t.getNestingKind() == NestingKind.LOCAL
                    || e.getKind() == ElementKind.METHOD || e.getKind() == ElementKind.CONSTRUCTOR) {
                return null;
            }
        }
        return typeText.raw(site) + "." + s.getIdentifier();
    }

    private void shortCircuit(BinaryTree b) {
        boolean isAnd = b.getKind() == Tree.Kind.CONDITIONAL_AND;
        into(b.getLeftOperand());
        ExpressionTree left = sink.copy(b.getLeftOperand(), replaced);
        if (!awaits.contains(b.getRightOperand())) {
            return;
        }
        ExpressionTree result = sink.spill(attribution.typeOf(b), left, b);
        Label end = sink.newLabel();
        sink.branch(result, !isAnd, end, b);
        into(b.getRightOperand());
        ExpressionTree right = sink.copy(b.getRightOperand(), replaced);
        sink.spillInto(result, right, b);
        sink.jump(end, b);
        sink.place(end, b);
        replaced.put(b, result);
    }

    private void conditional(ConditionalExpressionTree c) {
        into(c.getCondition());
        if (!awaits.contains(c.getTrueExpression()) && !awaits.contains(c.getFalseExpression())) {
            return;
        }
        ExpressionTree cond = sink.copy(c.getCondition(), replaced);
        Label otherwise = sink.newLabel();
        Label end = sink.newLabel();
        sink.branch(cond, false, otherwise, c);
        into(c.getTrueExpression());
        ExpressionTree result = sink.spill(temporaryTypes.apply(c), sink.copy(c.getTrueExpression(), replaced), c);
        sink.jump(end, c);
        sink.place(otherwise, c);
        into(c.getFalseExpression());
        sink.spillInto(result, sink.copy(c.getFalseExpression(), replaced), c);
        sink.jump(end, c);
        sink.place(end, c);
        replaced.put(c, result);
    }

    /**
     * Operands whose value an await cannot change need no temporary: constants, lambdas, method
     * references whose qualifier is a type, {@code super} or itself stable, {@code this}, and locals
     * when the expression assigns no local. Any other qualifier of a method reference is evaluated,
     * and checked for null, where the reference is (JLS 15.13.3): before a later operand's await.
     */
    private boolean isStable(ExpressionTree op) {
        ExpressionTree e = strip(op);
        switch (e.getKind()) {
            case LAMBDA_EXPRESSION, NULL_LITERAL:
                return true;
            case MEMBER_REFERENCE: {
                ExpressionTree qualifier = ((MemberReferenceTree) e).getQualifierExpression();
                return switch (qualifier.getKind()) {
                    case ARRAY_TYPE, PARAMETERIZED_TYPE, PRIMITIVE_TYPE -> true;
                    default -> !isValue(qualifier) || isStable(qualifier);
                };
            }
            default:
                break;
        }
        if (attribution.isConstant(e)) {
            return true;
        }
        if (e instanceof IdentifierTree id) {
            if (id.getName().contentEquals("this")) {
                return true;
            }
            Element sym = attribution.referent(e);
            return sym != null && LocalVariables.isLocal(sym) && !assignsLocals;
        }
        return false;
    }

    /**
     * True when a member select's qualifier is a value (not a type or package name, nor
     * {@code super} or {@code T.super}, which name the method to call rather than an object).
     */
    private boolean isValue(ExpressionTree qualifier) {
        ExpressionTree q = strip(qualifier);
        if ((q instanceof IdentifierTree id && id.getName().contentEquals("super"))
                || (q instanceof MemberSelectTree s && s.getIdentifier().contentEquals("super"))) {
            return false;
        }
        Element sym = attribution.referent(qualifier);
        if (sym == null) {
            return true;
        }
        ElementKind k = sym.getKind();
        return !(k.isClass() || k.isInterface() || k == ElementKind.PACKAGE)
                || (qualifier instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("this"));
    }

    private static String operator(Tree.Kind kind) {
        return switch (kind) {
            case PLUS_ASSIGNMENT -> "+";
            case MINUS_ASSIGNMENT -> "-";
            case MULTIPLY_ASSIGNMENT -> "*";
            case DIVIDE_ASSIGNMENT -> "/";
            case REMAINDER_ASSIGNMENT -> "%";
            case LEFT_SHIFT_ASSIGNMENT -> "<<";
            case RIGHT_SHIFT_ASSIGNMENT -> ">>";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
            case AND_ASSIGNMENT -> "&";
            case OR_ASSIGNMENT -> "|";
            case XOR_ASSIGNMENT -> "^";
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    private static String describe(Tree e) {
        return switch (e.getKind()) {
            case SWITCH_EXPRESSION -> "a switch expression";
            case LAMBDA_EXPRESSION -> "a lambda";
            default -> "this kind of expression (" + e.getKind().toString().toLowerCase().replace('_', ' ') + ")";
        };
    }

    /** Finds assignments and increments of plain identifiers in an expression. */
    private static final class AssignmentFinder extends TreeScanner<Boolean, Void> {
        boolean find(Tree t) {
            return Boolean.TRUE.equals(scan(t, null));
        }

        @Override
        public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
        }

        @Override
        public Boolean visitAssignment(AssignmentTree node, Void p) {
            return strip(node.getVariable()) instanceof IdentifierTree || Boolean.TRUE.equals(super.visitAssignment(node, p));
        }

        @Override
        public Boolean visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
            return strip(node.getVariable()) instanceof IdentifierTree || Boolean.TRUE.equals(super.visitCompoundAssignment(node, p));
        }

        @Override
        public Boolean visitUnary(UnaryTree node, Void p) {
            boolean inc = switch (node.getKind()) {
                case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
                default -> false;
            };
            return (inc && strip(node.getExpression()) instanceof IdentifierTree) || Boolean.TRUE.equals(super.visitUnary(node, p));
        }
    }
}
