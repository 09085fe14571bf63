package io.jawait.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.jawait.processor.javac.ImplicitClasses;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Source text of a (denotable) type for generated declarations and casts: fully qualified, except
 * local classes of the method, which the transform declares at the top of the step method and
 * which are written by the name they are declared with there, and member types of a compact source
 * file's implicitly declared class, written from their simple names. The state machine class cannot name
 * them: its fields of such types are Objects ({@link #field}), cast when loaded ({@link #fieldCast}).
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
                return mentions(type, true) ? declared((DeclaredType) type)
                        : TypeName.get(type);
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
            case INTERSECTION:
                // What a field of it erases to; a local of it is declared through cast(type).
                return name(((IntersectionType) type).getBounds().get(0));
            default:
                return TypeName.get(type);
        }
    }

    public String of(TypeMirror type) {
        String text = plain(type);
        return text != null ? text : name(type).toString();
    }

    /**
     * The text of the most common types written directly, without JavaPoet (whose code writer costs
     * more than the rest of the emitter while javac still runs interpreted): primitives, and
     * classes, their arrays and their parameterizations by such types, that are not nested in a
     * local class, a generic class's instance or an implicitly declared class. Null for any other.
     */
    private static String plain(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN: return "boolean";
            case BYTE: return "byte";
            case SHORT: return "short";
            case CHAR: return "char";
            case INT: return "int";
            case LONG: return "long";
            case FLOAT: return "float";
            case DOUBLE: return "double";
            case ARRAY: {
                String component = plain(((ArrayType) type).getComponentType());
                return component == null ? null : component + "[]";
            }
            case WILDCARD: {
                WildcardType w = (WildcardType) type;
                if (w.getSuperBound() != null) {
                    String bound = plain(w.getSuperBound());
                    return bound == null ? null : "? super " + bound;
                }
                String bound = w.getExtendsBound() == null ? "java.lang.Object" : plain(w.getExtendsBound());
                return bound == null ? null : bound.equals("java.lang.Object") ? "?" : "? extends " + bound;
            }
            case TYPEVAR:
                return ((TypeVariable) type).asElement().getSimpleName().toString();
            case DECLARED: {
                DeclaredType d = (DeclaredType) type;
                TypeElement element = (TypeElement) d.asElement();
                NestingKind nesting = element.getNestingKind();
                if (d.getEnclosingType().getKind() != TypeKind.NONE
                        || (nesting != NestingKind.TOP_LEVEL && nesting != NestingKind.MEMBER)
                        || (nesting == NestingKind.MEMBER && (inLocalClass(element) || inImplicitClass(element)))) {
                    return null;
                }
                List<? extends TypeMirror> arguments = d.getTypeArguments();
                if (arguments.isEmpty()) {
                    return element.getQualifiedName().toString();
                }
                StringBuilder text = new StringBuilder(element.getQualifiedName()).append('<');
                for (int i = 0; i < arguments.size(); i++) {
                    String argument = plain(arguments.get(i));
                    if (argument == null) {
                        return null;
                    }
                    text.append(i == 0 ? "" : ", ").append(argument);
                }
                return text.append('>').toString();
            }
            default:
                return null;
        }
    }

    /**
     * The type as a cast writes it: as {@link #of}, but an intersection in full ({@code
     * java.lang.Object & java.lang.CharSequence}), which only a cast can write.
     */
    public String cast(TypeMirror type) {
        if (type.getKind() != TypeKind.INTERSECTION) {
            return of(type);
        }
        StringBuilder text = new StringBuilder();
        for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
            text.append(text.length() == 0 ? "" : " & ").append(of(bound));
        }
        return text.toString();
    }

    /**
     * The type of a field of the state machine that holds a value of the type: the type itself,
     * or Object for a type that mentions a local class of the method, which is declared in the
     * step method, where the state machine class cannot see it.
     */
    public String field(TypeMirror type) {
        return mentionsLocalClass(type) ? "java.lang.Object" : of(type);
    }

    /**
     * The cast with which a value of the type is read from its field ({@link #field}): the type
     * ({@link #cast}) when the field is an Object or the type an intersection, else null.
     */
    public String fieldCast(TypeMirror type) {
        return mentionsLocalClass(type) ? cast(type) : intersection(type);
    }

    /** The intersection cast for a local of the type ({@link #cast}), null for any other type. */
    public String intersection(TypeMirror type) {
        return type.getKind() == TypeKind.INTERSECTION ? cast(type) : null;
    }

    /**
     * A local variable's declaration up to its initializer: {@code T name = }, or for an intersection
     * {@code var name = (A & B) }, since Java can cast to an intersection but not declare one.
     */
    public String declaration(TypeMirror type, String name) {
        String intersection = intersection(type);
        return intersection == null ? of(type) + " " + name + " = " : "var " + name + " = (" + intersection + ") ";
    }

    /** The type without type arguments, as a class literal names it ({@code java.util.List}). */
    public String raw(TypeMirror type) {
        TypeName name = name(type);
        return (name instanceof ParameterizedTypeName p ? p.rawType() : name).toString();
    }

    private TypeName declared(DeclaredType type) {
        ClassName raw = className((TypeElement) type.asElement());
        if (type.getTypeArguments().isEmpty()) {
            return raw;
        }
        TypeName[] args = type.getTypeArguments().stream().map(this::name).toArray(TypeName[]::new);
        return ParameterizedTypeName.get(raw, args);
    }

    /** A class's name, written from the hoisted local class it is, or is nested in, where there is one. */
    private ClassName className(TypeElement element) {
        if (element.getNestingKind() == NestingKind.LOCAL) {
            String name = localClassNames.apply(element);
            if (name == null) {
                throw new IllegalArgumentException("local class " + element.getSimpleName()
                        + " is used where the state machine cannot name it");
            }
            // A member of the class holding the captures is written from it (CaptureHolder).
            String[] parts = name.split("\\.");
            return ClassName.get("", parts[0], java.util.Arrays.copyOfRange(parts, 1, parts.length));
        }
        if (element.getNestingKind() == NestingKind.MEMBER && inLocalClass(element)) {
            return className((TypeElement) element.getEnclosingElement()).nestedClass(element.getSimpleName().toString());
        }
        if (element.getNestingKind() == NestingKind.MEMBER && inImplicitClass(element)) {
            TypeElement owner = (TypeElement) element.getEnclosingElement();
            return ImplicitClasses.isImplicit(owner) ? ClassName.get("", element.getSimpleName().toString())
                    : className(owner).nestedClass(element.getSimpleName().toString());
        }
        return ClassName.get(element);
    }

    /**
     * A member type of a compact source file's implicitly declared class, which javapoet would
     * qualify with that class's name, which Java does not let code write.
     */
    private static boolean inImplicitClass(TypeElement element) {
        for (Element e = element.getEnclosingElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (ImplicitClasses.isImplicit(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inLocalClass(TypeElement element) {
        for (Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getNestingKind() == NestingKind.LOCAL) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsLocalClass(TypeMirror type) {
        return mentions(type, false);
    }

    /**
     * True when the type or any type in it (argument, bound, intersection bound, component, enclosing
     * type) is a class in a local class, or with {@code orImplicit} also a class in an implicitly
     * declared class.
     */
    private static boolean mentions(TypeMirror type, boolean orImplicit) {
        if (type.getKind() == TypeKind.ARRAY) {
            return mentions(((ArrayType) type).getComponentType(), orImplicit);
        }
        if (type.getKind() == TypeKind.WILDCARD) {
            WildcardType w = (WildcardType) type;
            return (w.getExtendsBound() != null && mentions(w.getExtendsBound(), orImplicit))
                    || (w.getSuperBound() != null && mentions(w.getSuperBound(), orImplicit));
        }
        if (type.getKind() == TypeKind.INTERSECTION) {
            // Its first bound is its erasure, a field's type: on JDK 25 a local interface can come first.
            for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
                if (mentions(bound, orImplicit)) {
                    return true;
                }
            }
            return false;
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType d = (DeclaredType) type;
        TypeElement element = (TypeElement) d.asElement();
        if (inLocalClass(element) || orImplicit && inImplicitClass(element)) {
            return true;
        }
        for (TypeMirror a : d.getTypeArguments()) {
            if (mentions(a, orImplicit)) {
                return true;
            }
        }
        return mentions(d.getEnclosingType(), orImplicit);
    }
}
