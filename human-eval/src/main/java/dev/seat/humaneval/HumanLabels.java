package dev.seat.humaneval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import dev.seat.humaneval.report.RunSummaryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The human scores of one run folder, as last written by {@code seat sheets report}
 * ({@code <run>/human-eval/summary.json}). Empty when the run has no human labels yet; a gate
 * then skips its human checks with {@link #absentReason(String)}.
 */
public final class HumanLabels {

    /**
     * IDK_HA of one dataset of the run.
     *
     * @param value mean over scored items
     * @param stderr standard error (sample std / √n), NaN when n &lt; 2
     * @param n scored items
     * @param annotators number of annotators with labels on the run's items
     * @param exportId the export the labels belong to
     */
    public record IdkHa(double value, double stderr, int n, int annotators, String exportId) {}

    private final Path runDir;
    private final Map<String, IdkHa> byDataset;

    private HumanLabels(Path runDir, Map<String, IdkHa> byDataset) {
        this.runDir = runDir;
        this.byDataset = byDataset;
    }

    /** Reads the run's human scores; empty (never an exception) when there are none. */
    public static HumanLabels load(Path runDir) {
        Path file = RunSummaryFile.path(runDir);
        Map<String, IdkHa> out = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            JsonNode datasets = Json.read(file).path("datasets");
            for (Iterator<Map.Entry<String, JsonNode>> it = datasets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode d = e.getValue();
                int n = d.path("idk_ha_n").asInt(0);
                if (n == 0 || !d.path("idk_ha").isNumber()) {
                    continue;
                }
                out.put(e.getKey(), new IdkHa(d.get("idk_ha").asDouble(),
                        d.path("idk_ha_stderr").isNumber() ? d.get("idk_ha_stderr").asDouble() : Double.NaN,
                        n, d.path("annotators").size(), d.path("export_id").asText(null)));
            }
        }
        return new HumanLabels(runDir, out);
    }

    public Path runDir() {
        return runDir;
    }

    public boolean isEmpty() {
        return byDataset.isEmpty();
    }

    /** Datasets with at least one scored item. */
    public java.util.Set<String> datasets() {
        return byDataset.keySet();
    }

    public Optional<IdkHa> idkHa(String dataset) {
        return Optional.ofNullable(byDataset.get(dataset));
    }

    /** Why {@link #idkHa(String)} is empty, for a skipped check's message. */
    public String absentReason(String dataset) {
        return "no human labels for dataset '" + dataset + "' in " + runDir
                + " (export sheets with `seat sheets export --runs " + runDir
                + " ...`, ingest the filled sheets and run `seat sheets report`)";
    }
}
