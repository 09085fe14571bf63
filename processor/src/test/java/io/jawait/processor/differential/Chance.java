package io.jawait.processor.differential;

import java.util.List;
import java.util.SplittableRandom;

/** The generator's only source of randomness: a seeded stream, so a seed always gives the same program. */
final class Chance {
    private final SplittableRandom random;

    Chance(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** True with probability {@code percent}/100. */
    boolean percent(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A number in {@code [from, to]}. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /**
     * The index of a weighted choice: {@code weights[i]} is the relative weight of choice i; a
     * weight of 0 rules a choice out.
     */
    int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }
}
