package dev.seat.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.seat.harness.model.DecoderLM;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@link Trainer} optimises: the tensors it updates, and the model a step's objective
 * runs. For full and sparse fine-tuning both are the model itself; for LoRA the trainable tensors
 * are the adapters and each step runs a view of the model with the adapted weights.
 */
public interface TrainableModel {

    /** The tensors the optimizer updates, by name. */
    Map<String, NDArray> trainable();

    /**
     * The model the objective runs for one forward pass; arrays it creates belong to {@code step}.
     *
     * @param pass the pass's number in the run (optimizer step × accumulation + micro-batch): what
     *     is random in the view (LoRA dropout) is drawn from it, so a resumed run draws the same
     */
    DecoderLM forStep(NDManager step, long pass);

    /** The model's own parameters, all trainable. */
    static TrainableModel of(DecoderLM model) {
        return new TrainableModel() {
            @Override
            public Map<String, NDArray> trainable() {
                return new LinkedHashMap<>(model.parameters());
            }

            @Override
            public DecoderLM forStep(NDManager step, long pass) {
                return model;
            }
        };
    }
}
