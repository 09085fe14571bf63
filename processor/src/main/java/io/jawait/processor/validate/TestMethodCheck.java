package io.jawait.processor.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Rejects {@code @Async} on a method that a test framework would run. JUnit (Jupiter and 4) and
 * TestNG run only test and lifecycle methods that return void; an {@code @Async} method returns a
 * Task, so JUnit Jupiter and TestNG would skip it without failing anything. Composed annotations
 * (meta-annotated with {@code @Test}) count too.
 */
final class TestMethodCheck {
    /** Annotations that make a method a test or a lifecycle method: each runs only void methods. */
    private static final List<String> TEST_ANNOTATIONS = List.of(
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.api.RepeatedTest",
            "org.junit.jupiter.api.TestTemplate",
            "org.junit.jupiter.api.TestFactory",
            "org.junit.jupiter.params.ParameterizedTest",
            "org.junit.jupiter.api.BeforeEach",
            "org.junit.jupiter.api.AfterEach",
            "org.junit.jupiter.api.BeforeAll",
            "org.junit.jupiter.api.AfterAll",
            "org.junit.Test",
            "org.junit.Before",
            "org.junit.After",
            "org.junit.BeforeClass",
            "org.junit.AfterClass",
            "org.testng.annotations.Test");

    private TestMethodCheck() {
    }

    /** The error for an {@code @Async} test or lifecycle method, or null when the method is neither. */
    static String problem(ExecutableElement method) {
        for (AnnotationMirror a : method.getAnnotationMirrors()) {
            TypeElement annotation = (TypeElement) a.getAnnotationType().asElement();
            String test = testAnnotation(annotation, new HashSet<>());
            if (test != null) {
                String used = annotation.getSimpleName().toString();
                String kind = test.substring(test.lastIndexOf('.') + 1);
                return "@Async method " + method.getSimpleName() + " cannot be a @" + used + " method"
                        + (used.equals(kind) ? "" : " (a @" + kind + ")") + ": JUnit and TestNG run only"
                        + " test methods that return void, so this one would be skipped or rejected. Keep it @Async"
                        + " without @" + used + ", and run it from a void method on virtual time: " + advice(method, used)
                        + " (io.jawait.test.TestLoop; with TestLoopExtension, loop.run(...) on the test's TestLoop"
                        + " parameter works too)";
            }
        }
        return null;
    }

    /** {@code @Test void scenarioTest(int n) { TestLoop.runTest(() -> scenario(n)); }} for the method. */
    private static String advice(ExecutableElement method, String annotation) {
        String name = method.getSimpleName().toString();
        List<String> declared = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            declared.add(p.asType() + " " + p.getSimpleName());
            passed.add(p.getSimpleName().toString());
        }
        return "@" + annotation + " void " + name + "Test(" + String.join(", ", declared) + ") { TestLoop.runTest(() -> "
                + name + "(" + String.join(", ", passed) + ")); }";
    }

    /** The test annotation {@code type} is or is meta-annotated with, or null. */
    private static String testAnnotation(TypeElement type, Set<String> seen) {
        String name = type.getQualifiedName().toString();
        if (TEST_ANNOTATIONS.contains(name)) {
            return name;
        }
        if (name.startsWith("java.") || !seen.add(name)) {
            return null;
        }
        for (AnnotationMirror meta : type.getAnnotationMirrors()) {
            String found = testAnnotation((TypeElement) meta.getAnnotationType().asElement(), seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
