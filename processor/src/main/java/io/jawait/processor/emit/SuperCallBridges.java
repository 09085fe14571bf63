package io.jawait.processor.emit;

import io.jawait.processor.model.AsyncMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Methods added to the user's class so that the state machine can make {@code I.super.m(...)} calls.
 *
 * <p>Java lets only the class that implements {@code I} call {@code I.super.m()}; the state machine is
 * a member class of it, where no syntax reaches that method. So, as javac does for an inner class's
 * {@code Outer.super.m()}, the call goes through a private method of the class that makes it there.
 */
public final class SuperCallBridges {
    private final AsyncMethod method;
    private final Types types;
    private final TypeText typeText;
    private final Predicate<String> claimName;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<String> declarations = new ArrayList<>();

    /** @param claimName reserves a member name in the user's class; false when it is taken */
    public SuperCallBridges(AsyncMethod method, Types types, TypeText typeText, Predicate<String> claimName) {
        this.method = method;
        this.types = types;
        this.typeText = typeText;
        this.claimName = claimName;
    }

    /** The name of the bridge that calls {@code iface.super.m(...)}; declared on first use. */
    public String bridge(TypeElement iface, ExecutableElement m) {
        String key = iface.getQualifiedName() + "#" + m;
        String known = names.get(key);
        if (known != null) {
            return known;
        }
        String base = "$jawait$super$" + iface.getSimpleName() + "$" + m.getSimpleName();
        String name = base;
        for (int i = 2; !claimName.test(name); i++) {
            name = base + i;
        }
        names.put(key, name);
        declarations.add(declaration(name, iface, m));
        return name;
    }

    /** The bridges' declarations, as member text of the user's class. */
    public List<String> declarations() {
        return declarations;
    }

    private String declaration(String name, TypeElement iface, ExecutableElement m) {
        ExecutableType signature = (ExecutableType) types.asMemberOf(supertype(iface), m);
        StringBuilder text = new StringBuilder("private ");
        if (!m.getTypeParameters().isEmpty()) {
            text.append('<');
            for (int i = 0; i < m.getTypeParameters().size(); i++) {
                TypeParameterElement t = m.getTypeParameters().get(i);
                text.append(i == 0 ? "" : ", ").append(t.getSimpleName());
                for (int b = 0; b < t.getBounds().size(); b++) {
                    text.append(b == 0 ? " extends " : " & ").append(typeText.of(t.getBounds().get(b)));
                }
            }
            text.append("> ");
        }
        boolean isVoid = signature.getReturnType().getKind() == TypeKind.VOID;
        text.append(isVoid ? "void" : typeText.of(signature.getReturnType())).append(' ').append(name).append('(');
        StringBuilder args = new StringBuilder();
        List<? extends TypeMirror> params = signature.getParameterTypes();
        for (int i = 0; i < params.size(); i++) {
            String type = typeText.of(params.get(i));
            if (m.isVarArgs() && i == params.size() - 1) {
                type = type.substring(0, type.length() - 2) + "...";
            }
            text.append(i == 0 ? "" : ", ").append(type).append(" p").append(i);
            args.append(i == 0 ? "" : ", ").append('p').append(i);
        }
        text.append(')');
        for (int i = 0; i < signature.getThrownTypes().size(); i++) {
            text.append(i == 0 ? " throws " : ", ").append(typeText.of(signature.getThrownTypes().get(i)));
        }
        text.append(" { ").append(isVoid ? "" : "return ").append(typeText.of(types.erasure(iface.asType())))
                .append(".super.").append(m.getSimpleName()).append('(').append(args).append("); }");
        return text.toString();
    }

    /** The owner's direct supertype that is {@code iface}, with the type arguments the owner gives it. */
    private DeclaredType supertype(TypeElement iface) {
        for (TypeMirror t : types.directSupertypes(method.owner().asType())) {
            if (t instanceof DeclaredType d && d.asElement().equals(iface)) {
                return d;
            }
        }
        return (DeclaredType) iface.asType();
    }
}
