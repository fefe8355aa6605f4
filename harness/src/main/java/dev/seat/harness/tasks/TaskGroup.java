package dev.seat.harness.tasks;

import java.util.List;

/**
 * A named set of tasks or groups aggregated together (lm-eval's {@code aggregate_metric_list}):
 * MMLU over its four categories, each category over its subjects, weighted by size; or a group of
 * an lm-eval group YAML.
 *
 * @param name e.g. {@code mmlu}
 * @param members task or group names, in report order
 * @param metrics the metrics aggregated; null for every metric all members report, empty for none
 *     (an lm-eval group without {@code aggregate_metric_list} reports no score of its own)
 * @param weightBySize whether a member's mean counts by its number of documents (else each member once)
 */
public record TaskGroup(String name, List<String> members, List<String> metrics, boolean weightBySize) {

    /** Every common metric, weighted by size. */
    public TaskGroup(String name, List<String> members) {
        this(name, members, null, true);
    }
}
