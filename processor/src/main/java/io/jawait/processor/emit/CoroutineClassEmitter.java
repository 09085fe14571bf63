package io.jawait.processor.emit;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.ir.FrameVariable;
import io.jawait.processor.ir.Liveness;
import io.jawait.processor.ir.StateMachine;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MemberTrees;
import io.jawait.processor.model.AsyncMethod;
import io.jawait.processor.model.AsyncMethod.Receiver;
import io.jawait.processor.model.CoroutineContract;
import io.jawait.processor.model.RuntimeApi;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeVariable;

/**
 * Builds the declarations a method's transform adds, as trees: its state machine class (type
 * variables, fields (one per frame variable that is stored across a suspension), the release of
 * those fields, the table of lines where it waits, the constructor and a {@code $step} that calls
 * the step method); the step method, added to the user's class, with the body StepEmitter renders;
 * and the method's new body, which starts the state machine.
 *
 * <p>The body's code lives in the user's class rather than in the state machine class so that
 * a debugger finds it where the source puts it ({@code stop at Outer:23}, IntelliJ's line
 * breakpoints, which look for a line's code in the class the file declares there), and so that
 * {@code this}, {@code super} and unqualified names mean in it what they mean in the method.
 */
public final class CoroutineClassEmitter {
    private static final Set<Modifier> NONE = Set.of();
    private static final Set<Modifier> PRIVATE = Set.of(Modifier.PRIVATE);
    private static final Set<Modifier> PROTECTED = Set.of(Modifier.PROTECTED);

    /** What a method's transform adds: its step method, its new body, its state machine class. */
    public record Members(MethodTree stepMethod, BlockTree start, ClassTree coroutine) {
    }

    private CoroutineClassEmitter() {
    }

    /**
     * The members, built with {@code t} (at the method's position).
     *
     * @param lineOf the line of a source position of the method's file, for the table of {@code $line()}
     */
    public static Members members(MethodContext cx, StateMachine machine, Liveness liveness, IntUnaryOperator lineOf,
            MemberTrees t) {
        // One layout of the states, for both the dispatch switch and the table of lines.
        StateLayout layout = new StateLayout(machine);
        int pos = JavacSession.pos(cx.method().tree());
        MethodTree lines = LineTable.method(machine, layout, lineOf, lineOf.applyAsInt(pos), t);
        BlockTree stepBody = StepEmitter.body(machine, liveness, layout, cx, pos);
        return new Members(stepMethod(cx, stepBody, t), t.block(startStatements(cx, t)),
                coroutine(cx, machine, liveness, lines, t));
    }

    // No @Override on the generated methods: javac would enter and check 600 annotations more on a
    // project of 200 @Async methods, to confirm what the tests already do.
    private static ClassTree coroutine(MethodContext cx, StateMachine machine, Liveness liveness, MethodTree lines,
            MemberTrees t) {
        AsyncMethod method = cx.method();
        List<Tree> members = new ArrayList<>();
        List<VariableTree> ctorParams = new ArrayList<>();
        List<StatementTree> ctorBody = new ArrayList<>();
        List<StatementTree> release = new ArrayList<>();
        if (method.receiver() == Receiver.SELF_FIELD) {
            String self = TypeName.get(method.owner().asType()).toString();
            members.add(t.field(Set.of(Modifier.PRIVATE, Modifier.FINAL), self, CoroutineContract.SELF));
            ctorParams.add(t.parameter(self, CoroutineContract.SELF));
            ctorBody.add(t.assignment(t.select(t.self(), CoroutineContract.SELF), t.identifier(CoroutineContract.SELF)));
        }
        for (VariableElement p : method.element().getParameters()) {
            String name = p.getSimpleName().toString();
            ctorParams.add(t.parameter(cx.typeText().of(p.asType()), name));
            ctorBody.add(t.assignment(t.select(t.self(), cx.vars().parameter(p).name()), t.identifier(name)));
        }
        for (FrameVariable v : machine.variables()) {
            if (liveness.hasField(v)) {
                members.add(t.field(NONE, v.type(), v.name()));
                if (v.isReference()) {
                    release.add(t.assignment(t.select(t.self(), v.name()), t.nullLiteral()));
                }
            }
        }
        for (Hoisted h : cx.vars().all()) {
            if (h.placement() == LocalVariables.Placement.FIELD) {
                members.add(t.field(NONE, cx.typeText().field(h.type()), h.name()));
                // Read only while the method runs: a local class's instance gets the values when it is
                // created (CaptureHolder), a lambda or class that creates one later takes copies.
                if (!h.type().getKind().isPrimitive()) {
                    release.add(t.assignment(t.select(t.self(), h.name()), t.nullLiteral()));
                }
            }
        }
        members.add(t.field(PRIVATE, "int", CoroutineContract.STATE));
        members.add(t.method(Set.of(Modifier.PUBLIC), "java.lang.String", CoroutineContract.TASK_NAME, List.of(),
                List.of(t.returning(t.literal(method.owner().getSimpleName() + "." + method.element().getSimpleName())))));
        if (!release.isEmpty()) {
            members.add(t.method(PROTECTED, "void", CoroutineContract.RELEASE, List.of(), release));
        }
        members.add(lines);
        members.add(t.method(NONE, null, method.coroutineName(), ctorParams, ctorBody));
        ExpressionTree stepMethod = method.receiver() == Receiver.SELF_FIELD
                ? t.select(t.select(t.self(), CoroutineContract.SELF), method.stepName()) : t.identifier(method.stepName());
        members.add(t.throwing(t.method(PROTECTED, "void", CoroutineContract.STEP, List.of(),
                List.of(t.evaluation(t.call(stepMethod, List.of(t.self()))))), "java.lang.Throwable"));
        Set<Modifier> modifiers = EnumSet.of(Modifier.FINAL);
        if (method.owner().getKind() != ElementKind.INTERFACE) {
            modifiers.add(Modifier.PRIVATE);
        }
        if (method.receiver() != Receiver.OUTER_THIS) {
            modifiers.add(Modifier.STATIC);
        }
        String superclass = RuntimeApi.COROUTINE + "<" + cx.typeText().of(method.resultType()) + ">";
        return t.suppressingLint(t.memberClass(modifiers, method.coroutineName(),
                typeParameters(typeVariables(method), t), superclass, members), UserLintSuppressions.of(method.element()));
    }

