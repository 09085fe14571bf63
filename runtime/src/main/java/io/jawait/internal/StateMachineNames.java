package io.jawait.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's names for generated code: the processor turns method {@code middle} of class
 * {@code Demo} into the member class {@code Demo$middle$Coroutine} (the task) and the method
 * {@code Demo.middle$step} (with a number after both for overloads), which holds the user's
 * statements with their own line numbers; the class's {@code $step} only calls it. A frame
 * {@code Demo.middle$step(Demo.java:23)} therefore stands for {@code Demo.middle(Demo.java:23)}, a
 * lambda in it, {@code lambda$middle$step$0}, for javac's {@code lambda$middle$0}, and the frame of
 * the class's {@code $step} for nothing (it is the runtime's way in).
 *
 * <p>A frame names its method, so a step method is known by its name alone (a method of the
 * user's own named {@code x$step} would be taken for one, as {@code $} is for generated names).
 * From a class the split is exact (its enclosing class is the owner); from a class name alone a
 * method name containing {@code $} is ambiguous, so the names of classes seen are kept and the
 * name's pattern is the fallback.
 */
final class StateMachineNames {
    private static final Pattern GENERATED = Pattern.compile("(.+)\\$([^$]+)\\$Coroutine\\d*");
    private static final Pattern SUFFIX = Pattern.compile("(.+)\\$Coroutine\\d*");
    private static final Pattern STEP_METHOD = Pattern.compile("(.+)\\$step\\d*");
    private static final Pattern STEP_LAMBDA = Pattern.compile("lambda\\$(.+)\\$step\\d*\\$(\\d+)");
    /** The method of Coroutine that generated classes override to call their step method. */
    private static final String TRAMPOLINE = "$step";
    /** Bounds the cache for programs that load many generated classes (each in its own loader). */
    private static final int MAX_KNOWN = 10_000;
    /** Binary name of a generated class to {owner's binary name, method name}. */
    private static final Map<String, String[]> KNOWN = new ConcurrentHashMap<>();

    private StateMachineNames() {
    }

    /** Remembers the exact names of {@code type} if it is a generated state machine. */
    static void learn(Class<?> type) {
        if (type == null || type == Coroutine.class || !Coroutine.class.isAssignableFrom(type)
                || KNOWN.containsKey(type.getName())) {
            return;
        }
        String[] names = split(type);
        if (names != null) {
            if (KNOWN.size() >= MAX_KNOWN) {
                KNOWN.clear();
            }
            KNOWN.put(type.getName(), names);
        }
    }

    /** {owner's binary name, method name} of a generated class, or null for another class. */
    static String[] split(Class<?> type) {
        Class<?> owner = type.getEnclosingClass();
        Matcher m = SUFFIX.matcher(type.getSimpleName());
        return owner == null || !m.matches() ? null : new String[] {owner.getName(), m.group(1)};
    }

    /** True if the frame is user code of an {@code @Async} method: its step method or a lambda in it. */
    static boolean isStep(StackTraceElement frame) {
        String method = frame.getMethodName();
        return STEP_METHOD.matcher(method).matches()
                || (method.startsWith("lambda$") && STEP_LAMBDA.matcher(method).matches());
    }

    /** True if the frame is a step method itself, not a lambda in it. */
    static boolean isStepMethod(StackTraceElement frame) {
        return STEP_METHOD.matcher(frame.getMethodName()).matches();
    }

    /** True if the frame is a generated class's {@code $step}, which only calls the step method. */
    static boolean isTrampoline(StackTraceElement frame) {
        return frame.getMethodName().equals(TRAMPOLINE) && names(frame.getClassName()) != null;
    }

    /** The frame under the user's names if it is in a step method; otherwise the frame itself. */
    static StackTraceElement rename(StackTraceElement frame) {
        String method = frame.getMethodName();
        Matcher step = STEP_METHOD.matcher(method);
        String renamed;
        if (step.matches()) {
            renamed = step.group(1);
        } else {
            Matcher lambda = STEP_LAMBDA.matcher(method);
            if (!method.startsWith("lambda$") || !lambda.matches()) {
                return frame;
            }
            renamed = "lambda$" + lambda.group(1) + "$" + lambda.group(2);
        }
        // The four-argument form: no class loader or module prefix, as the user's own frames print.
        return new StackTraceElement(frame.getClassName(), renamed, frame.getFileName(), frame.getLineNumber());
    }

    /**
     * A frame for a suspended coroutine's await: {@code Demo.middle(Demo.java:14)}. The file is
     * named after the top-level class (where javac requires a public class to be declared).
     */
    static StackTraceElement frame(Class<?> type, int line) {
        String[] names = split(type);
        if (names == null) {
            return null;
        }
        String owner = names[0];
        int nested = owner.indexOf('$', owner.lastIndexOf('.') + 1);
        String topLevel = owner.substring(owner.lastIndexOf('.') + 1, nested < 0 ? owner.length() : nested);
        return new StackTraceElement(owner, names[1], topLevel + ".java", line > 0 ? line : -1);
    }

    private static String[] names(String className) {
        String[] known = KNOWN.get(className);
        if (known != null) {
            return known;
        }
        Matcher m = GENERATED.matcher(className);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }
}
