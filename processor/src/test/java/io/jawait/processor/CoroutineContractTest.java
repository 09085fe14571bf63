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

    @Test
    void theStepMethodsTypeVariablesForIntersectionsHaveTheContractsPrefix() {
        // xs is read after the await as List<$I0>, $I0 bounded by Number & Comparable<...> & Constable & ...
        var p = DualModeProgram.compile("IntersectionVariableNames", """
                @Async
                static Task<String> run() {
                    var xs = List.of(1, 2.5);
                    await(get(0));
                    return Task.of("" + xs.get(0).describeConstable().get());
                }
                """);
        Method step = Arrays.stream(p.compiled().type().getDeclaredMethods())
                .filter(m -> m.getName().equals("run" + CoroutineContract.STEP_METHOD_SUFFIX)).findFirst().orElseThrow();
        List<String> names = Arrays.stream(step.getTypeParameters()).map(java.lang.reflect.TypeVariable::getName).toList();
        assertFalse(names.isEmpty(), "the step method declares no type variable for the intersection");
        assertTrue(names.stream().allMatch(n -> n.matches(java.util.regex.Pattern.quote(CoroutineContract.INTERSECTION_VARIABLE) + "\\d+")),
                "type variables " + names + " are not named " + CoroutineContract.INTERSECTION_VARIABLE + "<n>");
        assertTrue(Arrays.stream(step.getTypeParameters()[0].getBounds()).anyMatch(b -> b.getTypeName().equals("java.lang.constant.Constable")),
                "the first variable is not bounded by the intersection's bounds");
    }
}
