package io.jawait.processor.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Rejects an {@code @Async} method in whose scope a type is named {@code io} or {@code java}. The
 * generated code names the runtime and the JDK by qualified names ({@code io.jawait.internal.Coroutine},
 * {@code java.lang.Throwable}), and a type of the package's name hides the package there (JLS 6.4.2:
 * a type is chosen in preference to a package); Java has no way to name the package past it. Without
 * this check javac reports "cannot find symbol" on the user's lines, of code that is valid.
 *
 * <p>One instance serves one round of processing: what a class's scope holds is looked up once for
 * all its methods (the look-up of a top-level type that does not exist searches every module, and
 * each method would pay it), and no type is added to a scope during a round.
 */
public final class HiddenPackages {
    /** The first name of every package the generated code names. */
    static final List<String> PACKAGES = List.of("io", "java");

    private final Elements elements;
    /** For each class seen, what hides a package in its scope (the class's and those around it), if anything. */
    private final Map<TypeElement, Optional<Hiding>> byClass = new HashMap<>();
    /** For each package seen, its top-level type that hides a package, if any. */
    private final Map<PackageElement, Optional<Hiding>> byPackage = new HashMap<>();

    public HiddenPackages(Elements elements) {
        this.elements = elements;
    }

    /** The problem with {@code method}, or null when no type in its scope hides those packages. */
    String problem(ExecutableElement method) {
        Hiding hiding = hidingType(method);
        if (hiding == null) {
            return null;
        }
        String name = hiding.name();
        return "@Async method " + method.getSimpleName() + " cannot be transformed: " + hiding.what()
                + hidesPackage(name) + "; rename the type";
    }

    /** " hides the package io, which the generated code names (io.jawait...)": what each of these errors says. */
    static String hidesPackage(String name) {
        return " hides the package " + name + ", which the generated code names (" + name
                + (name.equals("io") ? ".jawait" : ".lang") + "...)";
    }

    /** A type in scope named like one of PACKAGES: that name, and what the type is. */
    private record Hiding(String name, String what) {
    }

    /**
     * The first type in the method's scope named like one of PACKAGES (a type variable, a member or
     * top-level type), found in one walk of the scope for all the names.
     */
    private Hiding hidingType(ExecutableElement method) {
        for (TypeParameterElement p : method.getTypeParameters()) {
            if (hides(p)) {
                return new Hiding(p.getSimpleName().toString(), "its type variable " + p.getSimpleName());
            }
        }
        Element e = method.getEnclosingElement();
        return e instanceof TypeElement type ? inClassScope(type) : inPackageScope(e);
    }

    /** What hides a package in the scope of {@code type}'s body, from the class outwards; null for nothing. */
    private Hiding inClassScope(TypeElement type) {
        Optional<Hiding> known = byClass.get(type);
        if (known == null) {
            known = Optional.ofNullable(hidingAround(type));
            byClass.put(type, known);
        }
        return known.orElse(null);
    }

    private Hiding hidingAround(TypeElement type) {
        for (TypeParameterElement p : type.getTypeParameters()) {
            if (hides(p)) {
                return new Hiding(p.getSimpleName().toString(),
                        "the type variable " + p.getSimpleName() + " of " + type.getQualifiedName());
            }
        }
        TypeElement member = memberType(type, new HashSet<>());
        if (member != null) {
            return new Hiding(member.getSimpleName().toString(), "the class " + member.getQualifiedName());
        }
        Element e = type.getEnclosingElement();
        return e instanceof TypeElement outer ? inClassScope(outer) : inPackageScope(e);
    }

    /** A top-level type of the package named like one of PACKAGES; null for none, or for no package. */
    private Hiding inPackageScope(Element e) {
        if (!(e instanceof PackageElement pkg)) {
            return null;
        }
        Optional<Hiding> known = byPackage.get(pkg);
        if (known == null) {
            known = Optional.ofNullable(topLevelType(pkg));
            byPackage.put(pkg, known);
        }
        return known.orElse(null);
    }

    private Hiding topLevelType(PackageElement pkg) {
        for (String name : PACKAGES) {
            String qualified = pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name;
            TypeElement topLevel = elements.getTypeElement(qualified);
            if (topLevel != null) {
                return new Hiding(name, "the class " + topLevel.getQualifiedName() + " of the same package");
            }
        }
        return null;
    }

    private static boolean hides(Element e) {
        return PACKAGES.contains(e.getSimpleName().toString());
    }

    /** A member type named like one of PACKAGES that {@code type} declares or inherits (all are in scope in its body), or null. */
    static TypeElement memberType(TypeElement type, Set<TypeElement> seen) {
        if (!seen.add(type)) {
            return null;
        }
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement t && hides(t)) {
                return t;
            }
        }
        List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
        supertypes.add(type.getSuperclass());
        for (TypeMirror s : supertypes) {
            if (s instanceof DeclaredType d && d.asElement() instanceof TypeElement superType) {
                TypeElement found = memberType(superType, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
