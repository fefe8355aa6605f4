package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.results.Json;
import dev.seat.trainer.kl.BaseDistributions;
import dev.seat.trainer.kl.KlInputs;
import dev.seat.trainer.kl.KlObjective;
import dev.seat.trainer.kl.KlPositions;
import dev.seat.trainer.mask.MaskFactory;
import dev.seat.trainer.mask.MaskKind;
import dev.seat.trainer.mask.SparseMask;
import dev.seat.trainer.mask.UpdateMasks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KL term against cached base distributions, and LoRA adapters, on llama-tiny. */
class KlAndLoraTest {
    @TempDir
    Path tmp;

    static List<TokenizedExample> inputs() {
        return TrainerTest.reversalTask().subList(0, 10);
    }

    private static float kl(DecoderLM model, BaseDistributions base, KlPositions pos, List<TokenizedExample> x) {
        KlObjective o = new KlObjective(KlInputs.unperturbed(x), base, 1.0, pos, 0);
        try (NDManager m = model.manager().newSubManager()) {
            return o.klTerm(model, x, m).getFloat();
        }
    }

    @Test
    void klIsZeroWhenTheModelIsTheBaseAndPositiveOtherwise() {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            DecoderLM model = cp.model();
            List<TokenizedExample> x = inputs();
            BaseDistributions exact = BaseDistributions.compute(model, x, 0, 0, 4, ProgressReporter.silent());
            BaseDistributions top = BaseDistributions.compute(model, x, 0, 16, 3, ProgressReporter.silent());
            assertThat(exact.exact()).isTrue();
            assertThat(top.exact()).isFalse();
            for (KlPositions pos : KlPositions.values()) {
                assertThat(kl(model, exact, pos, x)).as("exact, %s", pos).isCloseTo(0f, within(1e-5f));
                assertThat(kl(model, top, pos, x)).as("top-16, %s", pos).isCloseTo(0f, within(1e-5f));
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray w = model.parameters().get("model.layers.0.mlp.down_proj.weight");
                w.addi(w.getManager().randomNormal(0, 0.2f, w.getShape(), w.getDataType()));
            }
            float moved = kl(model, exact, KlPositions.ALL, x);
            assertThat(moved).isGreaterThan(1e-3f);
            assertThat(kl(model, top, KlPositions.ALL, x)).as("the top-k form is a lower bound").isBetween(0f, moved + 1e-5f);
        }
    }

    @Test
    void seatObjectiveTrainsWithTheKlPartLoggedAndNoArraysLeftBehind(@TempDir Path dir) {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            DecoderLM model = cp.model();
            List<TokenizedExample> data = TrainerTest.reversalTask();
            KlInputs in = KlInputs.unperturbed(data);
            BaseDistributions base = BaseDistributions.compute(model, in.all(), 0, 0, 8, ProgressReporter.silent());
            TrainConfig cfg = TrainConfig.builder(3e-3, 2).batchSize(8).warmupRatio(0.1).seed(1).build();
            try (SparseMask mask = new MaskFactory(MaskKind.RANDOM, 0.8, 1, List.of()).draw(model, 0)) {
                Trainer t = new Trainer(model, TrainableModel.of(model), cfg, new KlObjective(in, base, 1.0, KlPositions.ALL, 0),
                        UpdateMasks.fixed(mask), dir, ProgressReporter.silent());
                int arraysBefore = model.manager().getManagedArrays().size();
                t.train(data, 0, false);
                assertThat(model.manager().getManagedArrays()).as("arrays under the model's manager after training")
                        .hasSize(arraysBefore);
                var last = TrainerTest.readLines(t.logFile());
                var row = Json.MAPPER.valueToTree(TrainerTest.parse(last.get(last.size() - 1)));
                assertThat(row.has("ce") && row.has("kl")).isTrue();
                assertThat(row.get("kl").asDouble()).isGreaterThan(0);
            }
        }
    }

    @Test
    void aGarbageCollectionBeforeBackwardLeavesKlAndLoraGradientsIntact() {
        // The KL term (top-k form: its clamp and γ·KL) through LoRA adapters (their scale): every
        // scalar autograd saves must outlive a GC between forward and backward (see Scalars).
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            DecoderLM model = cp.model();
            List<TokenizedExample> data = TrainerTest.reversalTask();
            KlInputs in = KlInputs.unperturbed(data);
            BaseDistributions base = BaseDistributions.compute(model, in.all(), 0, 16, 8, ProgressReporter.silent());
            KlObjective seat = new KlObjective(in, base, 1.0, KlPositions.ALL, 0);
            Objective collectAfterForward = (view, batch, m) -> {
                Objective.Loss l = seat.loss(view, batch, m);
                System.gc();
                System.gc();
                return l;
            };
            TrainConfig cfg = TrainConfig.builder(3e-3, 2)
                    .batchSize(4).schedule("constant").warmupRatio(0.0).seed(1).build();
            try (LoraModel lora = new LoraModel(model, 4, 8, 0.0, List.of("q_proj", "v_proj"), 3)) {
                Trainer.Result r = new Trainer(model, lora, cfg, collectAfterForward, UpdateMasks.none(), null,
                        ProgressReporter.silent()).train(data, 0, false);
                assertThat(r.skippedSteps()).as("steps with non-finite gradients").isZero();
                assertThat(r.lastLoss()).isLessThan(r.firstLoss());
            }
        }
    }

    @Test
    void loraStartsAtTheBaseTrainsOnlyAdaptersAndMergesIntoTheWeights() {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            DecoderLM model = cp.model();
            Map<String, float[]> before = TrainerTest.snapshot(cp);
            List<TokenizedExample> data = TrainerTest.reversalTask();
            Batch probe = Batch.of(data.subList(0, 4), 0);
            float[] baseLogits;
            float[] viewLogits;
            try (LoraModel lora = new LoraModel(model, 4, 8, 0.0, List.of("q_proj", "v_proj"), 3)) {
                assertThat(lora.trainable()).containsKey("model.layers.0.self_attn.q_proj.lora_A.weight")
                        .containsKey("model.layers.1.self_attn.v_proj.lora_B.weight").hasSize(8);
                try (NDManager m = model.manager().newSubManager()) {
                    baseLogits = logits(model, probe, m);
                    viewLogits = logits(lora.forStep(m, 0), probe, m);
                }
                assertThat(viewLogits).as("B = 0: the adapted model is the base").containsExactly(baseLogits);
                TrainConfig cfg = TrainConfig.builder(1e-2, 3).batchSize(8).warmupRatio(0.1).seed(1).build();
                Trainer.Result r = new Trainer(model, lora, cfg, Objective.CAUSAL_LM, UpdateMasks.none(), null,
                        ProgressReporter.silent()).train(data, 0, false);
                assertThat(r.lastLoss()).isLessThan(r.firstLoss());
                assertThat(TrainerTest.snapshot(cp).get("model.layers.0.self_attn.q_proj.weight"))
                        .as("base weights frozen while training").containsExactly(before.get("model.layers.0.self_attn.q_proj.weight"));
                try (NDManager m = model.manager().newSubManager()) {
                    viewLogits = logits(lora.forStep(m, 0), probe, m);
                }
                lora.writeAdapter(tmp.resolve("adapter"), "llama-tiny");
                lora.merge();
            }
            try (NDManager m = model.manager().newSubManager()) {
                float[] merged = logits(model, probe, m);
                for (int i = 0; i < merged.length; i += 97) {
                    assertThat(merged[i]).isCloseTo(viewLogits[i], within(1e-3f));
                }
            }
            assertThat(TrainerTest.snapshot(cp).get("model.layers.0.mlp.up_proj.weight"))
                    .as("untargeted weights unchanged").containsExactly(before.get("model.layers.0.mlp.up_proj.weight"));
            assertThat(tmp.resolve("adapter/adapter_model.safetensors")).exists();
            assertThat(Json.read(tmp.resolve("adapter/adapter_config.json")).get("r").asInt()).isEqualTo(4);
        }
    }

    private static float[] logits(DecoderLM model, Batch b, NDManager m) {
        return model.forward(m, b.modelInput(), false, false).logits()
                .toFloatArray();
    }
}
