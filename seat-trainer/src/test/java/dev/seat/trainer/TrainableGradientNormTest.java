package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import dev.seat.trainer.mask.MaskFactory;
import dev.seat.trainer.mask.MaskKind;
import dev.seat.trainer.mask.SparseMask;
import dev.seat.trainer.mask.UpdateMasks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logged (and clipped) gradient norm is the norm of the trainable coordinates: ‖M ⊙ ∇L‖ for
 * a masked run, the adapters' gradient for LoRA; checked against the first step's gradient
 * computed here by hand.
 */
class TrainableGradientNormTest {
    @TempDir
    Path tmp;

    static TrainConfig oneStep() {
        return TrainConfig.builder(3e-3, 1).batchSize(24).schedule("constant").warmupRatio(0.0).seed(5).build();
    }

    /** Gradients of the first step's loss with respect to {@code params}, as float arrays. */
    static Map<String, float[]> firstStepGradients(TrainableModel trainable, NDManager parent) {
        List<TokenizedExample> first = Trainer.epochBatches(TrainerTest.reversalTask(), 0, oneStep()).get(0);
        Map<String, NDArray> params = trainable.trainable();
        Map<String, float[]> grads = new LinkedHashMap<>();
        params.values().forEach(p -> p.setRequiresGradient(true));
        try (NDManager m = parent.newSubManager()) {
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(Objective.CAUSAL_LM.loss(trainable.forStep(m, 0), Batch.of(first, 0), m).value());
            }
            params.forEach((k, p) -> grads.put(k, p.getGradient().toFloatArray()));
        } finally {
            params.values().forEach(p -> p.setRequiresGradient(false));
        }
        return grads;
    }

    static double loggedNormOfStep1(Path dir) {
        return Json.MAPPER.valueToTree(TrainerTest.parse(TrainerTest.readLines(dir.resolve("train-log.jsonl")).get(0)))
                .get("grad_norm").asDouble();
    }

    @Test
    void aMaskedRunClipsAndLogsTheNormOfTheTrainableCoordinates() {
        MaskFactory factory = new MaskFactory(MaskKind.RANDOM, 0.8, 3, List.of());
        double masked = 0;
        double full = 0;
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference()); SparseMask mask = factory.draw(cp.model(), 0)) {
            Map<String, float[]> grads = firstStepGradients(TrainableModel.of(cp.model()), cp.model().manager());
            for (var e : grads.entrySet()) {
                float[] keep = mask.floats(e.getKey());
                float[] g = e.getValue();
                for (int i = 0; i < g.length; i++) {
                    full += (double) g[i] * g[i];
                    masked += keep[i] * (double) g[i] * g[i];
                }
            }
        }
        masked = Math.sqrt(masked);
        full = Math.sqrt(full);
        assertThat(masked).as("‖M⊙∇L‖ of a 0.8-sparse mask vs ‖∇L‖").isLessThan(0.6 * full);
        Path dir = tmp.resolve("sparse");
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference()); SparseMask mask = factory.draw(cp.model(), 0)) {
            new Trainer(cp.model(), TrainableModel.of(cp.model()), oneStep(), Objective.CAUSAL_LM, UpdateMasks.fixed(mask),
                    dir, ProgressReporter.silent()).train(TrainerTest.reversalTask(), 0, false);
        }
        assertThat(loggedNormOfStep1(dir)).as("logged grad_norm of step 1").isCloseTo(masked, within(1e-4 * masked));
    }

    @Test
    void aLoraRunClipsAndLogsTheNormOfTheAdapterGradients() {
        double adapters = 0;
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference());
                LoraModel lora = new LoraModel(cp.model(), 4, 8, 0.0, List.of("q_proj", "v_proj"), 3)) {
            // B = 0, so only the B adapters have a gradient at step 1; it is nonzero
            for (float[] g : firstStepGradients(lora, cp.model().manager()).values()) {
                for (float x : g) {
                    adapters += (double) x * x;
                }
            }
        }
        adapters = Math.sqrt(adapters);
        assertThat(adapters).isGreaterThan(0);
        Path dir = tmp.resolve("lora");
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference());
                LoraModel lora = new LoraModel(cp.model(), 4, 8, 0.0, List.of("q_proj", "v_proj"), 3)) {
            new Trainer(cp.model(), lora, oneStep(), Objective.CAUSAL_LM, UpdateMasks.none(), dir, ProgressReporter.silent())
                    .train(TrainerTest.reversalTask(), 0, false);
        }
        assertThat(loggedNormOfStep1(dir)).as("logged grad_norm of step 1").isCloseTo(adapters, within(1e-4 * adapters));
    }
}
