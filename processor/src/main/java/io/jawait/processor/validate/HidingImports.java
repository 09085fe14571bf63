package io.jawait.processor.validate;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import io.jawait.processor.javac.JavacSession;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Imports that bring a type named {@code io} or {@code java} into the scope of a file's {@code @Async}
 * methods ({@code import foo.java;}, {@code import static foo.Holder.io;}, or an on-demand import of a
 * package or class that has one): like a member type of those names (HiddenPackages), such a type hides
 * the package the generated code names (JLS 6.5.2: a name in the scope of a type of that name is the
 * type). Each file's imports are looked at once, for all its methods: one look-up per on-demand import,
 * none for a single-type import, whose last name says it all.
 */
public final class HidingImports {
    /** Each file's problem, or "" for none. */
    private final Map<CompilationUnitTree, String> byUnit = new IdentityHashMap<>();
    private final Elements elements;

    public HidingImports(Elements elements) {
        this.elements = elements;
    }

    /** Why the @Async methods of {@code unit} cannot be transformed because of an import, or null. */
    public String problem(CompilationUnitTree unit) {
        if (unit == null) {
            return null;
        }
        String problem = byUnit.computeIfAbsent(unit, this::find);
        return problem.isEmpty() ? null : problem;
    }

    private String find(CompilationUnitTree unit) {
        for (ImportTree i : unit.getImports()) {
            if (!(i.getQualifiedIdentifier() instanceof MemberSelectTree imported)) {
                continue;
            }
            String name = imported.getIdentifier().toString();
            String qualifier = imported.getExpression().toString();
            String what = "the import " + (i.isStatic() ? "static " : "") + imported + " (line "
                    + unit.getLineMap().getLineNumber(JavacSession.pos(i)) + ")";
            if (name.equals("*")) {
                TypeElement hiding = onDemand(qualifier, i.isStatic());
                if (hiding != null) {
                    return what + " brings in the class " + hiding.getQualifiedName() + ", which"
                            + HiddenPackages.hidesPackage(hiding.getSimpleName().toString())
                            + "; import the types you use from " + qualifier + " one by one";
                }
            } else if (HiddenPackages.PACKAGES.contains(name)
                    && (!i.isStatic() || elements.getTypeElement(imported.toString()) != null)) {
                // A static import of that name may bring in only a field or method, which hides no package.
                return what + HiddenPackages.hidesPackage(name) + "; name " + imported + " by its qualified name "
                        + "instead of importing it";
            }
        }
        return "";
    }

    /** The type named like a hidden package that {@code import qualifier.*} brings in, or null. */
    private TypeElement onDemand(String qualifier, boolean isStatic) {
        if (qualifier.startsWith("java.") || qualifier.startsWith("javax.") || qualifier.startsWith("io.jawait.")) {
            // No type of the JDK's or jawait's is named so; most on-demand imports are of these, and a
            // look-up by name searches every module.
            return null;
        }
        TypeElement owner = elements.getTypeElement(qualifier);
        if (owner != null) {
            // A class's member types, inherited ones too (static or not, both kinds of import bring them in).
            return HiddenPackages.memberType(owner, new HashSet<>());
        }
        if (isStatic) {
            return null;
        }
        for (String name : HiddenPackages.PACKAGES) {
            TypeElement t = elements.getTypeElement(qualifier + "." + name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
