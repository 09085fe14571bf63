package io.jawait.processor.javac;

import com.sun.tools.javac.code.BoundKind;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.ListBuffer;
import io.jawait.processor.model.CoroutineContract;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * Type variables that stand for the intersections nested in a type ({@code List.of(1, 2.5)} is a
 * {@code List<Number & Comparable<? extends Number & Comparable<?> & ...> & ...>}), which no Java
 * source can write: {@code List<$I0>} with {@code <$I0 extends Number & Comparable<? extends $I1> & ...,
 * $I1 extends Number & Comparable<?> & ...>} declared on the step method. Such a variable has every
 * member of every bound and is a subtype of each, so reads through it work as the exact type does,
 * except where the exact type itself is needed (a value of it assigned into it, an invariant type
 * argument): a type variable is a subtype of the intersection, not the intersection.
 *
 * <p>An intersection whose class bound has a wildcard type argument ({@code flag ? new
 * ArrayList<Integer>() : new LinkedList<Double>()} is an {@code AbstractList<? extends Number & ...> &
 * Serializable & Cloneable}) cannot even be written in a cast or as a variable's bounds: javac checks
 * such an intersection as a class extending {@code AbstractList<? extends ...>}, captures the wildcard
 * once per inherited method and finds {@code subList} returning two different lists. Here the class
 * bound's wildcards are captured once, by variables of their own ({@code AbstractList<$I1> & ...} with
 * {@code $I1 extends Number & ...}), as javac captures them where the value is used.
 *
 * <p>One instance per method: equal intersections share one variable. javac's least upper bounds
 * end in a wildcard at a fixed depth, so the variables' bounds never refer back to them.
 */
public final class IntersectionVariables {
    private final JavacSession session;
    private final Symbol owner;
    private final List<Type> intersections = new ArrayList<>();
    private final List<Type.TypeVar> variables = new ArrayList<>();
    /** The first part of the variables' names. */
    private final String prefix;

    public IntersectionVariables(JavacSession session, ExecutableElement method) {
        this(session, (Symbol) method, CoroutineContract.INTERSECTION_VARIABLE);
    }

    private IntersectionVariables(JavacSession session, Symbol owner, String prefix) {
        this.session = session;
        this.owner = owner;
        this.prefix = prefix;
    }

    /**
     * Variables of another kind, for intersections that name a local class or interface: not the
     * step method's (declared outside its body, where no local type is in scope) but those of a
     * generic method written where the value is read (NestedIntersectionLocals#read), named apart.
     */
    public IntersectionVariables forLocalTypes() {
        return new IntersectionVariables(session, owner, CoroutineContract.LOCAL_INTERSECTION_VARIABLE);
    }

    /** Thrown by {@link #exact} for a type that no variables this class can declare write. */
    public static final class Unwritable extends Exception {
        private static final long serialVersionUID = 1L;

