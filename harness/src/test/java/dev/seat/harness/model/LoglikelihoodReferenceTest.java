package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Batched log-likelihoods equal the log-softmax of the reference logits, whatever the batch. */
class LoglikelihoodReferenceTest {

    @AfterAll
    static void close() {
        DecoderReferenceTest.close();
    }

    static double logSoftmaxAt(float[] logits, long token) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return logits[(int) token] - max - Math.log(sum);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.seat.harness.model.ReferenceCheckpoints#names")
    void sumsOfContinuationLogprobsMatchReferenceLogits(String model) {
        JsonNode c = DecoderReferenceTest.caseNode(model, "case3_len33");
        long[] ids = ReferenceCheckpoints.longs(c.get("input_ids"))[0];
        JsonNode logits = c.get("logits").get(0);
        List<long[]> contexts = new ArrayList<>();
        List<long[]> continuations = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (int split : new int[] {1, 5, 17, 30, 32}) {
            for (int len : new int[] {1, 3}) {
                if (split + len > ids.length) {
                    continue;
                }
                contexts.add(Arrays.copyOf(ids, split));
                continuations.add(Arrays.copyOfRange(ids, split, split + len));
                double sum = 0;
                for (int j = split; j < split + len; j++) {
                    sum += logSoftmaxAt(ReferenceCheckpoints.floats(logits.get(j - 1)), ids[j]);
                }
                expected.add(sum);
            }
        }
        Checkpoint cp = DecoderReferenceTest.checkpoint(model);
        for (int batch : new int[] {1, 4, 64}) {
            List<LanguageModel.LoglikResult> got = new CheckpointLanguageModel(cp, batch).loglikelihoodOfTokens(contexts, continuations);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(got.get(i).logprob()).as("batch %d request %d", batch, i).isCloseTo(expected.get(i), within(2e-4));
                assertThat(got.get(i).tokens()).isEqualTo(continuations.get(i).length);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.seat.harness.model.ReferenceCheckpoints#names")
    void greedyContinuationIsFlaggedGreedy(String model) {
        JsonNode c = DecoderReferenceTest.caseNode(model, "case2_len7");
        long[] ids = ReferenceCheckpoints.longs(c.get("input_ids"))[0];
        long[] greedy = ReferenceCheckpoints.longs(c.get("greedy_new_tokens"))[0];
        long[] notGreedy = greedy.clone();
        notGreedy[3] = (notGreedy[3] + 1) % 300;
        Checkpoint cp = DecoderReferenceTest.checkpoint(model);
        List<LanguageModel.LoglikResult> got = new CheckpointLanguageModel(cp, 2)
                .loglikelihoodOfTokens(List.of(ids, ids), List.of(greedy, notGreedy));
        assertThat(got.get(0).greedy()).isTrue();
        assertThat(got.get(1).greedy()).isFalse();
        assertThat(got.get(0).logprob()).isGreaterThan(got.get(1).logprob());
    }
}
