package io.jawait.processor.split;

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
    private final Map<String, FrameVariable> byName = new HashMap<>();

    FrameVariables(MethodContext cx) {
        this.cx = cx;
        Set<Hoisted> parameters = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (VariableElement p : cx.method().element().getParameters()) {
            parameters.add(cx.vars().parameter(p));
        }
        for (Hoisted h : cx.vars().all()) {
            if (h.placement() == LocalVariables.Placement.FIELD) {
                // Declared as its field is, so that it can be assigned with the field (UserCodeRewriter#assignee).
                add(new FrameVariable(all.size(), h.name(), cx.typeText().field(h.type()), FrameVariable.Kind.MIRROR, null,
                        null, null));
                continue;
            }
            FrameVariable.Kind kind = h.placement() == LocalVariables.Placement.CONSTANT ? FrameVariable.Kind.CONSTANT
                    : parameters.contains(h) ? FrameVariable.Kind.PARAMETER : FrameVariable.Kind.LOCAL;
            String constant = h.constant() == null ? null : ConstantText.of(h.constant());
            add(new FrameVariable(all.size(), h.name(), cx.typeText().field(h.type()), kind, constant,
                    cx.typeText().fieldCast(h.type()), null));
        }
    }

    /** A new temporary named {@code prefix} and a number. */
    FrameVariable temporary(String prefix, String type) {
        String name = cx.names().fresh(prefix);
        return add(new FrameVariable(all.size(), name, type, FrameVariable.Kind.TEMPORARY, null, null, null));
    }

    /**
     * A new temporary of the type of a value of the user's code, which may be an intersection, or
     * a type written with the step method's type variables (TemporaryTypes): the state machine
     * cannot name those, so its field is the erasure, and values go in through casts to the type.
     */
    FrameVariable temporary(String prefix, TypeMirror type) {
        if (cx.exactTypes().variables().mentions(type)) {
            TypeMirror erasure = cx.exactTypes().variables().erasure(type);
            String casts = "(" + cx.typeText().cast(type) + ") (" + cx.typeText().of(erasure) + ") ";
            String name = cx.names().fresh(prefix);
            FrameVariable v = add(new FrameVariable(all.size(), name, cx.typeText().of(erasure),
                    FrameVariable.Kind.TEMPORARY, null, null, casts));
            byName.put(v.name(), v);
            return v;
        }
        String name = cx.names().fresh(prefix);
        return add(new FrameVariable(all.size(), name, cx.typeText().field(type), FrameVariable.Kind.TEMPORARY, null,
                cx.typeText().fieldCast(type), null));
    }

    /** The temporary of that name made by {@link #temporary(String, TypeMirror)} with casts, or null. */
    FrameVariable temporaryNamed(String name) {
        return byName.get(name);
    }

    /**
     * The temporary for a name of the generated-code contract, made on first use: named so, unless
     * the body names something so (a local would clash with it, a field would be hidden by it).
     */
    FrameVariable named(String name, String type) {
        FrameVariable v = named.get(name);
        if (v == null) {
            String free = cx.vars().bodyNames().contains(name) ? cx.names().claim(name) : name;
            v = add(new FrameVariable(all.size(), free, type, FrameVariable.Kind.TEMPORARY, null, null, null));
            named.put(name, v);
        }
        return v;
    }

    List<FrameVariable> all() {
        return all;
    }

    /** Adds {@code v}, made with the next index ({@code all.size()}). */
    private FrameVariable add(FrameVariable v) {
        if (v.index() != all.size()) {
            throw new IllegalStateException(v.name() + " has index " + v.index() + ", not " + all.size());
        }
        all.add(v);
        return v;
    }
}
