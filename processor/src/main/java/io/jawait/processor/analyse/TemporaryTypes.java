package io.jawait.processor.analyse;

import com.sun.source.tree.ExpressionTree;
import io.jawait.processor.javac.IntersectionVariables;
import io.jawait.processor.javac.MethodAttribution;
import javax.lang.model.type.TypeMirror;

/**
 * The type of a temporary that holds a value of the user's code across an await in the same
 * expression ({@code f(List.of(1, 2.5), await(t))}): as MethodAttribution#typeOf writes it, except
 * for a type that is written with the step method's type variables ({@link IntersectionVariables}):
 * an intersection nested in a type argument ({@code List<$I0>} rather than {@code List<? extends
 * Number>}, which would lose the other bounds) or an intersection whose class bound has a wildcard
 * argument, which a cast cannot write. Such a temporary's field is the type's erasure; the step
 * method declares it and writes it through casts (FrameVariables). When the intersection names a
 * local or anonymous class, no type variable can stand for it (the step method's are declared outside
 * its body): the temporary has the written supertype, and ExactTemporaries checks that the expression
 * needs no more than that.
 */
public final class TemporaryTypes {
    private final MethodAttribution attribution;
    private final ExactTypes exactTypes;
    private final IntersectionVariables variables;

    public TemporaryTypes(MethodAttribution attribution, ExactTypes exactTypes) {
        this.attribution = attribution;
        this.exactTypes = exactTypes;
        this.variables = exactTypes.variables();
    }

    /** The type a temporary of the expression's value is declared with. */
    public TypeMirror of(ExpressionTree e) {
        TypeMirror attributed = attribution.attributedTypeOf(e);
        if (attributed != null && IntersectionVariables.needsVariables(attributed)
                && NestedIntersectionLocals.mentionsUnnamedClass(attributed)) {
            // The step method's type variables are declared outside its body, where no local class is
            // in scope: the written supertype, checked by ExactTemporaries.
            TypeMirror declared = attribution.typeOf(e);
            exactTypes.weakened().put(e, declared);
            return declared;
        }
        if (attributed != null && IntersectionVariables.needsVariables(attributed)) {
            try {
                TypeMirror exact = variables.exact(attributed);
                exactTypes.temporaries().put(e, exact);
                return exact;
            } catch (IntersectionVariables.Unwritable e2) {
                // No variable can stand for it: the written supertype, as before (javac's error if that is too weak).
            }
        }
        return attribution.typeOf(e);
    }
}
