package io.jawait.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Source text of a (denotable) type for generated declarations and casts: fully qualified, except
 * local classes of the method, which the transform declares as members of the state machine and
 * which are written by the name they are declared with there.
 */
public final class TypeText {
    private final Function<Element, String> localClassNames;

    /** @param localClassNames the name of each hoisted local class, null for other classes */
    public TypeText(Function<Element, String> localClassNames) {
        this.localClassNames = localClassNames;
    }

    public TypeName name(TypeMirror type) {
        switch (type.getKind()) {
            case ERROR, NONE, NULL:
                return ClassName.OBJECT;
            case DECLARED:
                return mentionsLocalClass(type) ? declared((DeclaredType) type) : TypeName.get(type);
            case ARRAY:
                return ArrayTypeName.of(name(((ArrayType) type).getComponentType()));
            case WILDCARD: {
                WildcardType w = (WildcardType) type;
                return w.getExtendsBound() != null ? WildcardTypeName.subtypeOf(name(w.getExtendsBound()))
                        : w.getSuperBound() != null ? WildcardTypeName.supertypeOf(name(w.getSuperBound()))
                        : WildcardTypeName.subtypeOf(Object.class);
            }
            case TYPEVAR:
                return TypeVariableName.get(((TypeVariable) type).asElement().getSimpleName().toString());
            default:
                return TypeName.get(type);
        }
    }

    public String of(TypeMirror type) {
        return name(type).toString();
    }

    private TypeName declared(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        ClassName raw;
        if (element.getNestingKind() == NestingKind.LOCAL) {
            String name = localClassNames.apply(element);
            if (name == null) {
                throw new IllegalArgumentException("local class " + element.getSimpleName()
                        + " is used where the state machine cannot name it");
            }
            raw = ClassName.get("", name);
        } else {
            raw = ClassName.get(element);
        }
        if (type.getTypeArguments().isEmpty()) {
            return raw;
        }
        TypeName[] args = type.getTypeArguments().stream().map(this::name).toArray(TypeName[]::new);
        return ParameterizedTypeName.get(raw, args);
    }

    private static boolean mentionsLocalClass(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return mentionsLocalClass(((ArrayType) type).getComponentType());
        }
        if (type.getKind() == TypeKind.WILDCARD) {
            WildcardType w = (WildcardType) type;
            return (w.getExtendsBound() != null && mentionsLocalClass(w.getExtendsBound()))
                    || (w.getSuperBound() != null && mentionsLocalClass(w.getSuperBound()));
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType d = (DeclaredType) type;
        return ((TypeElement) d.asElement()).getNestingKind() == NestingKind.LOCAL
                || d.getTypeArguments().stream().anyMatch(TypeText::mentionsLocalClass)
                || mentionsLocalClass(d.getEnclosingType());
    }
}
