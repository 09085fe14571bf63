package io.jawait.processor.analyse;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out member and local names for generated code that cannot clash with each other or with
 * any name the user's body mentions.
 */
public final class NameAllocator {
    private final Set<String> taken = new HashSet<>();

    public NameAllocator(Set<String> reserved) {
        taken.addAll(reserved);
    }

    /** {@code preferred} itself when free, else {@code preferred$1}, {@code preferred$2}, ... */
    public String claim(String preferred) {
        if (taken.add(preferred)) {
            return preferred;
        }
        for (int i = 1; ; i++) {
            String candidate = preferred + "$" + i;
            if (taken.add(candidate)) {
                return candidate;
            }
        }
    }

    /** A fresh name made of a prefix and a counter: {@code $t0}, {@code $t1}, ... */
    public String fresh(String prefix) {
        for (int i = 0; ; i++) {
            String candidate = prefix + i;
            if (taken.add(candidate)) {
                return candidate;
            }
        }
    }
}
