package io.jawait.processor;

import com.sun.source.tree.MethodTree;
import io.jawait.processor.javac.JavacSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * The valid {@code @Async} methods found in the rounds of annotation processing, kept to be
 * transformed in the last one. Elements do not survive rounds, trees do: each method is found
 * again through its declaration tree.
 */
final class PendingMethods {
    private final ProcessingEnvironment env;
    private final List<Pending> methods = new ArrayList<>();

    /** One method: its declaration, and its class's module and binary name to look it up by otherwise. */
    private record Pending(String module, String owner, MethodTree tree, String name) {
    }

    PendingMethods(ProcessingEnvironment env) {
        this.env = env;
    }

    void add(ExecutableElement method, MethodTree tree) {
        Elements elements = env.getElementUtils();
        ModuleElement m = elements.getModuleOf(method);
        String owner = elements.getBinaryName((TypeElement) method.getEnclosingElement()).toString();
        methods.add(new Pending(m == null ? null : m.getQualifiedName().toString(), owner, tree,
                owner + "." + method.getSimpleName()));
    }

    boolean isEmpty() {
        return methods.isEmpty();
    }

    /**
     * The methods' elements in this round, in the order they were found, and forgets them: each
     * declaration's symbol as javac entered it again, else looked up among its class's members
     * (each class once). One not found is an error, never silently left as written: its awaits
     * would block nothing and fail at run time.
     */
    List<ExecutableElement> foundAgain(JavacSession session) {
        Map<MethodTree, ExecutableElement> byTree = new IdentityHashMap<>();
        Set<String> owners = new HashSet<>();
        List<ExecutableElement> found = new ArrayList<>();
        for (Pending p : methods) {
            ExecutableElement e = session.method(p.tree());
            if (e == null && owners.add(p.owner())) {
                TypeElement type = ownerType(p);
                for (Element member : type == null ? List.<Element>of() : type.getEnclosedElements()) {
                    if (member instanceof ExecutableElement m && session.tree(m) != null) {
                        byTree.put(session.tree(m), m);
                    }
                }
            }
            e = e != null ? e : byTree.get(p.tree());
            if (e != null) {
                found.add(e);
            } else {
                env.getMessager().printMessage(Diagnostic.Kind.ERROR, "jawait: internal error: @Async method "
                        + p.name() + " was not found again in the last round of processing; please report it");
            }
        }
        methods.clear();
        return found;
    }

    private TypeElement ownerType(Pending p) {
        Elements elements = env.getElementUtils();
        ModuleElement m = p.module() == null ? null : elements.getModuleElement(p.module());
        for (String name : List.of(p.owner().replace('$', '.'), p.owner())) {
            TypeElement type = m != null ? elements.getTypeElement(m, name) : null;
            type = type != null ? type : elements.getTypeElement(name);
            if (type != null) {
                return type;
            }
        }
        return null;
    }
}
