package dev.seat.harness.eval;

import dev.seat.harness.model.ModelConfig;

/**
 * {@code --batch-size auto} on CPU: the largest batch whose forward pass fits half of the free memory,
 * at most {@link #MAX} rows, at least one. One row of {@code length} tokens (the model's context, at
 * most {@link #LENGTH}) holds during a forward pass about
 * <pre>
 *   4 bytes x length x (3 x vocab          logits, their log-softmax and one copy
 *                       + 12 x hidden       residual stream, attention and MLP inputs and outputs
 *                       + 3 x intermediate  the MLP's gate, up and product
 *                       + 2 x heads x length)  attention scores and their softmax
 * </pre>
 * float32, one layer's activations alive at a time (no gradients). The memory left after the weights
 * (parameters x bytes per parameter) is the budget. On a GPU the size is found by trying instead
 * ({@link OomHalvingLanguageModel}).
 */
public final class AutoBatchSize {
    /** The largest batch chosen (lm-eval's default max_batch_size). */
    public static final int MAX = 64;
    /** Longest request assumed when the model's context is longer. */
    public static final int LENGTH = 2048;

    private AutoBatchSize() {}

    /** Bytes one row of {@code length} tokens needs in a forward pass. */
    public static long bytesPerRow(ModelConfig c, int length) {
        long perToken = 3L * c.vocabSize() + 12L * c.hiddenSize() + 3L * c.intermediateSize() + 2L * c.numHeads() * length;
        return 4L * length * perToken;
    }

    /**
     * The batch size for {@code config} given {@code freeBytes} of memory before loading and the
     * weights' {@code bytesPerParameter}.
     */
    public static int forMemory(ModelConfig config, long freeBytes, int bytesPerParameter) {
        int length = Math.min(LENGTH, config.maxPositionEmbeddings());
        long budget = (freeBytes - config.parameterCount() * bytesPerParameter) / 2;
        long rows = budget / bytesPerRow(config, length);
        return (int) Math.max(1, Math.min(MAX, rows));
    }
}
