package io.jawait.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.model.AsyncMethod;
import io.jawait.processor.model.AsyncMethod.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;

/**
 * Writes the skeleton of a method's state machine class as Java text (types named by JavaPoet):
 * its type variables, fields, constructor and an empty {@code $step}, whose body the transform
 * then supplies as trees.
 */
public final class CoroutineClassEmitter {
    private CoroutineClassEmitter() {
    }

    /**
     * @param kept hoisted locals that must keep their value after completion (member classes read
     *             them when instantiated, possibly later)
     */
    public static String source(AsyncMethod method, LocalVariables vars, Map<String, TypeName> extraFields,
            TypeText typeText, Set<Hoisted> kept) {
        // Written directly rather than through a JavaPoet TypeSpec: the skeleton is a few fixed
        // lines per method, and JavaPoet's general code writer was about 5% of compiling a project
        // of @Async methods. JavaPoet still names every type. No @Override on the three methods:
        // javac would enter and check 600 annotations more on such a project, to confirm what
        // the tests already do.
        StringBuilder fields = new StringBuilder();
        StringBuilder release = new StringBuilder();
        StringBuilder ctorParams = new StringBuilder();
        StringBuilder ctorBody = new StringBuilder();
        if (method.receiver() == Receiver.SELF_FIELD) {
            String self = TypeName.get(method.owner().asType()).toString();
            fields.append("private final ").append(self).append(" $self;\n");
            ctorParams.append(self).append(" $self");
            ctorBody.append("this.$self = $self;\n");
        }
        for (VariableElement p : method.element().getParameters()) {
            if (ctorParams.length() > 0) {
                ctorParams.append(", ");
            }
            ctorParams.append(TypeName.get(p.asType())).append(' ').append(p.getSimpleName());
        }
        for (Hoisted h : vars.all()) {
            TypeName fieldType = typeText.name(h.type());
            fields.append(fieldType).append(' ').append(h.field()).append(";\n");
            if (!fieldType.isPrimitive() && !kept.contains(h)) {
                release.append("this.").append(h.field()).append(" = null;\n");
            }
            if (h.symbol().getKind() == ElementKind.PARAMETER
                    && method.element().getParameters().contains(h.symbol())) {
                ctorBody.append("this.").append(h.field()).append(" = ").append(h.name()).append(";\n");
            }
        }
        for (Map.Entry<String, TypeName> f : extraFields.entrySet()) {
            fields.append("private ").append(f.getValue()).append(' ').append(f.getKey()).append(";\n");
            if (!f.getValue().isPrimitive()) {
                release.append("this.").append(f.getKey()).append(" = null;\n");
            }
        }
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
            type.append('<');
            for (int i = 0; i < typeVariables.size(); i++) {
                TypeVariableName v = typeVariables.get(i);
                type.append(i == 0 ? "" : ", ").append(v);
                for (int b = 0; b < v.bounds().size(); b++) {
                    type.append(b == 0 ? " extends " : " & ").append(v.bounds().get(b));
                }
            }
            type.append('>');
        }
        type.append(" extends io.jawait.internal.Coroutine<").append(typeText.name(method.resultType())).append("> {\n")
                .append(fields)
                .append("public java.lang.String taskName() { return ")
                .append(CodeBlock.of("$S", method.owner().getSimpleName() + "." + method.element().getSimpleName()))
                .append("; }\n");
        if (release.length() > 0) {
            type.append("protected void $release() {\n").append(release).append("}\n");
        }
        type.append(method.coroutineName()).append('(').append(ctorParams).append(") {\n").append(ctorBody).append("}\n")
                .append("protected void $step() throws java.lang.Throwable {\n}\n")
                .append("}\n");
        return type.toString();
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
        List<String> typeArgs = new ArrayList<>();
        for (TypeVariableName v : typeVariables(method)) {
            typeArgs.add(v.name());
        }
        String diamond = typeArgs.isEmpty() ? "" : "<" + String.join(", ", typeArgs) + ">";
        return "return new " + method.coroutineName() + diamond + "(" + String.join(", ", args) + ").$start();";
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
