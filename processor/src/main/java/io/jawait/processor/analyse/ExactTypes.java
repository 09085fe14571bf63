package io.jawait.processor.analyse;

import com.sun.source.tree.ExpressionTree;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.javac.IntersectionVariables;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The hoisted locals that the step method reads as their exact type written with type variables
 * (see {@link NestedIntersectionLocals}), and those variables, which the step method declares:
 * the locals' and those the temporaries' types need (TemporaryTypes), made while the method is split.
 *
 * @param locals    each such local's exact type, by the local's symbol
 * @param hoisted   the same by the variable the locals are hoisted to (for the copies lambdas capture)
 * @param variables the method's type variables standing for intersections
 * @param temporaries the values held in temporaries of such types (TemporaryTypes), with their types,
 *                  recorded as the method is split, for ExactTemporaries to check
 * @param weakened  the values held in temporaries of a supertype of theirs, as no type variable can stand
 *                  for the intersection nested in their type, which names a local or anonymous class
 *                  (TemporaryTypes), with the supertype, for ExactTemporaries to check
 */
public record ExactTypes(Map<Element, Exact> locals, Map<Hoisted, Exact> hoisted, IntersectionVariables variables,
        Map<ExpressionTree, TypeMirror> temporaries, Map<ExpressionTree, TypeMirror> weakened) {
    public ExactTypes(Map<Element, Exact> locals, Map<Hoisted, Exact> hoisted, IntersectionVariables variables) {
        this(locals, hoisted, variables, new IdentityHashMap<>(), new IdentityHashMap<>());
    }

    /** No local needs it (nearly every method); temporaries may still make variables. */
    public static ExactTypes none(IntersectionVariables variables) {
        return new ExactTypes(Map.of(), Map.of(), variables);
    }

    /** The type variables made so far, in declaration order. */
    public List<? extends TypeVariable> typeVariables() {
        return variables.variables();
    }

    /** The bounds of one of {@link #typeVariables()}. */
    public List<? extends TypeMirror> bounds(TypeVariable v) {
        return variables.bounds(v);
    }

    /**
     * A local's type with type variables for the intersections nested in it, and its erasure: a read
     * is cast to the erasure and then to the type, which works from whatever the variable is declared as.
     * {@code atRead} is null when the variables are the step method's; else they name a local type and
     * are declared by a generic method at each read (NestedIntersectionLocals#read), and these are they.
     */
    public record Exact(TypeMirror type, TypeMirror erasure, IntersectionVariables atRead) {
        public Exact(TypeMirror type, TypeMirror erasure) {
            this(type, erasure, null);
        }
    }

    /** The exact type of a local, or null when it is read as its variable is declared. */
    public Exact of(Element local) {
        return local == null ? null : locals.get(local);
    }

    /** The exact type of a hoisted variable, or null. */
    public Exact of(Hoisted h) {
        return hoisted.get(h);
    }
}
