package dev.seat.humaneval.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives each of {@code itemCount} items (already in a random pooled order) to {@code overlap}
 * distinct annotators out of {@code annotators}: item i goes to annotators
 * {@code (i·k + j) mod N} for j = 0..k-1. Every annotator gets ⌊n·k/N⌋ or ⌈n·k/N⌉ items.
 */
public final class Assignment {
    private Assignment() {}

    /** For each item index, the annotator indexes it is given to. */
    public static List<List<Integer>> assign(int itemCount, int annotators, int overlap) {
        if (annotators < 1) {
            throw new IllegalArgumentException("need at least one annotator");
        }
        if (overlap < 1 || overlap > annotators) {
            throw new IllegalArgumentException("overlap must be between 1 and " + annotators + ", got " + overlap);
        }
        List<List<Integer>> out = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++) {
            List<Integer> who = new ArrayList<>(overlap);
            for (int j = 0; j < overlap; j++) {
                who.add((int) (((long) i * overlap + j) % annotators));
            }
            who.sort(null);
            out.add(who);
        }
        return out;
    }
}
