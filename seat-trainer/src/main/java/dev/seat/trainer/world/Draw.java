package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random choices used by the generators (all deterministic for a given {@link Random}). */
final class Draw {
    private Draw() {}

    static <T> T one(List<T> items, Random rng) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("Cannot draw from an empty list");
        }
        return items.get(rng.nextInt(items.size()));
    }

    static int between(Random rng, int minInclusive, int maxInclusive) {
        return minInclusive + rng.nextInt(maxInclusive - minInclusive + 1);
    }

    /** {@code count} distinct items (all of them, shuffled, when there are fewer). */
    static <T> List<T> distinct(List<T> items, int count, Random rng) {
        List<T> copy = new ArrayList<>(items);
        java.util.Collections.shuffle(copy, rng);
        return copy.subList(0, Math.min(count, copy.size()));
    }

    /** The i-th independent random stream of a seed, so stages do not disturb each other. */
    static Random stream(long seed, int stage) {
        return new Random(seed * 0x9E3779B97F4A7C15L + stage * 0xBF58476D1CE4E5B9L);
    }
}
