package io.jawait.benchmarks.peers;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads without compiling against JDK 21+: the module targets Java 17, so the one entry
 * point ({@code Thread.ofVirtual().factory()}) is looked up reflectively; everything else is Java
 * 17 API. Callers check {@link #available()} first (false before JDK 21).
 */
public final class VirtualThreads {
    private static final ThreadFactory FACTORY = lookUp();

    private VirtualThreads() {
    }

    private static ThreadFactory lookUp() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
            return (ThreadFactory) factory.invoke(builder);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** True on JDK 21 and newer. */
    public static boolean available() {
        return FACTORY != null;
    }

    /** Starts a virtual thread running {@code body}. */
    public static Thread start(Runnable body) {
        if (FACTORY == null) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or newer; this is "
                    + Runtime.version());
        }
        Thread t = FACTORY.newThread(body);
        t.start();
        return t;
    }

    /** Joins without checked exceptions (benchmark threads are never interrupted). */
    public static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
