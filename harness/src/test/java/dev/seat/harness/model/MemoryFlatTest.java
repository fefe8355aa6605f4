package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Native arrays do not pile up: per-step managers free everything but the cache and the weights. */
class MemoryFlatTest {

    @AfterAll
    static void close() {
        DecoderReferenceTest.close();
    }

    @Test
    void decodingStepsLeaveOnlyTheCacheAndTheWeights() {
        Checkpoint cp = DecoderReferenceTest.checkpoint("llama-tiny");
        DecoderLM model = cp.model();
        int weights = model.manager().getManagedArrays().size();
        try (NDManager gen = model.manager().newSubManager(); KvCache cache = new KvCache(gen, model.config().numLayers())) {
            long[][] mask = {{1, 1, 1}};
            try (NDManager m = gen.newSubManager()) {
                model.forward(m, new long[][] {{1, 2, 3}}, new long[][] {{0, 1, 2}}, mask, cache, true, false);
            }
            for (int step = 0; step < 50; step++) {
                long[][] seen = new long[1][4 + step];
                java.util.Arrays.fill(seen[0], 1);
                try (NDManager m = gen.newSubManager()) {
                    model.forward(m, new long[][] {{7}}, new long[][] {{3 + step}}, seen, cache, true, false);
                }
                assertThat(cache.arrayCount()).as("arrays held by the cache after step %d", step)
                        .isEqualTo(2 * model.config().numLayers());
            }
            assertThat(cache.length()).isEqualTo(53);
        }
        // besides the weights, the model keeps its rotary cos and sin tables (256 positions cover this run)
        assertThat(model.manager().getManagedArrays()).as("arrays on the model's manager").hasSize(weights + 2);
    }
}
