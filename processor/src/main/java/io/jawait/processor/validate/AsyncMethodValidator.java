package io.jawait.processor.validate;

import io.jawait.processor.model.RuntimeApi;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks where {@code @Async} stands and what the method declares, using only the public
 * javax.lang.model API. Each problem is a message that says what to write instead.
 */
public final class AsyncMethodValidator {
    private AsyncMethodValidator() {
    }

    /**
     * Problems with the declaration; empty when the method can be transformed. {@code hiddenPackages}
     * is this round's (one for all the methods it finds).
     */
    public static List<String> problems(Element element, HiddenPackages hiddenPackages) {
        List<String> out = new ArrayList<>();
        if (element.getKind() != ElementKind.METHOD) {
            out.add("@Async applies to methods only; constructors and initializers cannot suspend");
            return out;
        }
        ExecutableElement m = (ExecutableElement) element;
        if (m.getModifiers().contains(Modifier.ABSTRACT)) {
            out.add("@Async method " + m.getSimpleName() + " has no body: an abstract or interface method "
                    + "cannot be @Async; put @Async on the implementations instead");
        }
        if (m.getModifiers().contains(Modifier.NATIVE)) {
            out.add("@Async method " + m.getSimpleName() + " is native: only methods with a Java body can be @Async");
        }
        if (resultType(m.getReturnType()) == null) {
            out.add("@Async method " + m.getSimpleName() + " must return io.jawait.Task<T> (found "
                    + m.getReturnType() + "); declare it as Task<T> and end it with return Task.of(value) "
                    + "or return Task.done()");
        }
        String test = TestMethodCheck.problem(m);
        if (test != null) {
            out.add(test);
        }
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        if (owner.getNestingKind() == NestingKind.ANONYMOUS) {
            out.add("@Async methods in anonymous classes are not supported; move the method to a named class");
        }
        if (owner.getKind() == ElementKind.ANNOTATION_TYPE) {
            out.add("@Async cannot be used in an annotation type");
        }
        String hidden = hiddenPackages.problem(m);
        if (hidden != null) {
            out.add(hidden);
        }
        return out;
    }

    /** {@code @SuppressWarnings} key that silences the warning for an @Async method that never awaits. */
    public static final String NO_AWAIT = "jawait-no-await";
    /** {@code @SuppressWarnings} key that silences the warning for a dropped task. */
    public static final String DROPPED_TASK = "jawait-dropped-task";
    private static final String SUPPRESS_WARNINGS = "java.lang.SuppressWarnings";

    /** True when {@code @SuppressWarnings} on the element or a class around it names {@code key} (or "all"). */
    public static boolean isSuppressed(Element element, String key) {
        for (Element e = element; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            // The mirrors rather than getAnnotation, which makes a proxy for each annotation it finds.
            for (AnnotationMirror a : e.getAnnotationMirrors()) {
                if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(SUPPRESS_WARNINGS)
                        && suppresses(a, key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean suppresses(AnnotationMirror suppressWarnings, String key) {
        for (AnnotationValue v : suppressWarnings.getElementValues().values()) {
            Object value = v.getValue();
            for (Object item : value instanceof List<?> list ? list : List.of(value)) {
                Object name = item instanceof AnnotationValue av ? av.getValue() : item;
                if (key.equals(name) || "all".equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** T of a {@code Task<T>} return type, or null when the type is not a parameterised Task. */
    public static TypeMirror resultType(TypeMirror returnType) {
        if (returnType.getKind() != TypeKind.DECLARED) {
            return null;
        }
        DeclaredType d = (DeclaredType) returnType;
        TypeElement e = (TypeElement) d.asElement();
        if (!e.getQualifiedName().contentEquals(RuntimeApi.TASK) || d.getTypeArguments().size() != 1
                || d.getTypeArguments().get(0).getKind() == TypeKind.WILDCARD) {
            return null;
        }
        return d.getTypeArguments().get(0);
    }
}