        Unwritable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * True when the generated code needs variables of this class to write the type: an intersection
     * is nested in it ({@link #nestsIntersection}), or it is an intersection whose class bound has a
     * wildcard type argument ({@link #hasWildcardClassBound}).
     */
    public static boolean needsVariables(TypeMirror type) {
        return nestsIntersection(type) || hasWildcardClassBound(type);
    }

    /**
     * True for an intersection whose first bound is a class (not an interface) with a wildcard type
     * argument, which javac cannot cast to (see the class comment).
     */
    public static boolean hasWildcardClassBound(TypeMirror type) {
        Type t = (Type) type;
        if (!t.isCompound()) {
            return false;
        }
        List<Type> bounds = ((Type.IntersectionClassType) t).getComponents();
        Type first = bounds.get(0);
        if (bounds.size() < 2 || !(first instanceof Type.ClassType) || first.isInterface()) {
            return false;
        }
        for (Type a : first.getTypeArguments()) {
            if (a instanceof Type.WildcardType) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when an intersection is nested in the type: in a type argument, a wildcard's bound, an
     * array's element type, a bound of an intersection, at any depth.
     */
    public static boolean nestsIntersection(TypeMirror type) {
        return nests((Type) type, false);
    }

    private static boolean nests(Type t, boolean inside) {
        if (t == null) {
            return false;
        }
        if (t.isCompound()) {
            if (inside) {
                return true;
            }
            for (Type bound : ((Type.IntersectionClassType) t).getComponents()) {
                if (nests(bound, false)) {
                    return true;
                }
            }
            return false;
        }
        if (t instanceof Type.ArrayType array) {
            return nests(array.elemtype, true);
        }
        if (t instanceof Type.WildcardType w) {
            return nests(w.type, true);
        }
        if (t instanceof Type.ClassType ct) {
            for (Type arg : ct.getTypeArguments()) {
                if (nests(arg, true)) {
                    return true;
                }
            }
            return nests(ct.getEnclosingType(), false);
        }
        return false;
    }

    /**
     * The type with each intersection nested in it replaced by its variable (one at the top stays,
     * its class bound's wildcards captured).
     *
     * @throws Unwritable when a captured wildcard's variable would not be within its parameter's bounds
     */
    public TypeMirror exact(TypeMirror type) throws Unwritable {
        try {
            Type t = (Type) type;
            return t.isCompound() ? session.types.makeIntersectionType(bounds(t)) : inside(t);
        } catch (UncheckedUnwritable e) {
            throw e.unwritable;
        }
    }

    /** The erasure of the type, as a cast to it from any supertype goes through. */
    public TypeMirror erasure(TypeMirror type) {
        return session.types.erasure((Type) type);
    }

    /** The variables made so far, in the order they were made. */
    public List<? extends TypeVariable> variables() {
        return List.copyOf(variables);
    }

    /** True when one of the variables made here occurs in the type (an exact type made by {@link #exact}). */
    public boolean mentions(TypeMirror type) {
        for (Type.TypeVar v : variables) {
            if (((Type) type).contains(v)) {
                return true;
            }
        }
        return false;
    }

    /** The bounds of one of the variables. */
    public List<? extends TypeMirror> bounds(TypeVariable variable) {
        return session.types.getBounds((Type.TypeVar) variable);
    }

    private Type inside(Type t) {
        return TypeArguments.map(t, this::argument);
    }

    private Type argument(Type arg) {
        if (arg.isCompound()) {
            return variable(arg);
        }
        if (arg instanceof Type.WildcardType w && w.type != null) {
            Type bound = argument(w.type);
            return bound == w.type ? arg : new Type.WildcardType(bound, w.kind, w.tsym);
        }
        return inside(arg);
    }

    private Type.TypeVar variable(Type intersection) {
        for (int i = 0; i < intersections.size(); i++) {
            if (intersections.get(i) != null && session.types.isSameType(intersections.get(i), intersection)) {
                return variables.get(i);
            }
        }
        Type.TypeVar v = newVariable(intersection);
        try {
            session.types.setBounds(v, bounds(intersection));
        } catch (UncheckedUnwritable e) {
            // Not for reuse without bounds: equal intersections met later fail the same way.
            intersections.set(variables.indexOf(v), null);
            throw e;
        }
        return v;
    }

    /** A new variable, for an intersection (shared by equal ones) or, when null, a captured wildcard. */
    private Type.TypeVar newVariable(Type intersection) {
        Type.TypeVar v = new Type.TypeVar(session.names.fromString(prefix + variables.size()), owner, session.symtab.botType);
        intersections.add(intersection);
        variables.add(v);
        return v;
    }

    /** An intersection's bounds as the generated code writes them: a class bound's wildcards captured. */
    private com.sun.tools.javac.util.List<Type> bounds(Type intersection) {
        ListBuffer<Type> bounds = new ListBuffer<>();
        for (Type bound : ((Type.IntersectionClassType) intersection).getComponents()) {
            bounds.add(bounds.isEmpty() && hasWildcardClassBound(intersection) ? captured((Type.ClassType) bound) : inside(bound));
        }
        return bounds.toList();
    }

    /**
     * The class type with each wildcard type argument replaced by a new variable bounded as the
     * wildcard is ({@code ? extends B}: by B; {@code ?} and {@code ? super B}: by Object, since a
     * variable has no lower bound; a use that writes into it is then javac's error on the copy).
     */
    private Type captured(Type.ClassType ct) {
        ListBuffer<Type> args = new ListBuffer<>();
        ListBuffer<Type.TypeVar> fresh = new ListBuffer<>();
        ListBuffer<Type.WildcardType> wildcards = new ListBuffer<>();
        for (Type arg : ct.getTypeArguments()) {
            if (arg instanceof Type.WildcardType w) {
                Type.TypeVar v = newVariable(null);
                fresh.add(v);
                wildcards.add(w);
                args.add(v);
            } else {
                args.add(argument(arg));
            }
        }
        for (int i = 0; i < fresh.size(); i++) {
            Type.WildcardType w = wildcards.toList().get(i);
            Type bound = w.kind == BoundKind.EXTENDS ? w.type : session.symtab.objectType;
            session.types.setBounds(fresh.toList().get(i), bound.isCompound() ? bounds(bound)
                    : com.sun.tools.javac.util.List.of(inside(bound)));
        }
        Type outer = ct.getEnclosingType() instanceof Type.ClassType ? inside(ct.getEnclosingType()) : ct.getEnclosingType();
        Type.ClassType result = new Type.ClassType(outer, args.toList(), ct.tsym);
        withinBounds(ct, args.toList());
        return result;
    }

    /** Checks that each argument is within its type parameter's bounds, as a declaration of the type needs. */
    private void withinBounds(Type.ClassType ct, com.sun.tools.javac.util.List<Type> args) {
        com.sun.tools.javac.util.List<Type> formals = ct.tsym.type.getTypeArguments();
        for (int i = 0; i < formals.size(); i++) {
            for (Type bound : session.types.getBounds((Type.TypeVar) formals.get(i))) {
                Type substituted = session.types.subst(bound, formals, args);
                if (!session.types.isSubtypeUnchecked(args.get(i), substituted)) {
                    throw new UncheckedUnwritable(new Unwritable("the wildcard type argument " + (i + 1) + " of "
                            + ct.tsym + " would need a variable within the bound " + bound + " of " + formals.get(i)));
                }
            }
        }
    }

    /** Carries an {@link Unwritable} out of the recursion. */
    private static final class UncheckedUnwritable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Unwritable unwritable;

        UncheckedUnwritable(Unwritable unwritable) {
            super(null, null, false, false);
            this.unwritable = unwritable;
        }
    }
}
