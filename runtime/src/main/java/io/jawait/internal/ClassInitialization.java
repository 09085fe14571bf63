package io.jawait.internal;

/**
 * Initializes a class the way {@code new C(...)} does before it evaluates its arguments (JLS
 * 12.4.1, 15.9.4), for generated code that must evaluate some of those arguments, awaits among
 * them, before it can make the call.
 *
 * <p>Generated code: {@code io.jawait.internal.ClassInitialization.ensure(C.class);}
 */
public final class ClassInitialization {
    /** Remembers the classes known to be initialized, so that the usual call costs a lookup. */
    private static final ClassValue<Boolean> INITIALIZED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                // Initializes it, or returns at once if this thread is initializing it (JLS 12.4.2).
                Class.forName(type.getName(), true, type.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new NoClassDefFoundError(type.getName());
            }
            return Boolean.TRUE;
        }
    };

    private ClassInitialization() {
    }

    /**
     * Initializes {@code type} unless it is already; throws what its initialization throws, as
     * {@code new} would ({@code ExceptionInInitializerError}, then {@code NoClassDefFoundError}).
     */
    public static void ensure(Class<?> type) {
        INITIALIZED.get(type);
    }
}
