package dev.seat.trainer.kl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.model.Scalars;
import dev.seat.trainer.Batch;
import dev.seat.trainer.Objective;
import dev.seat.trainer.TokenizedExample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SEAT's loss and its ablations: {@code L = CE(batch) + γ · mean KL(p_base(·|x̃) ‖ p_θ(·|x̃))},
 * the KL averaged over the covered positions of the batch's KL inputs x̃ (perturbed copies for
 * SEAT and full-kl-ep, the examples themselves for sparse-kl-noep). The base distributions come
 * from a {@link BaseDistributions} cache, so a step costs one extra forward and backward pass on
 * the KL inputs and no second model.
 */
public final class KlObjective implements Objective {
    private final KlInputs inputs;
    private final BaseDistributions base;
    private final double gamma;
    private final KlPositions positions;
    private final long padId;

    public KlObjective(KlInputs inputs, BaseDistributions base, double gamma, KlPositions positions, long padId) {
        this.inputs = inputs;
        this.base = base;
        this.gamma = gamma;
        this.positions = positions;
        this.padId = padId;
    }

    @Override
    public Loss loss(DecoderLM model, Batch batch, NDManager m) {
        NDArray ce = Objective.answerCrossEntropy(model, batch, m);
        List<TokenizedExample> x = inputs.of(batch.examples());
        Map<String, Float> parts = new LinkedHashMap<>();
        parts.put("ce", ce.getFloat());
        if (x.isEmpty() || gamma == 0) {
            parts.put("kl", 0f);
            return new Loss(ce, parts);
        }
        NDArray kl = klTerm(model, x, m);
        parts.put("kl", kl.getFloat());
        return new Loss(ce.add(Scalars.mul(kl, (float) gamma)), parts);
    }

    /** The mean KL on the given inputs under {@code model} (a scalar in {@code m}). */
    public NDArray klTerm(DecoderLM model, List<TokenizedExample> x, NDManager m) {
        Batch xb = Batch.of(x, padId);
        NDArray logits = model.forward(m, xb.modelInput(), false, false).logits();                                                    // [B', T', V]
        NDList target = base.batch(x, xb.inputs()[0].length, m);
        NDArray mask = positions == KlPositions.ALL ? xb.attentionArray(m).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                : xb.lossMaskArray(m);
        return KlDivergence.mean(logits, target, mask);
    }
}
