package io.jawait.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.ir.FrameVariable;
import io.jawait.processor.ir.Liveness;
import io.jawait.processor.ir.StateMachine;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.model.AsyncMethod;
import io.jawait.processor.model.AsyncMethod.Receiver;
import io.jawait.processor.model.CoroutineContract;
import io.jawait.processor.model.RuntimeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeVariable;

/**
 * Writes the skeleton of a method's state machine class as Java text (types named by JavaPoet):
 * its type variables, fields (one per frame variable that is stored across a suspension), the
 * release of those fields, the table of lines where it waits, the constructor and a {@code $step}
 * that calls the step method; and that method's declaration, added to the user's class with an
 * empty body, which StepEmitter supplies as trees.
 *
 * <p>The body's code lives in the user's class rather than in the state machine class so that
 * a debugger finds it where the source puts it ({@code stop at Outer:23}, IntelliJ's line
 * breakpoints, which look for a line's code in the class the file declares there), and so that
 * {@code this}, {@code super} and unqualified names mean in it what they mean in the method.
 */
public final class CoroutineClassEmitter {
    private CoroutineClassEmitter() {
    }

    /**
     * The class as Java text.
     *
     * @param lineOf the line of a source position of the method's file, for the table of {@code $line()}
     */
    public static String source(MethodContext cx, StateMachine machine, Liveness liveness, IntUnaryOperator lineOf) {
        // Written directly rather than through a JavaPoet TypeSpec: the skeleton is a few fixed
        // lines per method, and JavaPoet's general code writer was about 5% of compiling a project
        // of @Async methods. JavaPoet still names every type. No @Override on the three methods:
        // javac would enter and check 600 annotations more on such a project, to confirm what
        // the tests already do.
        AsyncMethod method = cx.method();
        StringBuilder fields = new StringBuilder();
        StringBuilder release = new StringBuilder();
        StringBuilder ctorParams = new StringBuilder();
        StringBuilder ctorBody = new StringBuilder();
        if (method.receiver() == Receiver.SELF_FIELD) {
            String self = TypeName.get(method.owner().asType()).toString();
            fields.append("private final ").append(self).append(' ').append(CoroutineContract.SELF).append(";\n");
            ctorParams.append(self).append(' ').append(CoroutineContract.SELF);
            ctorBody.append("this.").append(CoroutineContract.SELF).append(" = ").append(CoroutineContract.SELF).append(";\n");
        }
        for (VariableElement p : method.element().getParameters()) {
            if (ctorParams.length() > 0) {
                ctorParams.append(", ");
            }
            ctorParams.append(cx.typeText().name(p.asType())).append(' ').append(p.getSimpleName());
            ctorBody.append("this.").append(cx.vars().parameter(p).name()).append(" = ").append(p.getSimpleName()).append(";\n");
        }
        for (FrameVariable v : machine.variables()) {
            if (liveness.hasField(v)) {
                fields.append(v.type()).append(' ').append(v.name()).append(";\n");
                if (v.isReference()) {
                    release.append("this.").append(v.name()).append(" = null;\n");
                }
            }
        }
        for (Hoisted h : cx.vars().all()) {
            if (h.placement() == LocalVariables.Placement.FIELD) {
                // Never released: a local class reads it when instantiated, possibly after completion.
                fields.append(cx.typeText().field(h.type())).append(' ').append(h.name()).append(";\n");
            }
        }
        fields.append("private int ").append(CoroutineContract.STATE).append(";\n");
        StringBuilder type = new StringBuilder("@java.lang.SuppressWarnings({\"unchecked\", \"rawtypes\"})\n");
        if (method.owner().getKind() != ElementKind.INTERFACE) {
            type.append("private ");
        }
        if (method.receiver() != Receiver.OUTER_THIS) {
            type.append("static ");
        }
        type.append("final class ").append(method.coroutineName());
        List<TypeVariableName> typeVariables = typeVariables(method);
        if (!typeVariables.isEmpty()) {
            type.append(declarations(typeVariables));
        }
        type.append(" extends ").append(RuntimeApi.COROUTINE).append('<').append(cx.typeText().name(method.resultType())).append("> {\n")
                .append(fields)
                .append("public java.lang.String ").append(CoroutineContract.TASK_NAME).append("() { return ")
                .append(CodeBlock.of("$S", method.owner().getSimpleName() + "." + method.element().getSimpleName()))
                .append("; }\n");
        if (release.length() > 0) {
            type.append("protected void ").append(CoroutineContract.RELEASE).append("() {\n").append(release).append("}\n");
        }
        int methodLine = lineOf.applyAsInt(JavacSession.pos(method.tree()));
        type.append(LineTable.method(machine, new StateLayout(machine), lineOf, methodLine));
        type.append(method.coroutineName()).append('(').append(ctorParams).append(") {\n").append(ctorBody).append("}\n")
                .append("protected void ").append(CoroutineContract.STEP).append("() throws java.lang.Throwable {\n")
                .append(method.receiver() == Receiver.SELF_FIELD ? "this." + CoroutineContract.SELF + "." : "")
                .append(method.stepName()).append("(this);\n}\n")
                .append("}\n");
        return type.toString();
    }

