package dev.seat.harness.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.eval.BenchmarkCache;
import dev.seat.harness.eval.BenchmarkEvaluator;
import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointLanguageModel;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseCache;
import dev.seat.harness.tasks.DataFileException;
import dev.seat.harness.tasks.DataLocator;
import dev.seat.harness.tasks.GroupResult;
import dev.seat.harness.tasks.LmEvalOutput;
import dev.seat.harness.tasks.TaskMetric;
import dev.seat.harness.tasks.TaskRegistry;
import dev.seat.harness.tasks.TaskResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark side of one {@link SeatRun}: measures benchmark entries for the checkpoint and the
 * baseline (through the {@link BenchmarkEvaluator}), records them in the manifest under
 * {@code benchmarks.<name>} and writes them into the run folder:
 * <ul>
 *   <li>{@code metrics.json}, under the task or group name: each headline metric and its stderr
 *       ({@code acc}, {@code acc_stderr}; {@code exact_match,strict-match},
 *       {@code exact_match_stderr,strict-match} for filters other than {@code none}), {@code n},
 *       {@code num_fewshot}, and the same keys of the baseline prefixed {@code baseline_};</li>
 *   <li>lm-evaluation-harness's files ({@link LmEvalOutput}): {@code results_<date>.json} and
 *       {@code samples_<task>_<date>.jsonl} of every task the run measured on the checkpoint, and
 *       the baseline's in {@code baseline/}. Rewritten as suites finish, so a run has one set.</li>
 * </ul>
 */
final class SeatBenchmarks {
    private final SeatRun run;
    private final BenchmarkEvaluator evaluator;
    private final Map<String, BenchmarkResult> tuned = new LinkedHashMap<>();
    private final Map<String, BenchmarkResult> base = new LinkedHashMap<>();
    private final List<Path> written = new ArrayList<>();

    SeatBenchmarks(SeatRun run) {
        this.run = run;
        SeatConfiguration config = run.config();
        TaskRegistry registry = TaskRegistry.builtins();
        for (Path file : config.benchmarkTaskFiles()) {
            try {
                registry.addFile(file);
            } catch (RuntimeException e) {
                throw new SeatConfigurationException("Task file " + file + " (configuration parameter '"
                        + SeatConfiguration.BENCHMARKS_TASKS + "'): " + e.getMessage(), e);
            }
        }
        this.evaluator = new BenchmarkEvaluator(registry,
                config.benchmarksData().map(DataLocator::of).orElseGet(DataLocator::defaults));
    }

    /** Fails when {@code benchmarks} names something that is no task or group. */
    void validate(BenchmarkSelection selection) {
        List<String> unknown = selection.unknown(evaluator.knownNames());
        if (!unknown.isEmpty()) {
            throw new SeatConfigurationException("Configuration parameter '" + SeatConfiguration.BENCHMARKS
                    + "' names unknown benchmark(s) " + String.join(", ", unknown) + "; known: "
                    + evaluator.describeKnown() + ", or " + BenchmarkSelection.ALL);
        }
    }

    /** Fails when a suite names something that is no task or group. */
    void requireKnown(String name, Class<?> suite) {
        if (!evaluator.knownNames().contains(name)) {
            throw new SeatConfigurationException("Benchmark suite " + suite.getName() + " names unknown benchmark '" + name
                    + "'; known: " + evaluator.describeKnown() + " (add task files with -D"
                    + SeatConfiguration.BENCHMARKS_TASKS + "=FILE.json)");
        }
    }

    /** The checkpoint's result on a task or group. */
    synchronized BenchmarkResult checkpointResult(String name, Integer limit, Integer numFewshot) {
        BenchmarkResult r = measure(run.checkpoint(), name, limit, numFewshot);
        tuned.put(name, r);
        record(name, r, "");
        return r;
    }

    /** The baseline's result on a task or group (loads the baseline on first use). */
    synchronized BenchmarkResult baselineResult(String name, Integer limit, Integer numFewshot) {
        BenchmarkResult r = measure(run.baseline(), name, limit, numFewshot);
        base.put(name, r);
        record(name, r, "baseline_");
        return r;
    }

