package dev.seat.trainer.mask;

import ai.djl.ndarray.NDArray;
import dev.seat.harness.model.DecoderLM;
import ai.djl.ndarray.NDManager;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The masks that restrict each optimizer step: none (full fine-tuning), one fixed
 * {@link SparseMask}, or a fresh mask per step. Masks are boolean arrays, true = trainable.
 */
public interface UpdateMasks extends AutoCloseable {

    /** The masks for optimizer step {@code step} (0-based); empty = every coordinate trainable. */
    Map<String, NDArray> at(long step);

    /** Whether every step uses the same masks (lets the optimizer keep compact moments). */
    boolean fixed();

    @Override
    void close();

    /** No masks: every coordinate trains. */
    static UpdateMasks none() {
        return new UpdateMasks() {
            @Override
            public Map<String, NDArray> at(long step) {
                return Map.of();
            }

            @Override
            public boolean fixed() {
                return true;
            }

            @Override
            public void close() {}
        };
    }

    /** One mask for the whole run; closing this closes the mask. */
    static UpdateMasks fixed(SparseMask mask) {
        return new UpdateMasks() {
            @Override
            public Map<String, NDArray> at(long step) {
                return mask.masks();
            }

            @Override
            public boolean fixed() {
                return true;
            }

            @Override
            public void close() {
                mask.close();
            }
        };
    }

    /**
     * The fixed random mask of {@code factory} (its draw 0), never stored: a tensor's mask is drawn
     * again from the seed each time it is asked for and freed when the next one is, so one
     * tensor's mask is in memory at a time instead of a byte per coordinate of the model, at the
     * cost of drawing every mask again in every step. The masks are those {@link #fixed} holds.
     */
    static UpdateMasks fromSeed(MaskFactory factory, DecoderLM model) {
        if (factory.kind() != MaskKind.RANDOM) {
            throw new IllegalArgumentException("Only a random mask can be drawn again from its seed; a "
                    + factory.kind().id() + " mask depends on the weights or data and must be stored");
        }
        NDManager manager = model.manager().newSubManager();
        Map<String, NDArray> params = model.parameters();
        Map<String, NDArray> drawn = new AbstractMap<>() {
            private NDArray current;

            @Override
            public NDArray get(Object name) {
                NDArray p = params.get(name);
                if (p == null) {
                    return null;
                }
                if (current != null) {
                    current.close();
                }
                current = SparseMask.randomMask((String) name, p.getShape(), factory.alpha(), factory.seed(), manager);
                return current;
            }

            @Override
            public Set<Entry<String, NDArray>> entrySet() {
                throw new UnsupportedOperationException("masks drawn from the seed are asked for one tensor at a time");
            }
        };
        return new UpdateMasks() {
            @Override
            public Map<String, NDArray> at(long step) {
                return drawn;
            }

            @Override
            public boolean fixed() {
                return true;
            }

            @Override
            public void close() {
                manager.close();
            }
        };
    }

    /** A fresh draw of {@code factory} before every step (draw index = step + 1; draw 0 is the fixed mask). */
    static UpdateMasks everyStep(MaskFactory factory, DecoderLM model) {
        if (factory.kind() == MaskKind.FISHER) {
            throw new IllegalArgumentException("A fisher mask is estimated once before training; use --mask-resample never");
        }
        return new UpdateMasks() {
            private SparseMask current;
            private long drawnFor = -1;

            @Override
            public Map<String, NDArray> at(long step) {
                if (step != drawnFor) {
                    close();
                    current = factory.draw(model, step + 1);
                    drawnFor = step;
                }
                return current.masks();
            }

            @Override
            public boolean fixed() {
                return false;
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                    current = null;
                    drawnFor = -1;
                }
            }
        };
    }
}
