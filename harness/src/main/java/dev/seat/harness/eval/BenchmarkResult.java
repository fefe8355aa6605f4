package dev.seat.harness.eval;

import dev.seat.harness.tasks.GroupResult;
import dev.seat.harness.tasks.TaskMetric;
import dev.seat.harness.tasks.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One model's results on one entry of a {@link BenchmarkSuite}: a task ({@code arc_easy}) or a
 * group ({@code mmlu}, its subtasks and subgroups), computed with lm-evaluation-harness's prompts
 * and metric definitions ({@code dev.seat.harness.tasks}), on raw text without a chat template,
 * as lm-eval does by default. Injected into {@link Check} methods; assert on it with
 * {@code assertThat(result).acc().isNotWorseThan(baseline, 0.02)} ({@link BenchmarkAssert}).
 *
 * <p>The headline numbers ({@link #metrics()}) are the task's own, or for a group the group's
 * size-weighted aggregate over its members, as in lm-eval's {@code results} table.
 */
public final class BenchmarkResult {
    private final String name;
    private final String checkpointName;
    private final Integer limit;
    private final List<TaskResult> tasks;
    private final List<GroupResult> groups;
    private final boolean fromCache;

    public BenchmarkResult(String name, String checkpointName, Integer limit, List<TaskResult> tasks, List<GroupResult> groups,
            boolean fromCache) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("benchmark " + name + " has no tasks");
        }
        this.name = name;
        this.checkpointName = checkpointName;
        this.limit = limit;
        this.tasks = List.copyOf(tasks);
        this.groups = List.copyOf(groups);
        this.fromCache = fromCache;
    }

    /** The task or group name, as written in {@link BenchmarkSuite#value()}. */
    public String name() {
        return name;
    }

    /** Name of the checkpoint that was evaluated. */
    public String checkpointName() {
        return checkpointName;
    }

    /** Documents evaluated per task at most ({@code limit}), or {@code null} for all. */
    public Integer limit() {
        return limit;
    }

    /** Whether {@link #name()} is a group of tasks. */
    public boolean isGroup() {
        return !groups.isEmpty();
    }

    /** Every task's result (one for a task, each member task for a group). */
    public List<TaskResult> tasks() {
        return tasks;
    }

    /** The group and its subgroups' aggregates, members before the groups containing them; empty for a task. */
    public List<GroupResult> groups() {
        return groups;
    }

    /** Few-shot examples per prompt (of the first task; a group's tasks share the setting). */
    public int numFewshot() {
        return tasks.get(0).numFewshot();
    }

    /** Documents evaluated, over all tasks. */
    public int documents() {
        return tasks.stream().mapToInt(TaskResult::effectiveSize).sum();
    }

    /** Whether every model output came from the benchmark cache (nothing was computed in this run). */
    public boolean fromCache() {
        return fromCache;
    }

    /** Headline aggregates: filter name → metric name → value (a group: its aggregate). */
    public Map<String, Map<String, TaskMetric>> metrics() {
        return isGroup() ? groups.get(groups.size() - 1).metrics() : tasks.get(0).metrics();
    }

    /**
     * A headline aggregate, e.g. {@code metric("exact_match", "strict-match")}.
     *
     * @throws IllegalArgumentException naming what the benchmark reports when it has no such metric
     */
    public TaskMetric metric(String metric, String filter) {
        TaskMetric v = metrics().getOrDefault(filter, Map.of()).get(metric);
        if (v == null) {
            throw new IllegalArgumentException("benchmark " + name + " has no metric " + label(metric, filter)
                    + "; it reports " + String.join(", ", labels()));
        }
        return v;
    }

    /** The first metric under the first filter: the one lm-eval lists first ({@code acc}, {@code exact_match,strict-match}). */
    public String mainMetric() {
        return metrics().values().iterator().next().keySet().iterator().next();
    }

    /** The filter of {@link #mainMetric()} ({@code none} for multiple choice). */
    public String mainFilter() {
        return metrics().keySet().iterator().next();
    }

    /** How a metric is named in messages: {@code acc} under filter {@code none}, else {@code metric,filter}. */
    public static String label(String metric, String filter) {
        return "none".equals(filter) ? metric : metric + "," + filter;
    }

    /** Every headline metric's {@link #label}. */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        metrics().forEach((filter, byMetric) -> byMetric.keySet().forEach(m -> out.add(label(m, filter))));
        return out;
    }

    @Override
    public String toString() {
        return "BenchmarkResult[" + name + " on " + checkpointName + ": " + metrics() + "]";
    }
}
