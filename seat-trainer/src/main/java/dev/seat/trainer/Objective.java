package dev.seat.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.seat.harness.model.DecoderLM;
import java.util.Map;

/** The loss a method minimises for one batch (the causal-LM loss, or it plus extra terms). */
public interface Objective {

    /** The loss of one batch, and named scalar parts of it for the log. */
    record Loss(NDArray value, Map<String, Float> parts) {}

    Loss loss(DecoderLM model, Batch batch, NDManager m);

    /** Mean cross-entropy over the answer tokens of the batch. */
    static NDArray answerCrossEntropy(DecoderLM model, Batch batch, NDManager m) {
        NDArray logits = model.forward(m, batch.modelInput(), false, false).logits();                                       // [B, T, V]
        NDArray logp = logits.logSoftmax(2)
                .gather(batch.targetArray(m).expandDims(2), 2).squeeze(2);         // [B, T]
        NDArray mask = batch.lossMaskArray(m);
        return logp.mul(mask).sum().neg().div(mask.sum().maximum(1f));
    }

    /** Plain fine-tuning: the answer cross-entropy. */
    Objective CAUSAL_LM = (model, batch, m) -> {
        NDArray ce = answerCrossEntropy(model, batch, m);
        return new Loss(ce, Map.of());
    };
}
