package dev.seat.harness.tasks;

import java.util.List;

/**
 * A named set of tasks or groups aggregated together, weighted by size (lm-eval's
 * {@code aggregate_metric} with {@code weight_by_size: true}): MMLU over its four categories,
 * each category over its subjects.
 *
 * @param name e.g. {@code mmlu}
 * @param members task or group names, in report order
 */
public record TaskGroup(String name, List<String> members) {}
