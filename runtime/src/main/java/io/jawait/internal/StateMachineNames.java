package io.jawait.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's names for generated state machines: the processor turns method {@code middle} of
 * class {@code Demo} into the member class {@code Demo$middle$Coroutine} (with a number after it
 * for overloads), whose {@code $step} method holds the user's statements with their own line
 * numbers. A frame {@code Demo$middle$Coroutine.$step(Demo.java:23)} therefore stands for
 * {@code Demo.middle(Demo.java:23)}, and a lambda in it, {@code lambda$$step$0}, for javac's
 * {@code lambda$middle$0}.
 *
 * <p>From a class the split is exact (its enclosing class is the owner); from a frame's class name
 * alone a method name containing {@code $} is ambiguous, so the names of classes seen are kept
 * and the name's pattern is the fallback.
 */
final class StateMachineNames {
    private static final Pattern GENERATED = Pattern.compile("(.+)\\$([^$]+)\\$Coroutine\\d*");
    private static final Pattern SUFFIX = Pattern.compile("(.+)\\$Coroutine\\d*");
    private static final String STEP = "$step";
    private static final String STEP_LAMBDA = "lambda$$step$";
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

    /** True if the frame is user code inside a generated state machine. */
    static boolean isStep(StackTraceElement frame) {
        String method = frame.getMethodName();
        return (method.equals(STEP) || method.startsWith(STEP_LAMBDA)) && names(frame.getClassName()) != null;
    }

    /** The frame under the user's names if it is in a state machine; otherwise the frame itself. */
    static StackTraceElement rename(StackTraceElement frame) {
        String method = frame.getMethodName();
        boolean step = method.equals(STEP);
        if (!step && !method.startsWith(STEP_LAMBDA)) {
            return frame;
        }
        String[] names = names(frame.getClassName());
        if (names == null) {
            return frame;
        }
        String renamed = step ? names[1] : "lambda$" + names[1] + "$" + method.substring(STEP_LAMBDA.length());
        // The four-argument form: no class loader or module prefix, as the user's own frames print.
        return new StackTraceElement(names[0], renamed, frame.getFileName(), frame.getLineNumber());
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
