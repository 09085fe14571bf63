package io.jawait.processor.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 */
final class HiddenPackages {
    /** The first name of every package the generated code names. */
    private static final List<String> PACKAGES = List.of("io", "java");

    private HiddenPackages() {
    }

    /** The problem with {@code method}, or null when no type in its scope hides those packages. */
    static String problem(ExecutableElement method, Elements elements) {
        for (String name : PACKAGES) {
            String hiding = hidingType(method, name, elements);
            if (hiding != null) {
                return "@Async method " + method.getSimpleName() + " cannot be transformed: " + hiding
                        + " hides the package " + name + ", which the generated code names (" + name
                        + (name.equals("io") ? ".jawait" : ".lang") + "...); rename the type";
            }
        }
        return null;
    }

    /** What is named {@code name} in the method's scope as a type: a type variable, a member or top-level type. */
    private static String hidingType(ExecutableElement method, String name, Elements elements) {
        for (TypeParameterElement p : method.getTypeParameters()) {
            if (p.getSimpleName().contentEquals(name)) {
                return "its type variable " + name;
            }
        }
        Element e = method.getEnclosingElement();
        while (e instanceof TypeElement type) {
            for (TypeParameterElement p : type.getTypeParameters()) {
                if (p.getSimpleName().contentEquals(name)) {
                    return "the type variable " + name + " of " + type.getQualifiedName();
                }
            }
            TypeElement member = memberType(type, name, new HashSet<>());
            if (member != null) {
                return "the class " + member.getQualifiedName();
            }
            e = e.getEnclosingElement();
        }
        if (e instanceof PackageElement pkg) {
            String qualified = pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name;
            TypeElement topLevel = elements.getTypeElement(qualified);
            if (topLevel != null) {
                return "the class " + topLevel.getQualifiedName() + " of the same package";
            }
        }
        return null;
    }

    /** A member type named {@code name} that {@code type} declares or inherits (all are in scope in its body), or null. */
    private static TypeElement memberType(TypeElement type, String name, Set<TypeElement> seen) {
        if (!seen.add(type)) {
            return null;
        }
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement t && t.getSimpleName().contentEquals(name)) {
                return t;
            }
        }
        List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
        supertypes.add(type.getSuperclass());
        for (TypeMirror s : supertypes) {
            if (s instanceof DeclaredType d && d.asElement() instanceof TypeElement superType) {
                TypeElement found = memberType(superType, name, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
