package io.jawait.processor.analyse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import io.jawait.processor.emit.TypeText;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The declaration, without its members, of the local class that AnonymousClassNames gives an
 * anonymous class: {@code class $Anonymous0 extends S { $Anonymous0(P1 $p0, P2 $p1) throws X {
 * super($p0, $p1); } }}. The constructor takes what javac gave the anonymous class's own one (the
 * parameter types of the superclass constructor it chose, as members of the supertype, its varargs,
 * type parameters and {@code throws}), so that {@code super(...)} calls the same constructor.
 *
 * @param text     the declaration; its supertype is the hole {@code $$0} unless {@code inferred}
 * @param inferred whether the supertype is written from javac's type rather than the creation's
 *                 identifier: for a diamond (always denotable for an anonymous class, JLS 15.9.3)
 *                 and for {@code outer.new Inner() {}}, whose member class may not be in scope
 */
record AnonymousClassHeader(String text, boolean inferred) {
    static AnonymousClassHeader of(String name, NewClassTree creation, TypeElement anonymous,
            ExecutableElement constructor, TypeText typeText) {
        boolean isInterface = !anonymous.getInterfaces().isEmpty();
        ExpressionTree written = creation.getIdentifier();
        boolean inferred = written instanceof ParameterizedTypeTree diamond && diamond.getTypeArguments().isEmpty()
                || creation.getEnclosingExpression() != null;
        String supertype = inferred
                ? typeText.of(isInterface ? anonymous.getInterfaces().get(0) : anonymous.getSuperclass()) : "$$0";
        StringBuilder text = new StringBuilder("class ").append(name)
                .append(isInterface ? " implements " : " extends ").append(supertype).append(" { ");
        if (!isInterface) {
            List<String> parameters = new ArrayList<>();
            List<String> arguments = new ArrayList<>();
            List<? extends VariableElement> declared = constructor.getParameters();
            for (int i = 0; i < declared.size(); i++) {
                TypeMirror type = declared.get(i).asType();
                String written0 = constructor.isVarArgs() && i == declared.size() - 1 && type.getKind() == TypeKind.ARRAY
                        ? typeText.of(((ArrayType) type).getComponentType()) + "..." : typeText.of(type);
                parameters.add(written0 + " $p" + i);
                arguments.add("$p" + i);
            }
            // outer.new Inner() {}: the enclosing instance comes first and qualifies super(...).
            String superCall = creation.getEnclosingExpression() != null ? arguments.remove(0) + ".super(" : "super(";
            // A generic superclass constructor makes the anonymous class's generic too (inferred where created).
            List<String> typeParameters = new ArrayList<>();
            for (TypeParameterElement v : constructor.getTypeParameters()) {
                List<String> bounds = new ArrayList<>();
                for (TypeMirror b : v.getBounds()) {
                    if (!b.toString().equals("java.lang.Object")) {
                        bounds.add(typeText.of(b));
                    }
                }
                typeParameters.add(v.getSimpleName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
            }
            if (!typeParameters.isEmpty()) {
                text.append('<').append(String.join(", ", typeParameters)).append("> ");
            }
            text.append(name).append('(').append(String.join(", ", parameters)).append(')');
            List<String> thrown = new ArrayList<>();
            for (TypeMirror t : constructor.getThrownTypes()) {
                thrown.add(typeText.of(t));
            }
            if (!thrown.isEmpty()) {
                text.append(" throws ").append(String.join(", ", thrown));
            }
            text.append(" { ").append(superCall).append(String.join(", ", arguments)).append("); } ");
        }
        return new AnonymousClassHeader(text.append('}').toString(), inferred);
    }
}
