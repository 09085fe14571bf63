package io.jawait.benchmarks.suite;

import java.io.PrintStream;

/** Progress lines on the console, with the elapsed time, so a long run shows where it is. */
final class Progress {
    private final long start = System.nanoTime();
    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    void say(String what) {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        out.printf("[%02d:%02d] %s%n", s / 60, s % 60, what);
        out.flush();
    }
}
