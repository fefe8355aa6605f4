package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The preallocated cache: steps through a cache that has to grow give the logits of full passes. */
class KvCacheTest {

    @AfterAll
    static void close() {
        DecoderReferenceTest.close();
    }

    @Test
    void aCacheThatGrowsGivesTheLogitsOfAFullPassAtEveryStep() {
        Checkpoint cp = DecoderReferenceTest.checkpoint("qwen2-tiny");
        DecoderLM model = cp.model();
        long[][] ids = {{0, 0, 5, 9, 13}, {3, 4, 5, 6, 7}};          // row 0 left-padded by two
        long[][] mask = {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}};
        long[] next = {21, 22, 23, 24, 25, 26, 27};
        try (NDManager gen = model.manager().newSubManager(); KvCache cache = new KvCache(gen, model.config().numLayers(), 2)) {
            long[][] seenIds = ids;
            long[][] seenMask = mask;
            for (int step = 0; step <= next.length; step++) {
                long[][] stepIds = step == 0 ? ids : new long[][] {{next[step - 1]}, {next[step - 1]}};
                long[][] positions = TokenBatch.positionsFromMask(seenMask);
                long[][] stepPos = step == 0 ? positions : new long[][] {
                    {positions[0][seenMask[0].length - 1]}, {positions[1][seenMask[1].length - 1]}};
                try (NDManager m = gen.newSubManager()) {
                    float[] cached = model.forward(m, stepIds, stepPos, seenMask, cache, true, false).logits().toFloatArray();
                    float[] full = model.forward(m, seenIds, positions, seenMask, null, true, false).logits().toFloatArray();
                    DecoderReferenceTest.assertClose(cached, full, 1e-5, "last-position logits at step " + step);
                }
                assertThat(cache.length()).isEqualTo(seenIds[0].length);
                assertThat(cache.arrayCount()).as("arrays held after step %d", step).isEqualTo(2 * model.config().numLayers());
                if (step < next.length) {
                    seenIds = append(seenIds, next[step]);
                    seenMask = append(seenMask, 1);
                }
            }
        }
    }

    private static long[][] append(long[][] rows, long value) {
        long[][] out = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Arrays.copyOf(rows[i], rows[i].length + 1);
            out[i][rows[i].length] = value;
        }
        return out;
    }
}
