package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.Shape;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step that runs out of memory says which step, at what batch size, and what to lower. */
class StepOutOfMemoryTest {

    @Test
    void anAllocationTheEngineCannotMakeNamesTheStepTheBatchSizeAndWhatToLower() {
        // the loss, then an activation of 2^60 bytes: beyond any address space, so libtorch's allocator refuses it
        Objective hungry = (model, batch, m) -> {
            Objective.Loss l = Objective.CAUSAL_LM.loss(model, batch, m);
            m.zeros(new Shape(1L << 29, 1L << 29));
            return l;
        };
        List<TokenizedExample> data = TrainerTest.reversalTask().subList(0, 8);
        try (Checkpoint cp = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            float[] before = cp.model().parameters().get("model.layers.0.mlp.up_proj.weight").toFloatArray();
            TrainConfig cfg = TrainConfig.builder(1e-3, 1).batchSize(4).build();
            Trainer trainer = new Trainer(cp.model(), cfg, hungry, Map.of(), null, ProgressReporter.silent());
            assertThatThrownBy(() -> trainer.train(data, cp.padId(), false))
                    .isInstanceOf(StepOutOfMemoryException.class)
                    .hasCauseInstanceOf(EngineException.class)
                    .hasMessageContaining("Out of memory in optimizer step 1 of 2 (batch size 4, gradient accumulation 1)")
                    .hasMessageContaining("can't allocate memory")
                    .hasMessageContaining("lower --batch-size to 2 (with --grad-accumulation 2 to keep 4 examples per step)");
            assertThat(cp.model().parameters().get("model.layers.0.mlp.up_proj.weight").toFloatArray()).isEqualTo(before);
        }
    }
}
