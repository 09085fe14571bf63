package io.jawait.internal;

import java.util.Arrays;

/**
 * Copy-on-write arrays for registries that the loop threads read on every step without a lock (step
 * listeners, logging mirrors): writers, synchronized among themselves, never change a published
 * array but publish a new one (or a snapshot built from it) through a volatile field, so a reader
 * sees either the old or the new array whole.
 */
final class CopyOnWriteArrays {
    private CopyOnWriteArrays() {
    }

    /** A copy of {@code all} with {@code item} appended. */
    static <T> T[] with(T[] all, T item) {
        T[] more = Arrays.copyOf(all, all.length + 1);
        more[all.length] = item;
        return more;
    }

    /** A copy of {@code all} without the first element identical to {@code item}; {@code all} itself if it has none. */
    static <T> T[] without(T[] all, T item) {
        for (int i = 0; i < all.length; i++) {
            if (all[i] == item) {
                T[] fewer = Arrays.copyOf(all, all.length - 1);
                System.arraycopy(all, i + 1, fewer, i, fewer.length - i);
                return fewer;
            }
        }
        return all;
    }
}
