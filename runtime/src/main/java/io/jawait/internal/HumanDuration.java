package io.jawait.internal;

import java.util.Locale;

/** A duration as people read it in a report: {@code 350 ms}, {@code 2.4 s}, {@code 3 min 5 s}, {@code 2 h 3 min}. */
final class HumanDuration {
    private HumanDuration() {
    }

    static String of(long nanos) {
        long ms = Math.max(0, nanos) / 1_000_000;
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
