package dev.seat.harness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.metrics.OnnxSentenceEmbedder;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointFingerprint;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseCache;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A gate run whose answers, activations and sentence embeddings are all cached reads neither the
 * checkpoint's nor the baseline's weights and never starts ONNX Runtime, and gives the same numbers
 * as a cold run and as a run without caches; a checkpoint with damaged weights still fails, with
 * the same message, when its answers are cached.
 */
class WarmGateTest {
    @TempDir
    static Path models;

    static Path checkpoint;
    static Path baseline;
    static FixtureSuites fixtures;
    static List<Class<?>> suites;

    @TempDir
    Path results;

    @BeforeAll
    static void writeCheckpoints() {
        checkpoint = TinyCheckpoint.write(models.resolve("tiny-random"), 1);
        baseline = TinyCheckpoint.write(models.resolve("tiny-base-random"), 2);
        fixtures = FixtureSuites.compile(models.resolve("fixture-classes"));
        suites = List.of(fixtures.load("fixtures.MadeUpQuestions"), fixtures.load("fixtures.SoundsLikeRefusals"),
                fixtures.load("warmfixtures.Separation"));
    }

    private EngineExecutionResults gate(Path model, String runId, String... parameters) {
        EngineTestKit.Builder kit = EngineTestKit.engine(new SeatTestEngine())
                .enableImplicitConfigurationParameters(false)
                .selectors(suites.stream().map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .configurationParameter("checkpoint", model.toString())
                .configurationParameter("baseline", baseline.toString())
                .configurationParameter("results", results.toString())
                .configurationParameter("maxNewTokens", "12")
                .configurationParameter("runId", runId);
        for (int i = 0; i < parameters.length; i += 2) {
            kit.configurationParameter(parameters[i], parameters[i + 1]);
        }
        return fixtures.call(kit::execute);
    }

    private Path run(String runId) {
        return results.resolve("tiny-random").resolve(runId);
    }

    @Test
    void aWarmRunLoadsNoWeightsAndNoEmbedderAndGivesTheSameNumbers() throws IOException {
        EngineExecutionResults first = gate(checkpoint, "cold");
        long passed = first.testEvents().succeeded().count();
        first.testEvents().assertStatistics(s -> s.failed(0).aborted(0));
        assertThat(passed).as("5 checks and the 4 answers of each of 2 suites").isEqualTo(5 + 8);
        JsonNode cold = Json.read(run("cold").resolve("manifest.json"));
        assertThat(cold.at("/loaded/checkpoint_weights").asBoolean()).isTrue();
        assertThat(cold.at("/loaded/baseline_weights").asBoolean()).isTrue();
        assertThat(cold.at("/loaded/sentence_embedder").asBoolean()).isTrue();
        assertThat(cold.at("/timings/checkpoint_load_ms").isNumber()).isTrue();

        long weightLoads = Checkpoint.weightLoads();
        long sessions = OnnxSentenceEmbedder.sessionsCreated();
        gate(checkpoint, "warm").testEvents().assertStatistics(s -> s.failed(0).aborted(0).succeeded(passed));
        assertThat(Checkpoint.weightLoads()).as("no weights read").isEqualTo(weightLoads);
        assertThat(OnnxSentenceEmbedder.sessionsCreated()).as("ONNX Runtime not started").isEqualTo(sessions);
        JsonNode warm = Json.read(run("warm").resolve("manifest.json"));
        assertThat(warm.get("loaded").toString())
                .isEqualTo("{\"checkpoint_weights\":false,\"baseline_weights\":false,\"sentence_embedder\":false}");
        assertThat(warm.at("/timings/checkpoint_load_ms").isMissingNode()).isTrue();
        assertThat(warm.at("/datasets/madeup/responses").asText()).isEqualTo("cache");
        assertThat(warm.at("/metric_versions/idk_cs").asText()).isEqualTo(cold.at("/metric_versions/idk_cs").asText())
                .contains("digest=");

        gate(checkpoint, "uncached", "cache", "false").testEvents()
                .assertStatistics(s -> s.failed(0).aborted(0).succeeded(passed));
        for (String file : List.of("metrics.json", "separation.json", "responses-madeup.jsonl")) {
            String coldText = Files.readString(run("cold").resolve(file));
            assertThat(Files.readString(run("warm").resolve(file))).as(file + " warm").isEqualTo(coldText);
            assertThat(Files.readString(run("uncached").resolve(file))).as(file + " without caches").isEqualTo(coldText);
        }
        assertThat(Json.read(run("uncached").resolve("metrics.json")).at("/madeup/activation_drift_max_relative").isNumber()).isTrue();
    }

    @Test
    void damagedWeightsFailTheGateWithTheLoadersMessageEvenWhenEveryAnswerIsCached() throws IOException {
        Path broken = models.resolve("broken").resolve("tiny-random");
        Files.createDirectories(broken);
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Files.copy(f, broken.resolve(f.getFileName()));
            }
        }
        gate(broken, "good").testEvents().assertStatistics(s -> s.failed(0));
        try (RandomAccessFile f = new RandomAccessFile(broken.resolve("model.safetensors").toFile(), "rw")) {
            f.writeLong(Long.reverseBytes(Long.MAX_VALUE)); // the header length, far beyond the file
        }
        String cold = openFailure(gate(broken, "cold", "results", results.resolve("elsewhere").toString()));
        cacheUnderNewFingerprint(results.resolve("tiny-random").resolve("cache"), CheckpointFingerprint.of(broken));

        EngineExecutionResults cached = gate(broken, "cached");

        assertThat(openFailure(cached)).isEqualTo(cold.replace(results.resolve("elsewhere").toString(), results.toString()))
                .startsWith("Cannot load checkpoint " + broken.toAbsolutePath().normalize()).contains("model.safetensors");
        cached.testEvents().assertStatistics(s -> s.started(0));
        assertThat(cached.containerEvents().failed().count()).as("the checkpoint node and every suite").isEqualTo(1 + 3);
    }

    /** The checkpoint node's failure message. */
    private static String openFailure(EngineExecutionResults r) {
        return r.containerEvents().failed()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("checkpoint "))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow(() -> new AssertionError("the checkpoint node did not fail: " + r.allEvents().list()));
    }

    /** Copies every cached generation to the key of another fingerprint, as if that checkpoint's answers were cached. */
    private static void cacheUnderNewFingerprint(Path cacheDir, String fingerprint) throws IOException {
        ResponseCache cache = new ResponseCache(cacheDir);
        try (Stream<Path> files = Files.list(cacheDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                JsonNode header = Json.MAPPER.readTree(Files.readAllLines(f).get(0));
                ResponseCache.Key key = Json.MAPPER.treeToValue(header.get("key"), ResponseCache.Key.class);
                ResponseCache.Key moved = new ResponseCache.Key(fingerprint, key.dataset(), key.datasetSha256(),
                        key.promptFormat(), key.promptFormatSha256(), key.decoding());
                cache.complete(moved, cache.read(key).orElseThrow());
            }
        }
    }
}
