package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Greedy continuations of the reference cases: batched and alone, with and without the KV cache. */
class GeneratorReferenceTest {

    @AfterAll
    static void close() {
        DecoderReferenceTest.close();
    }

    static List<Object[]> runs() {
        List<Object[]> out = new ArrayList<>();
        for (String model : ReferenceCheckpoints.NAMES) {
            for (boolean cache : new boolean[] {true, false}) {
                for (int batch : new int[] {1, 8}) {
                    out.add(new Object[] {model, cache, batch});
                }
            }
        }
        return out;
    }

    /** Each reference sequence without its padding, with its expected 12 greedy tokens. */
    record Sequence(String label, long[] ids, long[] expected) {}

    static List<Sequence> sequences(String model) {
        List<Sequence> out = new ArrayList<>();
        for (JsonNode c : ReferenceCheckpoints.expected(model).get("cases")) {
            long[][] ids = ReferenceCheckpoints.longs(c.get("input_ids"));
            long[][] mask = ReferenceCheckpoints.longs(c.get("attention_mask"));
            long[][] greedy = ReferenceCheckpoints.longs(c.get("greedy_new_tokens"));
            for (int b = 0; b < ids.length; b++) {
                int pad = (int) Arrays.stream(mask[b]).filter(v -> v == 0).count();
                out.add(new Sequence(c.get("name").asText() + "[" + b + "]", Arrays.copyOfRange(ids[b], pad, ids[b].length), greedy[b]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} cache={1} batch={2}")
    @MethodSource("runs")
    void greedyTokensMatchReference(String model, boolean cache, int batchSize) {
        Checkpoint cp = DecoderReferenceTest.checkpoint(model);
        Generator gen = new Generator(cp.model(), Set.of(), 0, null);
        List<Sequence> seqs = sequences(model);
        GenerationConfig cfg = GenerationConfig.greedy(12).withBatchSize(batchSize).withCache(cache);
        List<Generator.Generation> out = gen.generate(seqs.stream().map(Sequence::ids).toList(), cfg);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(out.get(i).tokens()).as(model + " " + seqs.get(i).label()).containsExactly(seqs.get(i).expected());
            assertThat(out.get(i).finish()).isEqualTo(Generator.FinishReason.LENGTH);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.seat.harness.model.ReferenceCheckpoints#names")
    void paddedRowEqualsTheSequenceAlone(String model) {
        Checkpoint cp = DecoderReferenceTest.checkpoint(model);
        JsonNode c = DecoderReferenceTest.caseNode(model, "case4_left_padded_batch");
        long[][] ids = ReferenceCheckpoints.longs(c.get("input_ids"));
        long[][] mask = ReferenceCheckpoints.longs(c.get("attention_mask"));
        int pad = (int) Arrays.stream(mask[1]).filter(v -> v == 0).count();
        long[][] alone = {Arrays.copyOfRange(ids[1], pad, ids[1].length)};
        long[][] aloneMask = {new long[alone[0].length]};
        Arrays.fill(aloneMask[0], 1);
        try (NDManager m = cp.model().manager().newSubManager()) {
            var batched = cp.model().forward(m, ids, TokenBatch.positionsFromMask(mask), mask, null, false, false).logits();
            var single = cp.model().forward(m, alone, TokenBatch.positionsFromMask(aloneMask), aloneMask, null, false, false).logits();
            for (int j = 0; j < alone[0].length; j++) {
                DecoderReferenceTest.assertClose(batched.get(new NDIndex("1," + (pad + j))).toFloatArray(),
                        single.get(new NDIndex("0," + j)).toFloatArray(), 1e-5, "position " + j);
            }
        }
    }
}
