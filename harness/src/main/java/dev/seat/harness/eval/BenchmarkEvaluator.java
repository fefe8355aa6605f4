package dev.seat.harness.eval;

import dev.seat.harness.Progress;
import dev.seat.harness.model.LanguageModel;
import dev.seat.harness.tasks.DataLocator;
import dev.seat.harness.tasks.GroupResult;
import dev.seat.harness.tasks.Hashes;
import dev.seat.harness.tasks.PreparedTask;
import dev.seat.harness.tasks.PromptOptions;
import dev.seat.harness.tasks.TaskDefinition;
import dev.seat.harness.tasks.TaskGroup;
import dev.seat.harness.tasks.TaskMetric;
import dev.seat.harness.tasks.TaskRegistry;
import dev.seat.harness.tasks.TaskResult;
import dev.seat.harness.tasks.TaskRunner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one benchmark task loop: runs lm-evaluation-harness tasks and groups on a model with lm-eval's
 * request semantics ({@link TaskRunner}), through the {@link BenchmarkCache} when one is given, and
 * aggregates groups, members before the groups that contain them. {@code ./seat bench-tasks} and the
 * gate's benchmark suites both measure through it. Each (model, names, limit, few-shot) is measured
 * at most once per evaluator.
 */
public final class BenchmarkEvaluator {
    private final TaskRegistry registry;
    private final DataLocator locator;
    private final Map<String, BenchmarkResult> measured = new HashMap<>();

    public BenchmarkEvaluator(TaskRegistry registry, DataLocator locator) {
        this.registry = registry;
        this.locator = locator;
    }

    public TaskRegistry registry() {
        return registry;
    }

    public DataLocator locator() {
        return locator;
    }

    /** Every task and group name known. */
    public Set<String> knownNames() {
        Set<String> out = new LinkedHashSet<>(registry.groupNames());
        out.addAll(registry.taskNames());
        return out;
    }

    /** The names among {@code names} that are no task or group. */
    public List<String> unknown(Collection<String> names) {
        Set<String> known = knownNames();
        return names.stream().filter(n -> !known.contains(n)).toList();
    }

    /** The known names for a message, MMLU's 57 subjects folded into {@code mmlu_<subject>}. */
    public String describeKnown() {
        List<String> names = new ArrayList<>(registry.groupNames().stream().filter(n -> !n.startsWith("mmlu_")).toList());
        registry.taskNames().stream().filter(n -> !n.startsWith("mmlu_")).forEach(names::add);
        return String.join(", ", names) + ", mmlu_<subject>";
    }

    /**
     * A model's results on tasks and groups.
     *
     * @param modelName the model's name, for results and messages
     * @param names task or group names (registry names)
     * @param limit documents per task, {@code null} for all
     * @param numFewshot examples per prompt, {@code null} for each task's default
     * @param cache where model outputs are replayed from and saved to; empty to always ask the model
     * @throws dev.seat.harness.tasks.DataFileException when a task's data file is missing or malformed
     * @throws IllegalArgumentException for unknown names or bad settings
     */
    public BenchmarkResult measure(LanguageModel model, String modelName, List<String> names, Integer limit,
            Integer numFewshot, Optional<BenchmarkCache> cache) {
        return measure(model, modelName, names, limit, numFewshot, PromptOptions.PLAIN, cache);
    }

    /**
     * As {@link #measure(LanguageModel, String, List, Integer, Integer, Optional)}, with prompts written
     * as {@code prompts} say (a chat template, a system instruction, multi-turn examples). The cache
     * tells them apart by the prompts themselves.
     */
    public synchronized BenchmarkResult measure(LanguageModel model, String modelName, List<String> names, Integer limit,
            Integer numFewshot, PromptOptions prompts, Optional<BenchmarkCache> cache) {
        String memo = String.join("|", model.fingerprint(), String.join(",", names), Objects.toString(limit),
                Objects.toString(numFewshot), prompts.describe(), Boolean.toString(cache.isPresent()));
        BenchmarkResult known = measured.get(memo);
        if (known != null) {
            return known;
        }
        TaskRegistry.Selection selection = registry.select(names);
        TaskRunner runner = new TaskRunner(locator, prompts);
        List<TaskResult> tasks = new ArrayList<>();
        boolean allCached = true;
        Progress progress = Progress.start("benchmarks of " + modelName, selection.tasks().size(), "tasks");
        for (TaskDefinition def : selection.tasks()) {
            if (cache.isPresent()) {
                PreparedTask prepared = runner.prepare(def, limit, numFewshot);
                BenchmarkCache.Key key = new BenchmarkCache.Key(model.fingerprint(), def.task(),
                        Hashes.prompts(prepared.contexts()), limit, prepared.numFewshot());
                CachingLanguageModel caching = new CachingLanguageModel(model, cache.get().read(key).orElse(List.of()));
                tasks.add(runner.evaluate(caching, def, limit, numFewshot));
                if (!caching.replayedAll()) {
                    cache.get().write(key, caching.calls());
                    allCached = false;
                }
            } else {
                tasks.add(runner.evaluate(model, def, limit, numFewshot));
                allCached = false;
            }
            progress.advance(1);
        }
        progress.done();
        BenchmarkResult result = new BenchmarkResult(String.join(",", names), modelName, limit, tasks,
                groups(selection, tasks), allCached);
        measured.put(memo, result);
        return result;
    }

    /** The selection's groups aggregated over the task results, members before the groups containing them. */
    private static List<GroupResult> groups(TaskRegistry.Selection selection, List<TaskResult> tasks) {
        Map<String, Map<String, Map<String, TaskMetric>>> byName = new LinkedHashMap<>();
        tasks.forEach(t -> byName.put(t.task(), t.metrics()));
        List<GroupResult> out = new ArrayList<>();
        for (TaskGroup g : selection.groups()) {
            GroupResult r = GroupResult.aggregate(g, byName);
            byName.put(g.name(), r.metrics());
            out.add(r);
        }
        return out;
    }
}
