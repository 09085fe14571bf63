package io.jawait.processor.split;

import com.palantir.javapoet.TypeName;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.emit.ConstantText;
import io.jawait.processor.ir.FrameVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** The variables of the step method being collected: the hoisted locals, then the transform's temporaries. */
final class FrameVariables {
    private final MethodContext cx;
    private final List<FrameVariable> all = new ArrayList<>();
    private final Map<String, FrameVariable> named = new HashMap<>();

    FrameVariables(MethodContext cx) {
        this.cx = cx;
        Set<Hoisted> parameters = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (VariableElement p : cx.method().element().getParameters()) {
            parameters.add(cx.vars().parameter(p));
        }
        for (Hoisted h : cx.vars().all()) {
            if (h.placement() == LocalVariables.Placement.FIELD) {
                continue;
            }
            FrameVariable.Kind kind = h.placement() == LocalVariables.Placement.CONSTANT ? FrameVariable.Kind.CONSTANT
                    : parameters.contains(h) ? FrameVariable.Kind.PARAMETER : FrameVariable.Kind.LOCAL;
            add(h.name(), cx.typeText().field(h.type()), kind,
                    h.constant() == null ? null : ConstantText.of(h.constant()), cx.typeText().fieldCast(h.type()));
        }
    }

    /** A new temporary named {@code prefix} and a number. */
    FrameVariable temporary(String prefix, TypeName type) {
        return add(cx.names().fresh(prefix), type, FrameVariable.Kind.TEMPORARY, null, null);
    }

    /** A new temporary of the type of a value of the user's code, which may be an intersection. */
    FrameVariable temporary(String prefix, TypeMirror type) {
        return add(cx.names().fresh(prefix), cx.typeText().field(type), FrameVariable.Kind.TEMPORARY, null,
                cx.typeText().fieldCast(type));
    }

    /** The temporary with a fixed name of the generated-code contract, made on first use. */
    FrameVariable named(String name, TypeName type) {
        FrameVariable v = named.get(name);
        if (v == null) {
            v = add(name, type, FrameVariable.Kind.TEMPORARY, null, null);
            named.put(name, v);
        }
        return v;
    }

    List<FrameVariable> all() {
        return all;
    }

    private FrameVariable add(String name, TypeName type, FrameVariable.Kind kind, String constant, String intersection) {
        FrameVariable v = new FrameVariable(all.size(), name, type, kind, constant, intersection);
        all.add(v);
        return v;
    }
}
