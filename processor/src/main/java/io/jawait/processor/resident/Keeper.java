package io.jawait.processor.resident;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that keeps its class's loader, the loader of a resident processor, for as long as
 * compilations use it: each use interrupts it (the one signal a compilation loaded by another loader
 * can give it), and after {@link #IDLE_MINUTES} without one it ends, leaving the loader to the
 * garbage collector. Its name is the loader's key (see {@link ResidentProcessors}).
 */
public final class Keeper implements Runnable {
    /** Long enough to span a build's modules and a developer's edit-compile cycles in a daemon. */
    static final long IDLE_MINUTES = 20;

    private final long idleNanos;

    Keeper(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    /** Starts the keeper of this class's loader. Called reflectively, through that loader. */
    @SuppressWarnings("removal")
    public static void start(String name) {
        // Privileged: on JDKs that still capture the access control context of a new thread, the
        // context would hold the compilation's own processor loader from the calling frames.
        Thread thread = AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread t = new Thread(null, new Keeper(TimeUnit.MINUTES.toNanos(IDLE_MINUTES)), name, 0, false);
            t.setDaemon(true);
            t.setContextClassLoader(Keeper.class.getClassLoader());
            return t;
        });
        thread.start();
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + idleNanos;
        while (true) {
            LockSupport.parkNanos(deadline - System.nanoTime());
            if (Thread.interrupted()) {
                deadline = System.nanoTime() + idleNanos;
            } else if (System.nanoTime() - deadline >= 0) {
                return;
            }
        }
    }

    /** The live platform threads of this JVM. */
    static List<Thread> threads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(all[i]);
        }
        return threads;
    }
}
