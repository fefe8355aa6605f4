package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Logits, residual stream and position ids against the independent HF-semantics reference. */
class DecoderReferenceTest {
    static final double LOGIT_ATOL = 1e-4;
    static final double ACTIVATION_ATOL = 1e-5;

    static final java.util.Map<String, Checkpoint> loaded = new java.util.HashMap<>();

    static Checkpoint checkpoint(String name) {
        return loaded.computeIfAbsent(name, n -> Checkpoint.load(ReferenceCheckpoints.dir(n)));
    }

    @AfterAll
    static void close() {
        loaded.values().forEach(Checkpoint::close);
        loaded.clear();
    }

    static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (String name : ReferenceCheckpoints.NAMES) {
            for (String c : List.of("case1_len1", "case2_len7", "case3_len33", "case4_left_padded_batch")) {
                out.add(new Object[] {name, c});
            }
        }
        return out;
    }

    static JsonNode caseNode(String model, String name) {
        for (JsonNode c : ReferenceCheckpoints.expected(model).get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no case " + name);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void positionIdsFollowTheMask(String model, String caseName) {
        JsonNode c = caseNode(model, caseName);
        assertThat(TokenBatch.positionsFromMask(ReferenceCheckpoints.longs(c.get("attention_mask"))))
                .isDeepEqualTo(ReferenceCheckpoints.longs(c.get("position_ids")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void logitsMatchReference(String model, String caseName) {
        JsonNode c = caseNode(model, caseName);
        Checkpoint cp = checkpoint(model);
        long[][] ids = ReferenceCheckpoints.longs(c.get("input_ids"));
        long[][] mask = ReferenceCheckpoints.longs(c.get("attention_mask"));
        try (NDManager m = cp.model().manager().newSubManager()) {
            DecoderLM.Output out = cp.model().forward(m, ids, TokenBatch.positionsFromMask(mask), mask, null, false, false);
            for (int b = 0; b < ids.length; b++) {
                int pad = (int) java.util.Arrays.stream(mask[b]).filter(v -> v == 0).count();
                JsonNode expected = c.get("logits").get(b);
                for (int j = 0; j < expected.size(); j++) {
                    float[] got = out.logits().get(new NDIndex(b + "," + (pad + j))).toFloatArray();
                    assertClose(got, ReferenceCheckpoints.floats(expected.get(j)), LOGIT_ATOL,
                            model + " " + caseName + " row " + b + " position " + j);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.seat.harness.model.ReferenceCheckpoints#names")
    void residualStreamMatchesReference(String model) {
        JsonNode c = caseNode(model, "case2_len7");
        JsonNode acts = c.get("last_position_activations");
        Checkpoint cp = checkpoint(model);
        long[][] ids = ReferenceCheckpoints.longs(c.get("input_ids"));
        long[][] mask = ReferenceCheckpoints.longs(c.get("attention_mask"));
        try (NDManager m = cp.model().manager().newSubManager()) {
            DecoderLM.Output out = cp.model().forward(m, ids, TokenBatch.positionsFromMask(mask), mask, null, false, true);
            int last = ids[0].length - 1;
            List<NDArray> res = out.residuals();
            assertThat(res).hasSize(cp.config().numLayers() + 1);
            assertClose(res.get(0).get(new NDIndex("0," + last)).toFloatArray(),
                    ReferenceCheckpoints.floats(acts.get("embedding_output")), ACTIVATION_ATOL, "embedding output");
            for (int l = 0; l < cp.config().numLayers(); l++) {
                assertClose(res.get(l + 1).get(new NDIndex("0," + last)).toFloatArray(),
                        ReferenceCheckpoints.floats(acts.get("residual_after_layer").get(l)), ACTIVATION_ATOL, "after layer " + l);
            }
            assertClose(out.finalHidden().get(new NDIndex("0," + last)).toFloatArray(),
                    ReferenceCheckpoints.floats(acts.get("final_hidden_after_norm")), LOGIT_ATOL, "final hidden");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.seat.harness.model.ReferenceCheckpoints#names")
    void ropeInverseFrequenciesMatch(String model) {
        float[] expected = ReferenceCheckpoints.floats(ReferenceCheckpoints.expected(model).get("rope_inv_freq_float32"));
        float[] got = checkpoint(model).model().rope().inverseFrequencies();
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).as("inv_freq[%d]", i).isCloseTo(expected[i], within(Math.abs(expected[i]) * 1e-6 + 1e-12));
        }
    }

    static void assertClose(float[] got, float[] expected, double atol, String what) {
        assertThat(got).as(what + " length").hasSize(expected.length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < got.length; i++) {
            double d = Math.abs(got[i] - expected[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertThat(worst).as("%s: max |diff| %.3g at index %d (got %s, expected %s)", what, worst, at,
                at < 0 ? "" : got[at], at < 0 ? "" : expected[at]).isLessThanOrEqualTo(atol);
    }
}
