package dev.seat.trainer.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.eval.Answers;
import dev.seat.harness.gate.HumanLabels;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import dev.seat.harness.results.RunWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An experiment run's answers, kept as a gate run folder ({@link RunFolder}: {@code manifest.json},
 * {@code responses-<set>.jsonl} with per-answer metrics, {@code metrics.json}), so {@code seat sheets
 * export --runs} takes them for human labelling, and the labels {@code seat sheets report} writes
 * back are read with {@link HumanLabels#read}. The folder's checkpoint name is the run's id (the
 * tuned weights exist only in memory); its fingerprint is the base's for the base run only.
 */
public final class KeptAnswers {
    private KeptAnswers() {}

    /**
     * Writes the run folder {@code dir} (replacing what an interrupted attempt left), the manifest
     * last, with {@code finished}.
     *
     * @param describe the run: method, alpha, seed, base path and fingerprint (copied into the manifest)
     */
    public static void write(Path dir, String runId, ObjectNode describe, String fingerprint, List<Answers> answers,
            ObjectNode metricVersions) {
        deleteRecursively(dir);
        String started = Instant.now().toString();
        RunFolder folder = RunFolder.create(dir);
        ObjectNode manifest = Json.object();
        manifest.put("seat_version", RunWriter.seatVersion());
        manifest.put("run_id", runId);
        manifest.put("started", started);
        ObjectNode checkpoint = manifest.putObject("checkpoint").put("name", runId);
        if (fingerprint != null) {
            checkpoint.put("fingerprint", fingerprint);
        }
        manifest.set("experiment_run", describe);
        ObjectNode datasets = manifest.putObject("datasets");
        for (Answers a : answers) {
            folder.writeResponses(a.dataset(), a.records());
            ObjectNode agg = Json.object().put("n", a.size());
            a.computedMetrics().forEach((name, v) -> aggregate(agg, name, v));
            folder.updateMetrics(a.dataset(), agg);
            datasets.putObject(a.dataset()).put("n", a.size());
        }
        manifest.set("metric_versions", metricVersions);
        manifest.put("finished", Instant.now().toString());
        folder.writeManifest(manifest);
    }

    private static void aggregate(ObjectNode agg, String name, MetricValue v) {
        agg.put(name, v.mean());
        agg.put(name + "_stderr", v.stderr());
    }

    /** The answers kept for a set, empty when the run kept none (runs made before answers were kept). */
    public static Optional<List<ResponseRecord>> read(Path dir, String set) {
        Path file = dir.resolve("responses-" + set + ".jsonl");
        return Files.isRegularFile(file) ? Optional.of(RunFolder.readResponses(file)) : Optional.empty();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the incomplete answers folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
