package io.jawait.processor.analyse;

import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.javac.ImplicitClasses;
import io.jawait.processor.javac.MethodAttribution;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Locals whose type is a compact source file's implicitly declared class ({@code var self = this;}),
 * or mentions it, and that the transform must keep across awaits: the state machine would have to
 * declare them with the class's name, which Java gives no code. Reported on the declaration, instead
 * of javac's "cannot find symbol" on the method.
 */
public final class ImplicitClassLocals {
    private ImplicitClassLocals() {
    }

    /**
     * True when {@code method} lies in a compact source file's implicit class: no code elsewhere can
     * have a local of that class's type, so the body need not be scanned.
     */
    public static boolean possibleIn(ExecutableElement method) {
        for (Element e = method.getEnclosingElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (ImplicitClasses.isImplicit(t)) {
                return true;
            }
        }
        return false;
    }

    public static List<AnonymousTypeLocals.Unwritable> find(AttributedBody code, LocalVariables vars) {
        MethodAttribution attribution = code.attribution();
        List<AnonymousTypeLocals.Unwritable> found = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void p) {
                Element sym = attribution.referent(node);
                LocalVariables.Hoisted h = vars.hoisted(sym);
                if (h != null && h.placement() != LocalVariables.Placement.CONSTANT && mentionsImplicitClass(sym.asType())) {
                    found.add(new AnonymousTypeLocals.Unwritable(node, "local variable " + node.getName()
                            + " has the type of this compact source file's implicitly declared class, which the "
                            + "@Async method would have to name to keep it across an await, and no code can; "
                            + "use this instead, or declare the local after the last await that it spans"));
                }
                return super.visitVariable(node, p);
            }
        }.scan(code.body(), null);
        return found;
    }

    private static boolean mentionsImplicitClass(TypeMirror t) {
        if (t instanceof DeclaredType d) {
            return (d.asElement() instanceof TypeElement c && ImplicitClasses.isImplicit(c))
                    || d.getTypeArguments().stream().anyMatch(ImplicitClassLocals::mentionsImplicitClass);
        }
        if (t instanceof ArrayType a) {
            return mentionsImplicitClass(a.getComponentType());
        }
        if (t instanceof WildcardType w) {
            return (w.getExtendsBound() != null && mentionsImplicitClass(w.getExtendsBound()))
                    || (w.getSuperBound() != null && mentionsImplicitClass(w.getSuperBound()));
        }
        return false;
    }
}
