package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.seat.harness.model.Checkpoint;
import dev.seat.trainer.mask.MaskFactory;
import dev.seat.trainer.mask.MaskKind;
import dev.seat.trainer.mask.SparseMask;
import dev.seat.trainer.mask.UpdateMasks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sparse masks on llama-tiny: frozen coordinates bit-identical, masks reproducible, sparsity exact, compact moments. */
class SparseTrainingTest {

    static TrainConfig config() {
        // weight decay on: it must not touch frozen coordinates either
        return TrainConfig.builder(3e-3, 2).batchSize(8).warmupRatio(0.1).weightDecay(0.05).seed(11).build();
    }

    @Test
    void frozenCoordinatesStayBitIdenticalAndTrainableOnesMove() {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            Map<String, float[]> before = TrainerTest.snapshot(cp);
            MaskFactory factory = new MaskFactory(MaskKind.RANDOM, 0.8, 3, java.util.List.of());
            try (SparseMask mask = factory.draw(cp.model(), 0)) {
                Map<String, float[]> keep = new java.util.LinkedHashMap<>();
                mask.masks().keySet().forEach(k -> keep.put(k, mask.floats(k)));
                Trainer.Result r = new Trainer(cp.model(), TrainableModel.of(cp.model()), config(), Objective.CAUSAL_LM,
                        UpdateMasks.fixed(mask), null, ProgressReporter.silent()).train(TrainerTest.reversalTask(), 0, false);
                assertThat(r.steps()).isEqualTo(6);
                Map<String, float[]> after = TrainerTest.snapshot(cp);
                long frozen = 0;
                long moved = 0;
                long trainable = 0;
                for (String name : before.keySet()) {
                    float[] b = before.get(name);
                    float[] a = after.get(name);
                    float[] m = keep.get(name);
                    for (int i = 0; i < b.length; i++) {
                        if (m[i] == 0f) {
                            frozen++;
                            assertThat(Float.floatToRawIntBits(a[i])).as("%s[%d] is frozen", name, i)
                                    .isEqualTo(Float.floatToRawIntBits(b[i]));
                        } else {
                            trainable++;
                            moved += a[i] != b[i] ? 1 : 0;
                        }
                    }
                }
                assertThat(frozen).isGreaterThan(0);
                assertThat((double) moved / trainable).as("share of trainable coordinates that moved").isGreaterThan(0.5);
                // compact moments: 2 floats per trainable coordinate only
                assertThat(r.optimizerStateBytes()).isEqualTo(8 * mask.trainableCount());
            }
        }
    }

    @Test
    void masksAreReproducibleBySeedAndExactlyAsSparseAsAsked() {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            for (double alpha : new double[] {0.0, 0.2, 0.8, 0.95}) {
                try (SparseMask a = new MaskFactory(MaskKind.RANDOM, alpha, 5, java.util.List.of()).draw(cp.model(), 0);
                        SparseMask b = new MaskFactory(MaskKind.RANDOM, alpha, 5, java.util.List.of()).draw(cp.model(), 0);
                        SparseMask c = new MaskFactory(MaskKind.RANDOM, alpha, 6, java.util.List.of()).draw(cp.model(), 0)) {
                    assertThat(a.frozenShare()).as("overall frozen share at α=%s", alpha).isCloseTo(alpha, within(0.005));
                    boolean anyDifferent = false;
                    for (String name : a.masks().keySet()) {
                        float[] fa = a.floats(name);
                        assertThat(b.floats(name)).as(name).containsExactly(fa);
                        double share = 1 - sum(fa) / fa.length;
                        if (fa.length >= 1000) {
                            assertThat(share).as("frozen share of %s", name).isCloseTo(alpha, within(0.005));
                        }
                        anyDifferent |= !java.util.Arrays.equals(fa, c.floats(name));
                    }
                    assertThat(anyDifferent || alpha == 0.0).as("another seed draws another mask").isTrue();
                }
            }
        }
    }

    @Test
    void magnitudeKeepsTheLargestWeightsAndFisherKeepsHighGradientCoordinates() {
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            String name = "model.layers.0.mlp.up_proj.weight";
            float[] w = cp.model().parameters().get(name).toFloatArray();
            try (SparseMask m = new MaskFactory(MaskKind.MAGNITUDE, 0.9, 0, java.util.List.of()).draw(cp.model(), 0)) {
                float[] keep = m.floats(name);
                double minKept = Double.MAX_VALUE;
                double maxFrozen = 0;
                for (int i = 0; i < w.length; i++) {
                    if (keep[i] == 1f) {
                        minKept = Math.min(minKept, Math.abs(w[i]));
                    } else {
                        maxFrozen = Math.max(maxFrozen, Math.abs(w[i]));
                    }
                }
                assertThat(minKept).isGreaterThanOrEqualTo(maxFrozen);
            }
            var batches = java.util.List.of(Batch.of(TrainerTest.reversalTask().subList(0, 8), 0));
            try (SparseMask f = new MaskFactory(MaskKind.FISHER, 0.8, 0, batches).draw(cp.model(), 0)) {
                assertThat(f.frozenShare()).isCloseTo(0.8, within(0.005));
            }
            for (NDArray p : cp.model().parameters().values()) {
                assertThat(p.hasGradient()).as("fisher estimation leaves no gradient switched on").isFalse();
            }
        }
    }

    @Test
    void everyStepResamplingDrawsAFreshMaskEachStepAndNeverMovesCoordinatesFrozenAtEveryStep() {
        String name = "model.layers.1.self_attn.q_proj.weight";
        try (Checkpoint cp = Checkpoint.load(TrainerTest.reference())) {
            float[] b = TrainerTest.snapshot(cp).get(name);
            MaskFactory factory = new MaskFactory(MaskKind.RANDOM, 0.8, 3, java.util.List.of());
            TrainConfig threeSteps = TrainConfig.builder(3e-3, 1)
                    .batchSize(8).schedule("constant").warmupRatio(0.0).seed(11).build();
            Trainer.Result r;
            try (UpdateMasks masks = UpdateMasks.everyStep(factory, cp.model())) {
                r = new Trainer(cp.model(), TrainableModel.of(cp.model()), threeSteps, Objective.CAUSAL_LM, masks, null,
                        ProgressReporter.silent()).train(TrainerTest.reversalTask(), 0, false);
            }
            assertThat(r.steps()).isEqualTo(3);
            float[][] stepMasks = new float[3][];
            for (int step = 0; step < 3; step++) {
                try (SparseMask m = factory.draw(cp.model(), step + 1)) { // the draw step `step` used
                    stepMasks[step] = m.floats(name);
                }
            }
            assertThat(stepMasks[1]).as("step 2 draws another mask than step 1").isNotEqualTo(stepMasks[0]);
            assertThat(stepMasks[2]).as("step 3 draws another mask than step 2").isNotEqualTo(stepMasks[1]);
            float[] a = TrainerTest.snapshot(cp).get(name);
            int everTrainable = 0;
            int moved = 0;
            for (int i = 0; i < b.length; i++) {
                boolean trainableAtSomeStep = stepMasks[0][i] + stepMasks[1][i] + stepMasks[2][i] > 0;
                if (trainableAtSomeStep) {
                    everTrainable++;
                    moved += a[i] != b[i] ? 1 : 0;
                } else {
                    assertThat(Float.floatToRawIntBits(a[i])).as("%s[%d] frozen at every step", name, i)
                            .isEqualTo(Float.floatToRawIntBits(b[i]));
                }
            }
            // one mask trains 20% of the coordinates; three fresh ones about 1 - 0.8^3 = 49%
            assertThat((double) everTrainable / b.length).isCloseTo(0.488, within(0.03));
            assertThat((double) moved / b.length).as("share of coordinates that moved: the union of three masks")
                    .isGreaterThan(0.4);
        }
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
