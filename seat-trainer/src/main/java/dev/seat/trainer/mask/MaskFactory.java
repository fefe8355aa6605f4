package dev.seat.trainer.mask;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.seat.harness.model.DecoderLM;
import dev.seat.trainer.Batch;
import dev.seat.trainer.Objective;
import dev.seat.trainer.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Draws {@link SparseMask}s of one kind and sparsity for a model.
 *
 * <ul>
 *   <li>{@code random}: draw {@code d} uses seed {@code seed + d}, so draw 0 is the paper's fixed mask
 *       and every-step resampling draws a fresh one per step.</li>
 *   <li>{@code magnitude}: |w| of the weights at the time of the draw.</li>
 *   <li>{@code fisher}: Σ g² of the answer cross-entropy over the first {@code fisherBatches}
 *       micro-batches of the (seeded) training order; only drawn once.</li>
 * </ul>
 */
public final class MaskFactory {
    private final MaskKind kind;
    private final double alpha;
    private final long seed;
    private final List<Batch> fisherBatches;

    /** @param fisherBatches batches the Fisher scores are accumulated over (ignored by the other kinds) */
    public MaskFactory(MaskKind kind, double alpha, long seed, List<Batch> fisherBatches) {
        this.kind = kind;
        this.alpha = alpha;
        this.seed = seed;
        this.fisherBatches = fisherBatches;
        if (kind == MaskKind.FISHER && fisherBatches.isEmpty()) {
            throw new IllegalArgumentException("A fisher mask needs at least one batch to estimate squared gradients");
        }
    }

    public MaskKind kind() {
        return kind;
    }

    public double alpha() {
        return alpha;
    }

    public long seed() {
        return seed;
    }

    /** Draw number {@code draw} (0 for a fixed mask) over {@code model}'s parameters. */
    public SparseMask draw(DecoderLM model, long draw) {
        Map<String, NDArray> params = model.parameters();
        // random and magnitude scores are made one tensor at a time: a billion-parameter model
        // must not hold a float score per coordinate on the Java heap at once
        Function<String, float[]> scores = switch (kind) {
            case RANDOM -> name -> SparseMask.randomScores(name, Math.toIntExact(params.get(name).size()), seed + draw);
            case MAGNITUDE -> name -> {
                try (NDArray abs = params.get(name).abs(); NDArray abs32 = abs.toType(DataType.FLOAT32, true)) {
                    return abs32.toFloatArray(); // float16 weights (GPU) read as float32
                }
            };
            case FISHER -> fisherScores(model)::get;
        };
        return SparseMask.fromScores(params, scores, alpha, kind, model.manager());
    }

    /** Σ over batches of squared gradients of the answer cross-entropy, per coordinate. */
    private Map<String, float[]> fisherScores(DecoderLM model) {
        Map<String, NDArray> params = model.parameters();
        Map<String, float[]> acc = new LinkedHashMap<>();
        params.values().forEach(p -> p.setRequiresGradient(true));
        try {
            for (Batch batch : fisherBatches) {
                try (NDManager m = model.manager().newSubManager()) {
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        gc.backward(Objective.answerCrossEntropy(model, batch, m));
                    }
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        for (var e : params.entrySet()) {
                            float[] g2 = e.getValue().getGradient().toType(DataType.FLOAT32, false).square().toFloatArray();
                            float[] sum = acc.computeIfAbsent(e.getKey(), k -> new float[g2.length]);
                            for (int i = 0; i < g2.length; i++) {
                                sum[i] += g2[i];
                            }
                            Trainer.zeroGradient(e.getValue());
                        }
                    }
                }
            }
        } finally {
            params.values().forEach(p -> p.setRequiresGradient(false));
        }
        return acc;
    }
}
