package dev.seat.humaneval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code <run>/human-eval/summary.json}: per dataset, the latest human scores of the run with the
 * per-item votes, written by {@link HumanEvalReport#writeIntoRuns()} for people and tools (the gate
 * reads the headline numbers from {@code metrics.json} through {@link dev.seat.harness.gate.HumanLabels}).
 * A later report replaces the entries of the datasets it covers and keeps the others.
 */
public final class RunSummaryFile {
    public static final String FORMAT = "seat-human-eval-summary/1";

    private RunSummaryFile() {}

    public static Path path(Path runDir) {
        return runDir.resolve("human-eval").resolve("summary.json");
    }

    static void update(Path runDir, String exportId, List<RunResult> results) {
        Path file = path(runDir);
        ObjectNode root = Files.isRegularFile(file) && Json.read(file).isObject()
                ? (ObjectNode) Json.read(file) : Json.object();
        root.put("format", FORMAT);
        JsonNode existing = root.get("datasets");
        ObjectNode datasets = existing instanceof ObjectNode o ? o : root.putObject("datasets");
        String now = Instant.now().toString();
        for (RunResult r : results) {
            datasets.set(r.dataset(), ReportJson.runSummary(exportId, r, now));
        }
        Json.write(file, root);
    }
}