    /**
     * The step method as Java text, to add to the user's class with an empty body: private, static
     * when the method is, with the method's type variables and those of ExactTypes, taking the state machine.
     */
    public static String stepMethod(MethodContext cx) {
        AsyncMethod method = cx.method();
        StringBuilder text = new StringBuilder("@java.lang.SuppressWarnings({\"unchecked\", \"rawtypes\"})\nprivate ");
        if (method.receiver() == Receiver.NONE) {
            text.append("static ");
        }
        List<TypeVariableName> own = new ArrayList<>();
        for (TypeParameterElement t : method.element().getTypeParameters()) {
            own.add(TypeVariableName.get(t));
        }
        // The variables standing for intersections (ExactTypes) come last: javac infers them at the
        // call in $step, each as the intersection of its bounds.
        for (TypeVariable v : cx.exactTypes().typeVariables()) {
            TypeName[] bounds = cx.exactTypes().bounds(v).stream().map(cx.typeText()::name).toArray(TypeName[]::new);
            own.add(TypeVariableName.get(v.asElement().getSimpleName().toString(), bounds));
        }
        if (!own.isEmpty()) {
            text.append(declarations(own)).append(' ');
        }
        text.append("void ").append(method.stepName()).append('(').append(method.coroutineName())
                .append(arguments(typeVariables(method))).append(' ').append(CoroutineContract.MACHINE)
                .append(") throws java.lang.Throwable {\n}\n");
        return text.toString();
    }

    /** The statement that replaces the method's body: start the state machine, return it. */
    public static String startStatement(AsyncMethod method) {
        List<String> args = new ArrayList<>();
        if (method.receiver() == Receiver.SELF_FIELD) {
            args.add("this");
        }
        for (VariableElement p : method.element().getParameters()) {
            args.add(p.getSimpleName().toString());
        }
        return "return new " + method.coroutineName() + arguments(typeVariables(method)) + "(" + String.join(", ", args) + ")." + CoroutineContract.START
                + "();";
    }

    /** {@code <A, B extends X & Y>}: type variables as declared. */
    private static String declarations(List<TypeVariableName> typeVariables) {
        StringBuilder text = new StringBuilder("<");
        for (int i = 0; i < typeVariables.size(); i++) {
            TypeVariableName v = typeVariables.get(i);
            text.append(i == 0 ? "" : ", ").append(v);
            for (int b = 0; b < v.bounds().size(); b++) {
                text.append(b == 0 ? " extends " : " & ").append(v.bounds().get(b));
            }
        }
        return text.append('>').toString();
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
