package io.jawait.processor.javac;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.ListBuffer;
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
 * <p>One instance per method: equal intersections share one variable. javac's least upper bounds
 * end in a wildcard at a fixed depth, so the variables' bounds never refer back to them.
 */
public final class IntersectionVariables {
    /** The prefix of the variables' names; {@code $} keeps them clear of the user's names. */
    public static final String PREFIX = "$I";

    private final JavacSession session;
    private final Symbol owner;
    private final List<Type> intersections = new ArrayList<>();
    private final List<Type.TypeVar> variables = new ArrayList<>();

    public IntersectionVariables(JavacSession session, ExecutableElement method) {
        this.session = session;
        this.owner = (Symbol) method;
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

    /** The type with each intersection nested in it replaced by its variable (one at the top stays). */
    public TypeMirror exact(TypeMirror type) {
        Type t = (Type) type;
        if (!t.isCompound()) {
            return inside(t);
        }
        ListBuffer<Type> bounds = new ListBuffer<>();
        for (Type bound : ((Type.IntersectionClassType) t).getComponents()) {
            bounds.add(inside(bound));
        }
        return session.types.makeIntersectionType(bounds.toList());
    }

    /** The erasure of the type, as a cast to it from any supertype goes through. */
    public TypeMirror erasure(TypeMirror type) {
        return session.types.erasure((Type) type);
    }

    /** The variables made so far, in the order they were made. */
    public List<? extends TypeVariable> variables() {
        return List.copyOf(variables);
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
            if (session.types.isSameType(intersections.get(i), intersection)) {
                return variables.get(i);
            }
        }
        Type.TypeVar v = new Type.TypeVar(session.names.fromString(PREFIX + variables.size()), owner, session.symtab.botType);
        intersections.add(intersection);
        variables.add(v);
        ListBuffer<Type> bounds = new ListBuffer<>();
        for (Type bound : ((Type.IntersectionClassType) intersection).getComponents()) {
            bounds.add(inside(bound));
        }
        session.types.setBounds(v, bounds.toList());
        return v;
    }
}
