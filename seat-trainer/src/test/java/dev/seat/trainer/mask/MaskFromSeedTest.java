package dev.seat.trainer.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import dev.seat.trainer.Objective;
import dev.seat.trainer.ProgressReporter;
import dev.seat.trainer.TokenizedExample;
import dev.seat.trainer.TrainConfig;
import dev.seat.trainer.TrainableModel;
import dev.seat.trainer.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A random mask drawn again from its seed whenever needed trains exactly as the stored mask does. */
class MaskFromSeedTest {

    static List<TokenizedExample> data() {
        Random rng = new Random(5);
        List<TokenizedExample> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long[] ids = new long[12];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = 10 + rng.nextInt(500);
            }
            out.add(new TokenizedExample(ids, 6));
        }
        return out;
    }

    static Map<String, float[]> trainWith(boolean fromSeed) {
        MaskFactory factory = new MaskFactory(MaskKind.RANDOM, 0.8, 3, List.of());
        try (Checkpoint cp = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            UpdateMasks masks = fromSeed ? UpdateMasks.fromSeed(factory, cp.model()) : UpdateMasks.fixed(factory.draw(cp.model(), 0));
            try (masks) {
                Trainer.Result r = new Trainer(cp.model(), TrainableModel.of(cp.model()),
                        TrainConfig.builder(2e-3, 1).batchSize(4).weightDecay(0.05).seed(1).build(), Objective.CAUSAL_LM, masks,
                        null, ProgressReporter.silent()).train(data(), 0, false);
                assertThat(r.steps()).isEqualTo(2);
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            cp.model().parameters().forEach((k, v) -> out.put(k, v.toFloatArray()));
            return out;
        }
    }

    @Test
    void weightsAfterTrainingEqualThoseOfTheStoredMaskBitForBit() {
        Map<String, float[]> stored = trainWith(false);
        Map<String, float[]> seeded = trainWith(true);
        for (String name : stored.keySet()) {
            assertThat(seeded.get(name)).as(name).isEqualTo(stored.get(name));
        }
        try (Checkpoint cp = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            String name = "model.layers.0.self_attn.q_proj.weight";
            assertThat(stored.get(name)).isNotEqualTo(cp.model().parameters().get(name).toFloatArray()); // it trained
        }
    }

    @Test
    void onlyARandomMaskCanBeDrawnAgain() {
        try (Checkpoint cp = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            assertThatThrownBy(() -> UpdateMasks.fromSeed(new MaskFactory(MaskKind.MAGNITUDE, 0.8, 3, List.of()), cp.model()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magnitude mask depends on the weights");
        }
    }
}
