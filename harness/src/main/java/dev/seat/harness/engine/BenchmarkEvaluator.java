package dev.seat.harness.engine;

import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointLanguageModel;
import dev.seat.harness.results.ResponseCache;
import dev.seat.harness.tasks.DataFileException;
import dev.seat.harness.tasks.DataLocator;
import dev.seat.harness.tasks.GroupResult;
import dev.seat.harness.tasks.Hashes;
import dev.seat.harness.tasks.TaskMetric;
import dev.seat.harness.tasks.PreparedTask;
import dev.seat.harness.tasks.TaskDefinition;
import dev.seat.harness.tasks.TaskGroup;
import dev.seat.harness.tasks.TaskRegistry;
import dev.seat.harness.tasks.TaskResult;
import dev.seat.harness.tasks.TaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Measures benchmark entries on checkpoints through the {@link BenchmarkCache}: the task registry
 * (built-ins plus {@code benchmarks.tasks} files), the data folder ({@code benchmarks.data},
 * default {@code ../shared/datasets/benchmarks}) and lm-eval's request semantics
 * ({@link TaskRunner}). Each (model, entry, limit, few-shot) is measured at most once per run.
 * Problems with task files, names or data files become {@link SeatConfigurationException}s naming
 * the configuration parameter to fix.
 */
final class BenchmarkEvaluator {
    private final SeatConfiguration config;
    private TaskRegistry registry;
    private DataLocator locator;
    private final Map<String, BenchmarkResult> measured = new HashMap<>();

    BenchmarkEvaluator(SeatConfiguration config) {
        this.config = config;
    }

    /** The task and group names suites may use. */
    synchronized TaskRegistry registry() {
        if (registry == null) {
            TaskRegistry r = TaskRegistry.builtins();
            for (Path file : config.benchmarkTaskFiles()) {
                try {
                    r.addFile(file);
                } catch (RuntimeException e) {
                    throw new SeatConfigurationException("Task file " + file + " (configuration parameter '"
                            + SeatConfiguration.BENCHMARKS_TASKS + "'): " + e.getMessage(), e);
                }
            }
            registry = r;
        }
        return registry;
    }

    /** Where data files are looked up. */
    synchronized DataLocator locator() {
        if (locator == null) {
            locator = config.benchmarksData().map(DataLocator::of).orElseGet(DataLocator::defaults);
        }
        return locator;
    }

    /** Every task and group name known. */
    Set<String> knownNames() {
        Set<String> out = new LinkedHashSet<>(registry().groupNames());
        out.addAll(registry().taskNames());
        return out;
    }

    /** Fails when {@code benchmarks} names something that is no task or group. */
    void validate(BenchmarkSelection selection) {
        List<String> unknown = selection.unknown(knownNames());
        if (!unknown.isEmpty()) {
            throw new SeatConfigurationException("Configuration parameter '" + SeatConfiguration.BENCHMARKS
                    + "' names unknown benchmark(s) " + String.join(", ", unknown) + "; known: " + describeKnown()
                    + ", or " + BenchmarkSelection.ALL);
        }
    }

    /** Fails when a suite names something that is no task or group. */
    void requireKnown(String name, Class<?> suite) {
        if (!knownNames().contains(name)) {
            throw new SeatConfigurationException("Benchmark suite " + suite.getName() + " names unknown benchmark '" + name
                    + "'; known: " + describeKnown() + " (add task files with -D" + SeatConfiguration.BENCHMARKS_TASKS
                    + "=FILE.json)");
        }
    }

    /**
     * A checkpoint's results on a task or group, from the cache where possible.
     *
     * @param limit documents per task, {@code null} for all
     * @param numFewshot examples per prompt, {@code null} for each task's default
     */
    synchronized BenchmarkResult measure(Checkpoint checkpoint, String name, Integer limit, Integer numFewshot) {
        String memo = String.join("|", checkpoint.fingerprint(), name, Objects.toString(limit), Objects.toString(numFewshot));
        BenchmarkResult known = measured.get(memo);
        if (known != null) {
            return known;
        }
        TaskRegistry.Selection selection = registry().select(List.of(name));
        TaskRunner runner = new TaskRunner(locator());
        CheckpointLanguageModel model = new CheckpointLanguageModel(checkpoint, config.batchSize());
        BenchmarkCache cache = new BenchmarkCache(ResponseCache.forCheckpoint(config.results(), checkpoint.name()).dir());
        List<TaskResult> tasks = new ArrayList<>();
        boolean allCached = true;
        for (TaskDefinition def : selection.tasks()) {
            try {
                PreparedTask prepared = runner.prepare(def, limit, numFewshot);
                BenchmarkCache.Key key = new BenchmarkCache.Key(model.fingerprint(), def.task(),
                        Hashes.prompts(prepared.contexts()), limit, prepared.numFewshot());
                CachingLanguageModel caching = new CachingLanguageModel(model,
                        config.cacheEnabled() ? cache.read(key).orElse(List.of()) : List.of());
                tasks.add(runner.evaluate(caching, def, limit, numFewshot));
                if (!caching.replayedAll()) {
                    cache.write(key, caching.calls());
                    allCached = false;
                }
            } catch (DataFileException e) {
                throw new SeatConfigurationException("Benchmark '" + name + "': " + e.getMessage()
                        + " (in the engine: configuration parameter '" + SeatConfiguration.BENCHMARKS_DATA + "')", e);
            } catch (IllegalArgumentException e) {
                throw new SeatConfigurationException("Benchmark '" + name + "': " + e.getMessage(), e);
            }
        }
        BenchmarkResult result = new BenchmarkResult(name, checkpoint.name(), limit, tasks, groups(selection, tasks),
                allCached);
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

    private String describeKnown() {
        List<String> names = new ArrayList<>(registry().groupNames().stream().filter(n -> !n.startsWith("mmlu_")).toList());
        registry().taskNames().stream().filter(n -> !n.startsWith("mmlu_")).forEach(names::add);
        return String.join(", ", names) + ", mmlu_<subject>";
    }
}
