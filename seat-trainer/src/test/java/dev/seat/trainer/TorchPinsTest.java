package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import dev.seat.trainer.kl.KlDivergence;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * KL(p_base ‖ p_θ) and AdamW against independent numbers: {@code torch.nn.functional.kl_div} and
 * {@code torch.optim.AdamW} (float64) on fixed inputs, written to {@code torch-pins.json} by
 * {@code src/test/python/torch_pins.py}. The Java side computes in float32.
 */
class TorchPinsTest {
    /** float32 against float64 references: a few units in the 7th significant digit. */
    static final double TOLERANCE = 1e-6;

    static JsonNode pins() throws IOException {
        try (InputStream in = TorchPinsTest.class.getResourceAsStream("/torch-pins.json")) {
            assertThat(in).as("torch-pins.json on the test classpath").isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }

    static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i).asDouble();
        }
        return out;
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    private static Shape shape(JsonNode dims) {
        return new Shape(longs(dims));
    }

    @Test
    void klMatchesTorchKlDivExactAndTopK() throws IOException {
        JsonNode kl = pins().get("kl");
        Shape shape = shape(kl.get("shape"));
        Shape topShape = new Shape(shape.get(0), shape.get(1), kl.get("k").asLong());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = m.create(floats(kl.get("student_logits")), shape);
            NDArray mask = m.create(floats(kl.get("mask")), new Shape(shape.get(0), shape.get(1)));
            NDList exact = new NDList(m.create(floats(kl.get("base_logp")), shape));
            NDList top = new NDList(m.create(floats(kl.get("topk_logp")), topShape),
                    m.create(longs(kl.get("topk_ids")), topShape));
            double want = kl.get("exact_mean_kl").asDouble();
            assertThat(KlDivergence.mean(logits, exact, mask).getFloat()).as("exact KL").isCloseTo((float) want,
                    within((float) (TOLERANCE * Math.max(1, want))));
            double wantTop = kl.get("topk_mean_kl").asDouble();
            assertThat(KlDivergence.mean(logits, top, mask).getFloat()).as("top-%d KL", topShape.get(2))
                    .isCloseTo((float) wantTop, within((float) (TOLERANCE * Math.max(1, wantTop))));
        }
    }

    @Test
    void adamWMatchesTorchWithWeightDecayAndAChangingRate() throws IOException {
        JsonNode a = pins().get("adamw");
        float[][] steps = run(a, null, true);
        for (int s = 0; s < steps.length; s++) {
            float[] want = floats(a.get("after_each_step").get(s));
            for (int i = 0; i < want.length; i++) {
                assertThat(steps[s][i]).as("w[%d] after step %d", i, s + 1).isCloseTo(want[i], within((float) TOLERANCE));
            }
        }
    }

    @Test
    void maskedAdamWMovesTrainableCoordinatesAsTorchAndNeverTouchesFrozenOnes() throws IOException {
        JsonNode a = pins().get("adamw");
        float[] w0 = floats(a.get("w0"));
        boolean[] trainable = new boolean[w0.length];
        for (int i = 0; i < trainable.length; i++) {
            trainable[i] = i % 3 != 0;
        }
        for (boolean compact : new boolean[] {true, false}) {
            float[][] steps = run(a, trainable, compact);
            for (int s = 0; s < steps.length; s++) {
                float[] want = floats(a.get("after_each_step").get(s));
                for (int i = 0; i < want.length; i++) {
                    if (trainable[i]) {
                        assertThat(steps[s][i]).as("trainable w[%d] after step %d (compact %s)", i, s + 1, compact)
                                .isCloseTo(want[i], within((float) TOLERANCE));
                    } else {
                        assertThat(Float.floatToRawIntBits(steps[s][i])).as("frozen w[%d] after step %d (compact %s)",
                                i, s + 1, compact).isEqualTo(Float.floatToRawIntBits(w0[i]));
                    }
                }
            }
        }
    }

    /** The project's AdamW on the pinned weights and gradients; the weights after each step. */
    private static float[][] run(JsonNode a, boolean[] trainable, boolean compact) {
        Shape shape = shape(a.get("shape"));
        int n = a.get("lrs").size();
        float[][] after = new float[n][];
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = m.create(floats(a.get("w0")), shape);
            Map<String, NDArray> masks = trainable == null ? Map.of() : Map.of("w", m.create(trainable, shape));
            AdamW opt = new AdamW(m, a.get("beta1").asDouble(), a.get("beta2").asDouble(), a.get("eps").asDouble(),
                    a.get("weight_decay").asDouble(), compact);
            w.setRequiresGradient(true);
            for (int s = 0; s < n; s++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray g = step.create(floats(a.get("grads").get(s)), shape);
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        gc.backward(w.mul(g).sum()); // d/dw Σ w·g = g
                    }
                    opt.step(Map.of("w", w), a.get("lrs").get(s).asDouble(), masks);
                    Trainer.zeroGradient(w);
                }
                after[s] = w.toFloatArray();
            }
            opt.close();
        }
        return after;
    }
}
