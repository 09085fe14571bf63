package io.jawait.internal;

/**
 * The one error for using a loop-confined object (a stream, a socket, a task group, a
 * synchronization primitive) from the wrong thread. Its state is not synchronized, so a use from
 * another loop of a group would be a data race: it is refused, naming both loops, and says how to
 * reach the right one instead.
 */
public final class LoopConfinement {
    private LoopConfinement() {
    }

    /** Throws unless the caller runs on {@code owner}'s thread. */
    public static void check(LoopCore owner, Object what) {
        if (!owner.inLoopThread()) {
            throw new IllegalStateException(message(owner, what));
        }
    }

    /** "X belongs to the event loop of thread 'a' and cannot be used from the event loop of thread 'b'; ..." */
    public static String message(LoopCore owner, Object what) {
        Thread caller = Thread.currentThread();
        String from = LoopCore.currentOrNull() != null
                ? "the event loop of thread '" + caller.getName() + "'"
                : "thread '" + caller.getName() + "', which runs no event loop";
        return what + " belongs to the event loop of thread '" + owner.thread().getName() + "' and cannot be used from "
                + from + ": it is not thread-safe. Hand the work to its loop (Tasks.startOn(loop, ...) from a loop,"
                + " EventLoop.submit or execute from any thread), or share a thread-safe structure instead.";
    }
}
