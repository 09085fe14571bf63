package io.jawait.processor.emit;

import com.sun.source.tree.Tree;
import io.jawait.processor.analyse.CaptureHolder;
import io.jawait.processor.analyse.ExactTypes;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.javac.TreeTemplates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * For debuggers only, the fields of a plain local class's captured values in a hoisted local class:
 * {@code final int val$k = k$c0;}, copying from the CaptureHolder the value of each local the class
 * captures (javac names them {@code val$} and the local's name; IntelliJ shows such a synthetic field
 * of {@code this} as a variable {@code k}, jdb as a field of {@code this}). No code reads them: the
 * class's code reads the holder, which has the values before the superclass constructor runs, as
 * javac's fields have; these are set after it, first among the class's initializers. javac/
 * DebuggerLocalNames marks them synthetic once javac has attributed them.
 *
 * <p>javac names a second captured local of the same name {@code val$k$1}, and fails to compile a
 * class that declares or inherits a field of a name it would give its own: so a name that the body
 * of the method mentions, or that a supertype's field has, gets no field here (the code keeps its meaning).
 */
final class CaptureMirrors {
    private static final String PREFIX = "val$";

    private final CaptureHolder holder;
    private final LocalVariables vars;
    private final TreeTemplates templates;
    private final TypeText typeText;
    private final ExactTypes exactTypes;
    private final Set<String> names = new HashSet<>();

    CaptureMirrors(CaptureHolder holder, LocalVariables vars, TreeTemplates templates, TypeText typeText,
            ExactTypes exactTypes) {
        this.holder = holder;
        this.vars = vars;
        this.templates = templates;
        this.typeText = typeText;
        this.exactTypes = exactTypes;
    }

    /** The mirror fields to declare in the copy of {@code hoistedClass}, first among its members. */
    List<Tree> declarations(Element hoistedClass) {
        if (!holder.exists() || !(hoistedClass instanceof TypeElement type)) {
            return List.of();
        }
        List<Tree> fields = new ArrayList<>();
        Set<String> own = new HashSet<>();
        for (Map.Entry<Hoisted, String> f : holder.fields().entrySet()) {
            if (!holder.capturesOf(hoistedClass).contains(f.getKey())) {
                continue;
            }
            String name = PREFIX + vars.sourceName(f.getKey());
            for (int i = 1; !own.add(name); i++) {
                name = PREFIX + vars.sourceName(f.getKey()) + "$" + i;
            }
            if (vars.bodyNames().contains(name) || inherited(type, name)) {
                continue;
            }
            ExactTypes.Exact exact = exactTypes.of(f.getKey());
            String text = typeText.of(exact == null ? f.getKey().type() : exact.type());
            // No position: the initializer adds no line to the class's constructors.
            fields.add(templates.statement(-1, "final " + text + " " + name + " = " + f.getValue() + ";"));
            names.add(name);
        }
        return fields;
    }

    /** The names of the fields declared so far (see javac/DebuggerLocalNames). */
    Set<String> names() {
        return names;
    }

    /** True when a supertype of {@code type} (a class or interface of any depth) has a field {@code name}. */
    private static boolean inherited(TypeElement type, String name) {
        List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
        supertypes.add(type.getSuperclass());
        for (TypeMirror s : supertypes) {
            if (!(s instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement e)) {
                continue;
            }
            for (Element m : e.getEnclosedElements()) {
                if (m.getKind() == ElementKind.FIELD && m.getSimpleName().contentEquals(name)) {
                    return true;
                }
            }
            if (inherited(e, name)) {
                return true;
            }
        }
        return false;
    }
}
