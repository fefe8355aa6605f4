package dev.seat.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two checkpoints × the gate on {@code local[2,2]}: both run folders and one summary table. */
class SparkSweepTest {

    @Test
    void aSweepOverTwoCheckpointsWritesBothRunFoldersAndTheSummary(@TempDir Path tmp) {
        Path first = GateRuns.tinyBase();
        Path second = GateRuns.copy(first, tmp.resolve("tiny-copy"));
        Path results = tmp.resolve("results");
        Map<String, String> config = GateRuns.config(first, results, "sweep-test");
        StringWriter out = new StringWriter();

        int exit = SparkSweep.run(LocalSpark.context(), new SparkGate.Options(2, false), List.of(first, second), config,
                GateRuns.SUITES, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        assertThat(exit).as(out.toString()).isZero();
        for (Path c : List.of(first, second)) {
            Path run = results.resolve(c.getFileName().toString()).resolve("sweep-test");
            assertThat(run.resolve("metrics.json")).exists();
            assertThat(run.resolve("responses-unverifiable.jsonl")).exists();
        }
        JsonNode summary = Json.read(results.resolve("sweeps/sweep-test/summary.json"));
        assertThat(summary.get("runs")).hasSize(2);
        assertThat(summary.get("runs").get(1).get("metrics").get("unverifiable").get("n").asInt()).isEqualTo(12);
        String table = read(results.resolve("sweeps/sweep-test/summary.md"));
        assertThat(table).contains("| tiny-base | 0 | unverifiable | 12 |", "| tiny-copy | 0 | unseen | 12 |", "idk_sm");
        assertThat(out.toString()).contains(table);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
