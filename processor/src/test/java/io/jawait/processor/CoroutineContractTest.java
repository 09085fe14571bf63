package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.internal.Coroutine;
import io.jawait.processor.model.CoroutineContract;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every runtime member the generated code names exists on the runtime's base class (or is inherited by it), reachable from a subclass. */
class CoroutineContractTest {

    @Test
    void everyRuntimeMethodTheGeneratedCodeNamesIsDeclaredByCoroutine() {
        for (String name : CoroutineContract.RUNTIME_METHODS) {
            List<Method> methods = new ArrayList<>();
            for (Class<?> c = Coroutine.class; c != null; c = c.getSuperclass()) {
                Arrays.stream(c.getDeclaredMethods()).filter(m -> m.getName().equals(name)).forEach(methods::add);
            }
            assertFalse(methods.isEmpty(), "io.jawait.internal.Coroutine has no method " + name + ", nor inherits one");
            assertTrue(methods.stream().anyMatch(m -> Modifier.isProtected(m.getModifiers()) || Modifier.isPublic(m.getModifiers())),
                    name + " must be protected or public for the generated subclass");
        }
    }

    @Test
    void everyRuntimeMethodTheStepMethodCallsIsPublic() {
        for (String name : CoroutineContract.CALLED_BY_STEP_METHOD) {
            List<Method> methods = Arrays.stream(Coroutine.class.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                    .toList();
            assertFalse(methods.isEmpty(), "io.jawait.internal.Coroutine has no method " + name);
            assertTrue(methods.stream().allMatch(m -> Modifier.isPublic(m.getModifiers())),
                    name + " must be public: the step method, in the user's class, calls it");
        }
    }

    @Test
    void theNamesTheGeneratedClassDeclaresAreNotCoroutineMembers() {
        for (String name : CoroutineContract.GENERATED) {
            if (name.equals(CoroutineContract.STEP)) {
                continue; // overridden on purpose
            }
            assertTrue(Arrays.stream(Coroutine.class.getDeclaredFields()).noneMatch(f -> f.getName().equals(name))
                    && Arrays.stream(Coroutine.class.getDeclaredMethods()).noneMatch(m -> m.getName().equals(name)),
                    name + " is declared by the generated class and must not clash with Coroutine");
        }
    }
}