    private BenchmarkResult measure(Checkpoint model, String name, Integer limit, Integer numFewshot) {
        Optional<BenchmarkCache> cache = run.config().cacheEnabled() && !model.weightsChanged()
                ? Optional.of(new BenchmarkCache(ResponseCache.forCheckpoint(run.config().results(), model.name()).dir()))
                : Optional.empty();
        try {
            return evaluator.measure(new CheckpointLanguageModel(model, run.config().batchSize()), model.name(),
                    List.of(name), limit, numFewshot, cache);
        } catch (DataFileException e) {
            throw new SeatConfigurationException("Benchmark '" + name + "': " + e.getMessage()
                    + " (in the engine: configuration parameter '" + SeatConfiguration.BENCHMARKS_DATA + "')", e);
        } catch (IllegalArgumentException e) {
            throw new SeatConfigurationException("Benchmark '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Writes what the run measured on a task or group into {@code metrics.json}; nothing if it measured nothing. */
    synchronized void writeMetrics(String name) {
        BenchmarkResult t = tuned.get(name);
        BenchmarkResult b = base.get(name);
        if (run.writer() == null || (t == null && b == null)) {
            return;
        }
        ObjectNode agg = Json.object();
        if (t != null) {
            putMetrics(agg, "", t);
        }
        if (b != null) {
            putMetrics(agg, "baseline_", b);
        }
        run.writer().folder().updateMetrics(name, agg);
    }

    /**
     * Writes lm-eval's files for everything measured so far, replacing those this run wrote
     * before; returns the checkpoint's {@code results_<date>.json}, if any.
     */
    synchronized Optional<Path> writeLmEvalFiles() {
        if (run.writer() == null || (tuned.isEmpty() && base.isEmpty())) {
            return Optional.empty();
        }
        for (Path p : written) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not replace " + p + ": " + e.getMessage(), e);
            }
        }
        written.clear();
        Path dir = run.writer().folder().dir();
        Optional<Path> results = write(dir, tuned, tuned.isEmpty() ? null : run.checkpoint());
        write(dir.resolve("baseline"), base, base.isEmpty() ? null : run.baseline());
        return results;
    }

    private Optional<Path> write(Path dir, Map<String, BenchmarkResult> results, Checkpoint model) {
        if (model == null) {
            return Optional.empty();
        }
        Map<String, TaskResult> tasks = new LinkedHashMap<>();
        Map<String, GroupResult> groups = new LinkedHashMap<>();
        Integer limit = null;
        for (BenchmarkResult r : results.values()) {
            r.tasks().forEach(t -> tasks.put(t.task(), t));
            r.groups().forEach(g -> groups.put(g.name(), g));
            limit = r.limit();
        }
        double seconds = tasks.values().stream().mapToDouble(TaskResult::modelSeconds).sum();
        LmEvalOutput.Written w = LmEvalOutput.write(dir, new LmEvalOutput.RunInfo("seat",
                        "checkpoint=" + model.dir().toAbsolutePath().normalize(), model.fingerprint(), limit,
                        evaluator.locator().dataDir().toString()),
                List.copyOf(tasks.values()), List.copyOf(groups.values()), seconds);
        written.add(w.results());
        written.addAll(w.samples());
        return Optional.of(w.results());
    }

    private static void putMetrics(ObjectNode agg, String prefix, BenchmarkResult r) {
        r.metrics().forEach((filter, byMetric) -> byMetric.forEach((metric, v) -> {
            String suffix = "none".equals(filter) ? "" : "," + filter;
            agg.put(prefix + metric + suffix, v.value());
            if (Double.isNaN(v.stderr())) {
                agg.putNull(prefix + metric + "_stderr" + suffix);
            } else {
                agg.put(prefix + metric + "_stderr" + suffix, v.stderr());
            }
        }));
        TaskMetric main = r.metric(r.mainMetric(), r.mainFilter());
        agg.put(prefix + "n", main.n());
        agg.put(prefix + "num_fewshot", r.numFewshot());
    }

    private void record(String name, BenchmarkResult r, String prefix) {
        if (run.writer() == null) {
            return;
        }
        run.writer().updateManifest(m -> {
            ObjectNode all = m.has("benchmarks") ? (ObjectNode) m.get("benchmarks") : m.putObject("benchmarks");
            ObjectNode entry = all.has(name) ? (ObjectNode) all.get(name) : all.putObject(name);
            entry.put(prefix + "results", r.fromCache() ? "cache" : "computed");
            entry.put(prefix + "checkpoint", r.checkpointName());
            entry.put(prefix + "tasks", r.tasks().size());
            entry.put(prefix + "documents", r.documents());
            entry.put(prefix + "num_fewshot", r.numFewshot());
            if (r.limit() == null) {
                entry.putNull(prefix + "limit");
            } else {
                entry.put(prefix + "limit", r.limit());
            }
            if (!r.isGroup()) {
                entry.put(prefix + "prompt_hash", r.tasks().get(0).promptHash());
            }
            entry.put(prefix + "model_seconds", r.tasks().stream().mapToDouble(TaskResult::modelSeconds).sum());
            entry.put("data_dir", evaluator.locator().dataDir().toString());
        });
    }
}
