package dev.seat.trainer.mask;

import ai.djl.ndarray.NDArray;
import dev.seat.harness.model.DecoderLM;
import java.util.Map;

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
