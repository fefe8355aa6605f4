package dev.seat.harness.tasks;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one task run.
 *
 * @param definition the task
 * @param numFewshot examples per prompt
 * @param fewshotSource where the examples came from ({@code "none"} for 0-shot)
 * @param originalSize documents in the data before the limit
 * @param samples per-document records (multiple choice: one per document; generation: one per
 *     document and filter, filter by filter)
 * @param metrics filter name → metric name → aggregate, in definition order
 * @param promptHash sha256 of all prompts, see {@link Hashes#prompts}
 * @param modelSeconds seconds spent in the model
 * @param scoredTokens continuation tokens scored (multiple choice), for tokens/s
 */
public record TaskResult(
        TaskDefinition definition,
        int numFewshot,
        String fewshotSource,
        int originalSize,
        List<SampleRecord> samples,
        Map<String, Map<String, TaskMetric>> metrics,
        String promptHash,
        double modelSeconds,
        long scoredTokens) {

    public String task() {
        return definition.task();
    }

    /** Documents evaluated. */
    public int effectiveSize() {
        return (int) samples.stream().mapToInt(SampleRecord::docId).distinct().count();
    }

    /** A metric under a filter, e.g. {@code metric("exact_match", "strict-match")}. */
    public TaskMetric metric(String name, String filter) {
        Map<String, TaskMetric> byName = metrics.get(filter);
        if (byName == null || !byName.containsKey(name)) {
            throw new IllegalArgumentException("Task " + task() + " has no metric " + name + "," + filter
                    + "; it has " + metrics);
        }
        return byName.get(name);
    }

    /** A metric under the task's first filter ({@code "none"} for multiple choice). */
    public TaskMetric metric(String name) {
        return metric(name, metrics.keySet().iterator().next());
    }
}
