package io.jawait.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
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
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;

/**
 * Writes the skeleton of a method's state machine class with JavaPoet: its type variables,
 * fields, constructor and an empty {@code $step}, whose body the transform then supplies as trees.
 */
public final class CoroutineClassEmitter {
    private static final ClassName COROUTINE = ClassName.get("io.jawait.internal", "Coroutine");

    private CoroutineClassEmitter() {
    }

    /**
     * @param kept hoisted locals that must keep their value after completion (member classes read
     *             them when instantiated, possibly later)
     */
    public static String source(AsyncMethod method, LocalVariables vars, Map<String, TypeName> extraFields,
            TypeText typeText, Set<Hoisted> kept) {
        MethodSpec.Builder release = MethodSpec.methodBuilder("$release")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED);
        boolean inInterface = method.owner().getKind() == ElementKind.INTERFACE;
        TypeSpec.Builder type = TypeSpec.classBuilder(method.coroutineName())
                .superclass(ParameterizedTypeName.get(COROUTINE, typeText.name(method.resultType())))
                .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "{$S, $S}", "unchecked", "rawtypes").build())
                .addTypeVariables(typeVariables(method));
        if (!inInterface) {
            type.addModifiers(Modifier.PRIVATE);
        }
        if (method.receiver() != Receiver.OUTER_THIS) {
            type.addModifiers(Modifier.STATIC);
        }
        type.addModifiers(Modifier.FINAL);

        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        // A constant in code rather than a field: every suspended task would pay for the field.
        type.addMethod(MethodSpec.methodBuilder("taskName")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return $S", method.owner().getSimpleName() + "." + method.element().getSimpleName())
                .build());
        if (method.receiver() == Receiver.SELF_FIELD) {
            TypeName self = TypeName.get(method.owner().asType());
            type.addField(self, "$self", Modifier.PRIVATE, Modifier.FINAL);
            ctor.addParameter(self, "$self").addStatement("this.$$self = $$self");
        }
        for (VariableElement p : method.element().getParameters()) {
            ctor.addParameter(TypeName.get(p.asType()), p.getSimpleName().toString());
        }
        for (Hoisted h : vars.all()) {
            TypeName fieldType = typeText.name(h.type());
            type.addField(fieldType, h.field());
            if (!fieldType.isPrimitive() && !kept.contains(h)) {
                release.addStatement("this.$N = null", h.field());
            }
            if (h.symbol().getKind() == ElementKind.PARAMETER
                    && method.element().getParameters().contains(h.symbol())) {
                ctor.addStatement("this.$N = $N", h.field(), h.name());
            }
        }
        for (Map.Entry<String, TypeName> f : extraFields.entrySet()) {
            type.addField(f.getValue(), f.getKey(), Modifier.PRIVATE);
            if (!f.getValue().isPrimitive()) {
                release.addStatement("this.$N = null", f.getKey());
            }
        }
        MethodSpec releaseMethod = release.build();
        if (!releaseMethod.code().isEmpty()) {
            type.addMethod(releaseMethod);
        }
        type.addMethod(ctor.build());
        type.addMethod(MethodSpec.methodBuilder("$step")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .addException(Throwable.class)
                .build());
        return type.build().toString();
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