    /**
     * The step method, to add to the user's class: private, static when the method is, with the
     * method's type variables and those of ExactTypes, taking the state machine; {@code body} is
     * StepEmitter's.
     */
    private static MethodTree stepMethod(MethodContext cx, BlockTree body, MemberTrees t) {
        AsyncMethod method = cx.method();
        List<TypeVariableName> own = new ArrayList<>();
        for (TypeParameterElement p : method.element().getTypeParameters()) {
            own.add(TypeVariableName.get(p));
        }
        // The variables standing for intersections (ExactTypes) come last: javac infers them at the
        // call in $step, each as the intersection of its bounds.
        for (TypeVariable v : cx.exactTypes().typeVariables()) {
            TypeName[] bounds = cx.exactTypes().bounds(v).stream().map(cx.typeText()::name).toArray(TypeName[]::new);
            own.add(TypeVariableName.get(v.asElement().getSimpleName().toString(), bounds));
        }
        Set<Modifier> modifiers = method.receiver() == Receiver.NONE ? Set.of(Modifier.PRIVATE, Modifier.STATIC) : PRIVATE;
        MethodTree step = t.method(modifiers, "void", method.stepName(),
                List.of(t.parameter(method.coroutineName() + arguments(typeVariables(method)), cx.machine())),
                body.getStatements());
        return t.suppressingLint(t.throwing(t.generic(step, typeParameters(own, t)), "java.lang.Throwable"),
                UserLintSuppressions.of(method.element()));
    }

    /**
     * The statements that replace the method's body: start the state machine, return it. In a
     * {@code @SafeVarargs} method, javac's lint warns {@code [varargs]} wherever the varargs
     * parameter is passed on, as here to the state machine, though it is only stored: the start is
     * then the initializer of a local that suppresses that (no other code is left in the method).
     */
    private static List<StatementTree> startStatements(MethodContext cx, MemberTrees t) {
        AsyncMethod method = cx.method();
        List<ExpressionTree> args = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        if (method.receiver() == Receiver.SELF_FIELD) {
            args.add(t.self());
        }
        for (VariableElement p : method.element().getParameters()) {
            parameters.add(p.getSimpleName().toString());
            args.add(t.identifier(p.getSimpleName().toString()));
        }
        ExpressionTree machine = t.newInstance(t.type(method.coroutineName() + arguments(typeVariables(method))), args);
        ExpressionTree start = t.call(t.select(machine, CoroutineContract.START), List.of());
        if (!method.element().isVarArgs() || method.element().getAnnotation(SafeVarargs.class) == null) {
            return List.of(t.returning(start));
        }
        String task = "$task";
        while (parameters.contains(task)) {
            task += "$";
        }
        return List.of(t.suppressedLocal(cx.typeText().of(method.element().getReturnType()), task, start, List.of("varargs")),
                t.returning(t.identifier(task)));
    }

    /** Type variables as declared, with their bounds. */
    private static List<TypeParameterTree> typeParameters(List<TypeVariableName> typeVariables, MemberTrees t) {
        List<TypeParameterTree> out = new ArrayList<>();
        for (TypeVariableName v : typeVariables) {
            List<String> bounds = new ArrayList<>();
            for (TypeName b : v.bounds()) {
                bounds.add(b.toString());
            }
            out.add(t.typeParameter(v.name(), bounds));
        }
        return out;
    }

    /** {@code <A, B>}: type variables as type arguments, or nothing for none. */
    private static String arguments(List<TypeVariableName> typeVariables) {
        List<String> names = new ArrayList<>();
        for (TypeVariableName v : typeVariables) {
            names.add(v.name());
        }
        return names.isEmpty() ? "" : "<" + String.join(", ", names) + ">";
    }

    private static List<TypeVariableName> typeVariables(AsyncMethod method) {
        List<TypeVariableName> vars = new ArrayList<>();
        if (method.receiver() == Receiver.SELF_FIELD) {
            for (TypeParameterElement t : method.owner().getTypeParameters()) {
                vars.add(TypeVariableName.get(t));
            }
        }
        for (TypeParameterElement t : method.element().getTypeParameters()) {
            vars.add(TypeVariableName.get(t));
        }
        return vars;
    }
}
