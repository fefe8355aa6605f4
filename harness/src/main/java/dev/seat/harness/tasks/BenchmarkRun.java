package dev.seat.harness.tasks;

import dev.seat.harness.model.LanguageModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@linkplain TaskRegistry.Selection selection} of tasks on one model and aggregates its
 * groups, members before the groups that contain them.
 *
 * @param tasks one result per task, in selection order
 * @param groups one result per group
 */
public record BenchmarkRun(List<TaskResult> tasks, List<GroupResult> groups) {

    /**
     * @param limit documents per task ({@code null}: all)
     * @param numFewshot examples per prompt ({@code null}: each task's default)
     */
    public static BenchmarkRun run(TaskRunner runner, LanguageModel model, TaskRegistry.Selection selection,
            Integer limit, Integer numFewshot) {
        List<TaskResult> results = new ArrayList<>();
        Map<String, Map<String, Map<String, TaskMetric>>> byName = new LinkedHashMap<>();
        for (TaskDefinition def : selection.tasks()) {
            TaskResult r = runner.evaluate(model, def, limit, numFewshot);
            results.add(r);
            byName.put(r.task(), r.metrics());
        }
        List<GroupResult> groups = new ArrayList<>();
        for (TaskGroup g : selection.groups()) {
            GroupResult gr = GroupResult.aggregate(g, byName);
            groups.add(gr);
            byName.put(g.name(), gr.metrics());
        }
        return new BenchmarkRun(List.copyOf(results), List.copyOf(groups));
    }
}
