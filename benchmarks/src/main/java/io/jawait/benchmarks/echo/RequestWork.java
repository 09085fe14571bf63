package io.jawait.benchmarks.echo;

/**
 * CPU work an echo server may do for each message it reads before echoing it, the same in every
 * server, so that the server and not the load generator is what limits a run: how a 2-core machine
 * can show whether a server scales from one loop to two while the generator needs a share of the
 * cores too. A chain of dependent xorshift steps, which the JIT can neither vectorize nor drop.
 */
final class RequestWork {
    /** Keeps the result observable, so the loop is not dead code. */
    private static volatile long sink;

    private RequestWork() {
    }

    /** Spends {@code iterations} steps of six dependent operations (about 2 ns each at 3 GHz); nothing for 0. */
    static void spend(int iterations) {
        if (iterations <= 0) {
            return;
        }
        long x = 0x9E3779B97F4A7C15L ^ System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
    }
}
