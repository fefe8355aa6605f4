package dev.seat.harness.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.ActivationCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Last-token activations through the {@link ActivationCache} on the embedded model: computed once,
 * then read back without reading the weights, equal bit for bit to those computed without a cache;
 * a damaged file is ignored with a warning and rewritten; changed weights are never cached.
 */
class ActivationCacheTest {
    private static final Path BASE = RepoPaths.defaultCheckpoint();

    @TempDir
    Path results;

    List<QuestionSet> sets;

    @BeforeEach
    void sets() {
        assumeTrue(Files.isRegularFile(BASE.resolve("config.json")), BASE + " is absent: needs the embedded model");
        sets = List.of(GateQuestionSets.unverifiable().limit(10), GateQuestionSets.factual(null).limit(7));
    }

    EvalSettings settings(boolean cache) {
        return EvalSettings.defaults().withResults(results).withBatchSize(4).withCache(cache);
    }

    float[][][] activations(Checkpoint cp, EvalSettings settings) {
        try (Evaluator evaluator = new Evaluator(settings)) {
            return evaluator.lastTokenActivations(cp, sets, cp.chatFormat());
        }
    }

    static void assertBitForBit(float[][][] actual, float[][][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Arrays.deepEquals(actual[i], expected[i])).as("prompt " + i + " equal bit for bit").isTrue();
        }
    }

    List<Path> cacheFiles() throws IOException {
        Path dir = results.resolve("tiny-base").resolve("cache");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("activations-")).toList();
        }
    }

    @Test
    void activationsAreComputedOnceThenReadBackWithoutTheWeightsBitForBit() throws IOException {
        float[][][] uncached;
        try (Checkpoint cp = Checkpoint.load(BASE)) {
            uncached = activations(cp, settings(false));
        }
        assertThat(results.resolve("tiny-base")).doesNotExist();
        assertThat(uncached).hasNumberOfRows(17);
        assertThat(uncached[0]).hasNumberOfRows(5); // embedding output + 4 layers

        try (Checkpoint cp = Checkpoint.open(BASE, Checkpoint.Options.defaults())) {
            assertBitForBit(activations(cp, settings(true)), uncached);
            assertThat(cp.weightsLoadMillis()).as("computed: the weights were read").isPresent();
        }
        assertThat(cacheFiles()).hasSize(1);
        long loads = Checkpoint.weightLoads();
        try (Checkpoint cp = Checkpoint.open(BASE, Checkpoint.Options.defaults())) {
            assertBitForBit(activations(cp, settings(true)), uncached);
            assertThat(cp.weightsLoadMillis()).as("read back: the weights were not read").isEmpty();
        }
        assertThat(Checkpoint.weightLoads()).isEqualTo(loads);
    }

    @Test
    void aDamagedFileIsIgnoredWithAWarningAndRewritten() throws IOException {
        float[][][] expected;
        try (Checkpoint cp = Checkpoint.load(BASE)) {
            expected = activations(cp, settings(true));
            Path file = cacheFiles().get(0);
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length - 64));
            List<String> warnings = new ArrayList<>();
            ActivationCache cache = new ActivationCache(file.getParent(), warnings::add);
            ActivationCache.Key key;
            try (Evaluator evaluator = new Evaluator(settings(true))) {
                key = evaluator.activationCacheKey(cp, sets, cp.chatFormat());
            }
            assertThat(cache.file(key)).isEqualTo(file);
            assertThat(cache.read(key)).isEmpty();
            assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains(file.toString(), "torn"));

            assertBitForBit(activations(cp, settings(true)), expected); // recomputed and rewritten
            assertThat(Files.size(file)).isEqualTo(bytes.length);
            assertBitForBit(cache.read(key).orElseThrow(), expected);
        }
    }

    @Test
    void keysTellBatchSizeFormatAndQuestionsApartAndChangedWeightsAreNotCached() throws IOException {
        try (Checkpoint cp = Checkpoint.load(BASE)) {
            activations(cp, settings(true));
            activations(cp, settings(true).withBatchSize(5));
            activations(cp, settings(true).withMaxNewTokens(3)); // decoding does not matter: same file
            sets = List.of(sets.get(0));
            activations(cp, settings(true));
            assertThat(cacheFiles()).hasSize(3);

            cp.model().parameters().get("model.layers.0.mlp.down_proj.weight").muli(-1); // fine-tuning in place
            cp.markWeightsChanged();
            float[][][] changed = activations(cp, settings(true));
            assertThat(cacheFiles()).as("changed weights are never cached").hasSize(3);
            try (Checkpoint fresh = Checkpoint.load(BASE)) {
                assertThat(Arrays.deepEquals(activations(fresh, settings(true)), changed)).isFalse();
            }
        }
    }
}
