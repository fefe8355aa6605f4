package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IDK_CS aggregation checked exactly with a transparent letter-count embedder (the model-backed
 * behaviour is covered by {@link IdkCosineTest}).
 */
class IdkCosineAggregationTest {

    /** Embeds a text as its normalised a–z letter counts; counts how often it is called. */
    static final class LetterEmbedder implements SentenceEmbedder {
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public String id() {
            return "letters";
        }

        @Override
        public int dimension() {
            return 26;
        }

        @Override
        public float[][] embed(List<String> texts) {
            batchSizes.add(texts.size());
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = letters(texts.get(i));
            }
            return out;
        }

        static float[] letters(String text) {
            float[] v = new float[26];
            for (char c : text.toLowerCase().toCharArray()) {
                if (c >= 'a' && c <= 'z') {
                    v[c - 'a']++;
                }
            }
            double n = 0;
            for (float x : v) {
                n += x * x;
            }
            for (int i = 0; i < v.length && n > 0; i++) {
                v[i] = (float) (v[i] / Math.sqrt(n));
            }
            return v;
        }

        @Override
        public void close() {}
    }

    @Test
    void meanOfMaxCosineOverReferencesWithReferencesEmbeddedOnce() {
        LetterEmbedder embedder = new LetterEmbedder();
        IdkCosine cs = new IdkCosine(embedder, new PhraseList("t v1", List.of("aaa", "bbb")));
        assertThat(embedder.batchSizes).containsExactly(2);

        MetricValue v = cs.score(List.of("a", "ab", "c"));
        // "a" matches "aaa" exactly (1); "ab" is at 45° to both (1/√2); "c" is orthogonal (0)
        assertThat(v.values()).containsExactly(new double[] {1.0, Math.sqrt(0.5), 0.0}, within(1e-6));
        assertThat(v.mean()).isCloseTo((1.0 + Math.sqrt(0.5)) / 3, within(1e-6));
        assertThat(v.n()).isEqualTo(3);
        assertThat(embedder.batchSizes).containsExactly(2, 3);
        assertThat(cs.nearestReference("b")).isEqualTo("bbb");
        assertThat(cs.version()).isEqualTo("letters / t v1");
    }
}
