package io.jawait.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** The names of the jawait runtime that the processor recognises in user code or generates calls to. */
public final class RuntimeApi {
    public static final String ASYNC = "io.jawait.Async";
    public static final String TASK = "io.jawait.Task";
    public static final String TASKS = "io.jawait.Tasks";
    public static final String ASYNC_CLOSEABLE = "io.jawait.AsyncCloseable";
    public static final String COROUTINE = "io.jawait.internal.Coroutine";

    private RuntimeApi() {
    }

    /** True when the call is {@code Tasks.await(x)} or {@code task.await()}. */
    public static boolean isAwait(ExecutableElement m) {
        if (m == null || !m.getSimpleName().contentEquals("await")) {
            return false;
        }
        String owner = ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString();
        return (owner.equals(TASKS) && m.getParameters().size() == 1)
                || (owner.equals(TASK) && m.getParameters().isEmpty());
    }

    /** True when the element is annotated {@code @io.jawait.Async}. */
    public static boolean isAsync(Element element) {
        if (element == null) {
            return false;
        }
        for (AnnotationMirror a : element.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ASYNC)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for the runtime's methods whose task is meant to be dropped: they start or schedule
     * work in the background ({@code spawn}, {@code schedule}) or return the task they were called
     * on ({@code onComplete}).
     */
    public static boolean isFireAndForget(ExecutableElement m) {
        String owner = ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString();
        String name = m.getSimpleName().toString();
        return owner.startsWith("io.jawait.") && (name.equals("spawn") || name.equals("schedule") || name.equals("onComplete"));
    }

    /** True when {@code m} is declared by the type with the given qualified name. */
    public static boolean declaredBy(ExecutableElement m, String type) {
        return m != null && ((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals(type);
    }
}
