package dev.seat.harness.gate;

import dev.seat.harness.metrics.MetricValue;
import java.nio.file.Path;

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
 * whose {@code metrics.json} has {@code idk_ha} for the dataset; see {@link HumanLabelsFinder}.
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

    public HumanLabels(String dataset, String checkpointName, Path runDir, MetricValue idkHa, int annotators) {
        this.dataset = dataset;
        this.checkpointName = checkpointName;
        this.runDir = runDir;
        this.idkHa = idkHa;
        this.annotators = annotators;
    }

    /** The dataset the labels are about. */
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
