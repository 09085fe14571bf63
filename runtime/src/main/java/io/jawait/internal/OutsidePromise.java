package io.jawait.internal;

/**
 * A promise that something outside its loop completes: another thread, or another loop. Until it
 * completes (or stops waiting) its loop counts it as awaiting something outside, so that the loop
 * waits for it instead of reporting a stall, and shutdown keeps running while it may still come.
 */
abstract class OutsidePromise<T> extends Promise<T> {
    private boolean counted = true;

    OutsidePromise() {
        loop().pendingExternal++;
    }

    /** The loop no longer waits for the outside (it completed, or gave up); idempotent. Loop thread. */
    final void stopWaiting() {
        if (counted) {
            counted = false;
            loop().pendingExternal--;
        }
    }

    /** Stops waiting and completes with {@code value}, or with {@code error} if it is not null. Loop thread. */
    final void settle(T value, Throwable error) {
        stopWaiting();
        if (error == null) {
            complete(value);
        } else {
            fail(error);
        }
    }
}
