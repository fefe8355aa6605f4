package dev.seat.trainer.mask;

import java.util.Locale;

/**
 * How a sparse mask scores coordinates; {@link SparseMask} then keeps the highest-scoring
 * {@code round((1-α)·n)} coordinates of every tensor trainable.
 */
public enum MaskKind {
    /** Seeded uniform scores: a uniformly random subset, reproducible from the seed and tensor name alone. */
    RANDOM,
    /** |w|: the largest-magnitude weights stay trainable. */
    MAGNITUDE,
    /** Squared gradients of the fine-tuning loss accumulated over a few batches (empirical Fisher diagonal). */
    FISHER;

    public static MaskKind parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown mask kind '" + s + "'; expected random, magnitude or fisher");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
