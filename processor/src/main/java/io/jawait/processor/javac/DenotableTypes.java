package io.jawait.processor.javac;

import com.sun.tools.javac.code.BoundKind;
import com.sun.tools.javac.code.Kinds;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.util.ListBuffer;

/**
 * The type the generated code declares for a value whose attributed type Java source may not be able
 * to write: a multi-catch union becomes its least upper bound (as the declared parameter has it),
 * captures are projected upwards (as {@code var} does), null becomes Object, an anonymous class the
 * type it extends or implements.
 *
 * <p>An intersection at the top ({@code flag ? new StringBuilder() : "s"}) stays an intersection:
 * the emitter declares such a variable with {@code var} and a cast to it, which Java can write, so
 * every member of every bound stays usable. Inside type arguments no such cast exists; there an
 * intersection ({@code List.of(1, 2.5)} is a {@code List<Number & Comparable<...>>}) becomes a
 * wildcard bounded by its first bound ({@code List<? extends Number>}), a supertype of it, so that
 * what was assigned still is assignable, and what is read keeps that bound's members.
 *
 * <p>Nor can a cast write an intersection whose class bound has a wildcard type argument ({@code flag ?
 * new ArrayList<Thread>() : new LinkedList<Runnable>()}, see IntersectionVariables): such a value is
 * declared as that class bound ({@code AbstractList<? extends Runnable>}), a supertype of it.
 */
final class DenotableTypes {
    private final JavacSession session;

    DenotableTypes(JavacSession session) {
        this.session = session;
    }

    Type of(Type t) {
        if (t == null || t.hasTag(TypeTag.BOT) || t.isErroneous()) {
            return session.symtab.objectType;
        }
        if (t.isPrimitive()) {
            // Most locals: nothing below could change it (no capture, intersection or type argument).
            return t;
        }
        if (t instanceof Type.UnionClassType union) {
            t = union.getLub();
        }
        Type up = session.types.upward(t, session.types.captures(t));
        if (IntersectionVariables.hasWildcardClassBound(up)) {
            return inside(((Type.IntersectionClassType) up).getComponents().head);
        }
        if (up.isCompound()) {
            ListBuffer<Type> bounds = new ListBuffer<>();
            for (Type bound : session.types.directSupertypes(up)) {
                bounds.add(inside(bound));
            }
            return session.types.makeIntersectionType(bounds.toList());
        }
        return isAnonymous(up) ? of(anonymousSupertype(up)) : inside(up);
    }

    /** A type that is, or is inside, a type argument: no intersection may remain in it. */
    private Type inside(Type t) {
        return TypeArguments.map(t, this::argument);
    }

    private Type argument(Type arg) {
        if (arg.isCompound() || isAnonymous(arg)) {
            return extendsWildcard(upperBound(arg));
        }
        if (arg instanceof Type.WildcardType w && w.kind == BoundKind.EXTENDS
                && (w.type.isCompound() || isAnonymous(w.type))) {
            return extendsWildcard(upperBound(w.type));
        }
        if (arg instanceof Type.WildcardType w && w.type != null) {
            Type bound = inside(w.type);
            return bound == w.type ? arg : new Type.WildcardType(bound, w.kind, w.tsym);
        }
        return inside(arg);
    }

    /** The first bound of an intersection, or what an anonymous class extends, made denotable. */
    private Type upperBound(Type t) {
        Type first = t.isCompound() ? session.types.directSupertypes(t).head : anonymousSupertype(t);
        return first.isCompound() || isAnonymous(first) ? upperBound(first) : inside(first);
    }

    private Type extendsWildcard(Type bound) {
        return new Type.WildcardType(bound, BoundKind.EXTENDS, session.symtab.boundClass);
    }

    private static boolean isAnonymous(Type t) {
        return t.tsym != null && t.tsym.name.isEmpty() && t.tsym.kind == Kinds.Kind.TYP && t instanceof Type.ClassType;
    }

    /** The closest type that can be named for an anonymous class: what it implements, else extends. */
    private static Type anonymousSupertype(Type t) {
        Type.ClassType ct = (Type.ClassType) t;
        return ct.interfaces_field != null && ct.interfaces_field.nonEmpty() ? ct.interfaces_field.head : ct.supertype_field;
    }
}
