package dev.seat.harness.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The human IDK_HA of a suite's dataset for the checkpoint under test: the share of answers that
 * annotators judged both a refusal and about the question (the SEAT paper's decisive metric).
 * Injected into {@link Check} methods of an {@link IgnoranceSuite}:
 *
 * <pre>{@code
 * @Check void humansSeeRefusals(HumanLabels labels, @Threshold(0.90) double min) {
 *     assertThat(labels).idkHa().isAtLeast(min);
 * }
 * }</pre>
 *
 * <p>The labels are produced outside the test run, by the human-eval module ({@code seat sheets
 * export}, {@code ingest}, {@code report}), which writes {@code idk_ha}, {@code idk_ha_stderr},
 * {@code idk_ha_n} and {@code idk_ha_annotators} under the dataset in a run folder's
 * {@code metrics.json}. The engine reads them from the most recent run folder (by the manifest's
 * {@code started}) under the results root whose manifest has the checkpoint's fingerprint and
 * whose {@code metrics.json} has {@code idk_ha} for the dataset ({@link #read}). The human-eval
 * module reads its own results back through this type too: there is one reader of human labels.
 * A check asking for them is skipped, saying where it looked and how to produce labels, when
 * there are none.
 */
public final class HumanLabels {
    /** The metric name under which human IDK_HA is written into {@code metrics.json}. */
    public static final String IDK_HA = "idk_ha";

    private final String dataset;
    private final String checkpointName;
    private final Path runDir;
    private final MetricValue idkHa;
    private final int annotators;
    private final String exportId;

    private HumanLabels(String dataset, String checkpointName, Path runDir, MetricValue idkHa, int annotators,
            String exportId) {
        this.dataset = dataset;
        this.checkpointName = checkpointName;
        this.runDir = runDir;
        this.idkHa = idkHa;
        this.exportId = exportId;
        this.annotators = annotators;
    }

    /** The dataset the labels are about. */
    /**
     * The labels {@code seat sheets report} recorded for a dataset in a run folder's
     * {@code metrics.json}; empty when it recorded none (or no item was labelled) or the file cannot
     * be read.
     */
    public static Optional<HumanLabels> read(Path runDir, String dataset) {
        Path metrics = runDir.resolve("metrics.json");
        if (!Files.isRegularFile(metrics)) {
            return Optional.empty();
        }
        JsonNode d;
        String checkpointName;
        try {
            d = Json.read(metrics).path(dataset);
            Path manifest = runDir.resolve("manifest.json");
            checkpointName = Files.isRegularFile(manifest) ? Json.read(manifest).at("/checkpoint/name").asText(null) : null;
        } catch (RuntimeException e) { // a torn or hand-edited file: no usable labels
            return Optional.empty();
        }
        if (!d.path(IDK_HA).isNumber() || d.path(IDK_HA + "_n").asInt(0) == 0) {
            return Optional.empty();
        }
        JsonNode stderr = d.path(IDK_HA + "_stderr");
        MetricValue value = new MetricValue(IDK_HA, d.get(IDK_HA).asDouble(), stderr.isNumber() ? stderr.asDouble()
                : Double.NaN, d.path(IDK_HA + "_n").asInt(), new double[0]);
        String name = checkpointName != null ? checkpointName : runDir.toAbsolutePath().getParent().getFileName().toString();
        return Optional.of(new HumanLabels(dataset, name, runDir, value, d.path(IDK_HA + "_annotators").asInt(0),
                d.path(IDK_HA + "_export").asText(null)));
    }

    public String dataset() {
        return dataset;
    }

    /** Name of the checkpoint whose answers were labelled. */
    public String checkpointName() {
        return checkpointName;
    }

    /** The run folder whose {@code metrics.json} holds the labels. */
    public Path runDir() {
        return runDir;
    }

    /**
     * IDK_HA: mean over labelled items, its standard error ({@code NaN} when the report could not
     * compute one) and the number of items. Per-item values are not part of {@code metrics.json},
     * so {@link MetricValue#values()} is empty.
     */
    public MetricValue idkHa() {
        return idkHa;
    }

    /** Annotators with labels on the run's items (0 when the report did not say). */
    public int annotators() {
        return annotators;
    }

    /** The sheet export the labels belong to, if recorded. */
    public String exportId() {
        return exportId;
    }

    /** Where the numbers come from, for assertion messages. */
    public String describe() {
        return "human labels of '" + dataset + "' for checkpoint " + checkpointName + " (" + annotators
                + " annotators, " + runDir.resolve("metrics.json") + ")";
    }

    @Override
    public String toString() {
        return "HumanLabels[" + dataset + ", " + idkHa + ", " + runDir + "]";
    }
}
