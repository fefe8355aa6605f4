package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every name the world hands out, so no two entities share a name and no name hides inside
 * another ("Ana Li" inside "Ana Lima"): a question about one entity never mentions another.
 * A name can also be required to be absent from a text (the known facts, the training corpus),
 * which is how fresh unknown entities are guaranteed never to have been seen.
 */
final class NameRegistry {
    private static final int MAX_TRIES = 10_000;

    private final Set<String> names = new HashSet<>();
    private final List<String> ordered = new ArrayList<>();

    /** A new name from {@code generator} that clashes with no claimed name and is absent from {@code avoid}. */
    String claim(Supplier<String> generator, String avoid) {
        for (int i = 0; i < MAX_TRIES; i++) {
            String candidate = generator.get();
            if (isFree(candidate) && (avoid == null || !avoid.contains(candidate))) {
                names.add(candidate);
                ordered.add(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("Could not find a fresh name after " + MAX_TRIES
                + " tries; the world asks for more entities than its name generators can make");
    }

    String claim(Supplier<String> generator) {
        return claim(generator, null);
    }

    boolean isFree(String candidate) {
        if (names.contains(candidate)) {
            return false;
        }
        for (String name : ordered) {
            if (name.contains(candidate) || candidate.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
