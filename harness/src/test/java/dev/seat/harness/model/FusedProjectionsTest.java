package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A loaded model multiplies q/k/v and gate/up through one fused matrix each; its HF-named
 * parameters are views into those. Updating a parameter in place (as the optimizer does) must
 * change what the fused pass computes, and a parameter that records gradients must get them.
 */
class FusedProjectionsTest {
    private static final long[][] IDS = {{0, 0, 5, 9, 13, 2}, {3, 4, 5, 6, 7, 8}};
    private static final long[][] MASK = {{0, 0, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1}};

    /** qwen2-tiny has q/k/v biases (fused too), llama-tiny has none. */
    @ParameterizedTest
    @ValueSource(strings = {"llama-tiny", "qwen2-tiny"})
    void inPlaceUpdatesOfParametersReachTheFusedPass(String name) {
        try (Checkpoint cp = Checkpoint.load(ReferenceCheckpoints.dir(name))) {
            DecoderLM fused = cp.model();
            try (NDManager copies = fused.manager().newSubManager()) {
                DecoderLM plain = new DecoderLM(fused.config(), copies, copy(fused.parameters(), copies), ai.djl.ndarray.types.DataType.FLOAT32);
                assertSameLogits(fused, plain, "as loaded");
                for (String p : new String[] {"model.layers.0.self_attn.k_proj.weight", "model.layers.1.mlp.up_proj.weight"}) {
                    fused.parameters().get(p).subi(0.05f);
                    plain.parameters().get(p).subi(0.05f);
                }
                if (fused.parameters().containsKey("model.layers.0.self_attn.v_proj.bias")) {
                    fused.parameters().get("model.layers.0.self_attn.v_proj.bias").addi(0.5f);
                    plain.parameters().get("model.layers.0.self_attn.v_proj.bias").addi(0.5f);
                }
                assertSameLogits(fused, plain, "after in-place updates of k_proj, up_proj and a bias");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-tiny"})
    void parametersThatRecordGradientsGetThem(String name) {
        try (Checkpoint cp = Checkpoint.load(ReferenceCheckpoints.dir(name))) {
            DecoderLM model = cp.model();
            NDArray q = model.parameters().get("model.layers.0.self_attn.q_proj.weight");
            NDArray up = model.parameters().get("model.layers.1.mlp.up_proj.weight");
            model.parameters().values().forEach(p -> p.setRequiresGradient(true));
            try (NDManager m = model.manager().newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = model.forward(m, IDS, TokenBatch.positionsFromMask(MASK), MASK, null, false, false)
                        .logits().square().mean();
                gc.backward(loss);
                assertThat(q.getGradient().abs().sum().getFloat()).as("|grad| of q_proj").isGreaterThan(0f);
                assertThat(up.getGradient().abs().sum().getFloat()).as("|grad| of up_proj").isGreaterThan(0f);
            } finally {
                model.parameters().values().forEach(p -> p.setRequiresGradient(false));
            }
        }
    }

    /** Without gradient recording results overwrite their operands; the numbers must not move by a bit. */
    @ParameterizedTest
    @ValueSource(strings = {"llama-tiny", "qwen2-tiny"})
    void inPlaceAndOutOfPlacePassesGiveTheSameLogits(String name) {
        try (Checkpoint cp = Checkpoint.load(ReferenceCheckpoints.dir(name));
                NDManager m = cp.model().manager().newSubManager()) {
            long[][] pos = TokenBatch.positionsFromMask(MASK);
            List<float[]> inPlace = logitsAndResiduals(cp.model().forward(m, IDS, pos, MASK, null, false, true));
            List<float[]> outOfPlace;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                outOfPlace = logitsAndResiduals(cp.model().forward(m, IDS, pos, MASK, null, false, true));
            }
            assertThat(inPlace).as("logits, then the residual stream after the embedding and each layer")
                    .containsExactlyElementsOf(outOfPlace);
        }
    }

    private static List<float[]> logitsAndResiduals(DecoderLM.Output out) {
        List<float[]> all = new ArrayList<>();
        all.add(out.logits().toFloatArray());
        out.residuals().forEach(r -> all.add(r.toFloatArray()));
        return all;
    }

    private static Map<String, NDArray> copy(Map<String, NDArray> params, NDManager m) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            NDArray c = v.duplicate();
            c.attach(m);
            out.put(k, c);
        });
        return out;
    }

    private static void assertSameLogits(DecoderLM fused, DecoderLM plain, String when) {
        try (NDManager m = fused.manager().newSubManager()) {
            long[][] pos = TokenBatch.positionsFromMask(MASK);
            float[] a = fused.forward(m, IDS, pos, MASK, null, false, false).logits().toFloatArray();
            float[] b = plain.forward(m, IDS, pos, MASK, null, false, false).logits().toFloatArray();
            DecoderReferenceTest.assertClose(a, b, 1e-5, "fused vs separate projections, " + when);
        }
    }
}
