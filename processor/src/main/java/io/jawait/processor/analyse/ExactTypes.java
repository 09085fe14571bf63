package io.jawait.processor.analyse;

import io.jawait.processor.analyse.LocalVariables.Hoisted;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The hoisted locals that the step method reads as their exact type written with type variables
 * (see {@link NestedIntersectionLocals}), and those variables, which the step method declares.
 *
 * @param locals    each such local's exact type, by the local's symbol
 * @param hoisted   the same by the variable the locals are hoisted to (for the copies lambdas capture)
 * @param variables the type variables, in declaration order
 * @param bounds    each type variable's bounds
 */
public record ExactTypes(Map<Element, Exact> locals, Map<Hoisted, Exact> hoisted,
        List<? extends TypeVariable> variables, Map<TypeVariable, List<? extends TypeMirror>> bounds) {
    /** No local needs it (nearly every method). */
    public static final ExactTypes NONE = new ExactTypes(Map.of(), Map.of(), List.of(), Map.of());

    /**
     * A local's type with type variables for the intersections nested in it, and its erasure: a read
     * is cast to the erasure and then to the type, which works from whatever the variable is declared as.
     */
    public record Exact(TypeMirror type, TypeMirror erasure) {
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
