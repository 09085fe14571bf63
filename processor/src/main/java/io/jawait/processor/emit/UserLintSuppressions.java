package io.jawait.processor.emit;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The lint keys an {@code @Async} method's own declaration suppresses for its body: those of its
 * {@code @SuppressWarnings}, and {@code deprecation} when it is {@code @Deprecated} (javac reports
 * no use of a deprecated API inside a deprecated declaration). The body's code moves to the step
 * method and the state machine, which must suppress them too: else a build with {@code -Xlint} and
 * {@code -Werror} that passes without the processor would fail with it.
 */
final class UserLintSuppressions {
    private UserLintSuppressions() {
    }

    static List<String> of(ExecutableElement method) {
        List<String> keys = new ArrayList<>();
        for (AnnotationMirror a : method.getAnnotationMirrors()) {
            javax.lang.model.element.Name type = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName();
            if (type.contentEquals("java.lang.Deprecated")) {
                keys.add("deprecation");
            }
            if (!type.contentEquals("java.lang.SuppressWarnings")) {
                continue;
            }
            for (AnnotationValue v : a.getElementValues().values()) {
                Object value = v.getValue();
                for (Object item : value instanceof List<?> list ? list : List.of(value)) {
                    Object key = item instanceof AnnotationValue av ? av.getValue() : item;
                    if (key instanceof String s) {
                        keys.add(s);
                    }
                }
            }
        }
        return keys;
    }
}
