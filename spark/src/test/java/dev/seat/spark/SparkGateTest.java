package dev.seat.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate as a Spark job on {@code local[2,2]} and the embedded model, against the same gate run
 * locally: the same answers byte for byte, the same metrics, the same exit code.
 */
class SparkGateTest {
    @TempDir
    static Path results;

    private static GateRuns.Gate local;

    @BeforeAll
    static void runLocally() {
        local = GateRuns.local(GateRuns.config(GateRuns.tinyBase(), results.resolve("local"), "run"));
    }

    private static Path run(String results, Path checkpoint) {
        return SparkGateTest.results.resolve(results).resolve(checkpoint.getFileName().toString()).resolve("run");
    }

    @Test
    void answersMetricsAndExitCodeEqualALocalRun() throws IOException {
        Map<String, String> config = GateRuns.config(GateRuns.tinyBase(), results.resolve("spark"), "run");

        GateRuns.Gate spark = GateRuns.spark(new SparkGate.Options(2, false), config);

        assertThat(spark.exit()).as(spark.out() + spark.err()).isEqualTo(local.exit()).isZero();
        Path localRun = run("local", GateRuns.tinyBase());
        Path sparkRun = run("spark", GateRuns.tinyBase());
        GateRuns.assertSameResponses(localRun, sparkRun);
        GateRuns.assertSameMetrics(localRun, sparkRun);
        JsonNode datasets = Json.read(sparkRun.resolve("manifest.json")).get("datasets");
        assertThat(datasets.size()).isEqualTo(2);
        datasets.forEach(d -> assertThat(d.get("responses").asText())
                .as("the gate read the executors' answers from the cache instead of generating them").isEqualTo("cache"));
        assertThat(ExecutorModels.loads(GateRuns.tinyBase().toString())).as("loads of the checkpoint in this JVM")
                .isEqualTo(1);
    }

    @Test
    void theEnginesSparkMasterParameterHasTheSparkJobProduceTheAnswers() throws IOException {
        Map<String, String> config = GateRuns.config(GateRuns.tinyBase(), results.resolve("engine"), "run");
        config.put("spark.master", LocalSpark.context().master()); // as mvn test -Dspark.master=... passes it

        GateRuns.Gate engine = GateRuns.local(config);

        assertThat(engine.exit()).as(engine.out() + engine.err()).isEqualTo(local.exit()).isZero();
        Path engineRun = run("engine", GateRuns.tinyBase());
        GateRuns.assertSameResponses(run("local", GateRuns.tinyBase()), engineRun);
        GateRuns.assertSameMetrics(run("local", GateRuns.tinyBase()), engineRun);
        Json.read(engineRun.resolve("manifest.json")).get("datasets").forEach(d -> assertThat(d.get("responses").asText())
                .as("the engine read the answers of the Spark job from the cache").isEqualTo("cache"));
    }

    @Test
    void aFirstAttemptThatFailsIsRetriedAndTheResultIsCompleteAndEqual() throws IOException {
        Map<String, String> config = GateRuns.config(GateRuns.tinyBase(), results.resolve("retried"), "run");

        GateRuns.Gate spark = GateRuns.spark(new SparkGate.Options(2, true), config);

        assertThat(spark.exit()).as(spark.out() + spark.err()).isEqualTo(local.exit());
        GateRuns.assertSameResponses(run("local", GateRuns.tinyBase()), run("retried", GateRuns.tinyBase()));
        GateRuns.assertSameMetrics(run("local", GateRuns.tinyBase()), run("retried", GateRuns.tinyBase()));
        assertThat(ExecutorModels.loads(GateRuns.tinyBase().toString())).as("a retry reuses the JVM's model").isEqualTo(1);
    }

    @Test
    void aCheckpointWithCorruptWeightsFailsWithTheLoadersMessageAndTheLocalExitCode(@TempDir Path tmp)
            throws IOException {
        Path broken = GateRuns.copy(GateRuns.tinyBase(), tmp.resolve("tiny-broken"));
        try (RandomAccessFile f = new RandomAccessFile(broken.resolve("model.safetensors").toFile(), "rw")) {
            f.writeLong(Long.reverseBytes(Long.MAX_VALUE)); // the header length, far beyond the file
        }
        GateRuns.Gate brokenLocally = GateRuns.local(GateRuns.config(broken, tmp.resolve("local"), "run"));

        GateRuns.Gate spark = GateRuns.spark(new SparkGate.Options(2, false),
                GateRuns.config(broken, tmp.resolve("spark"), "run"));

        assertThat(brokenLocally.exit()).as(brokenLocally.out()).isEqualTo(1);
        assertThat(spark.exit()).as(spark.out() + spark.err()).isEqualTo(brokenLocally.exit());
        assertThat(spark.err()).contains("seat spark: Cannot load " + broken, "model.safetensors");
        assertThat(ExecutorModels.loads(broken.toString())).as("the failed load is not retried").isEqualTo(1);
    }
}
