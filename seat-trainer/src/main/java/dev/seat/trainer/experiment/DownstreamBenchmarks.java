package dev.seat.trainer.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.eval.BenchmarkCache;
import dev.seat.harness.eval.BenchmarkEvaluator;
import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointLanguageModel;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseCache;
import dev.seat.harness.tasks.DataLocator;
import dev.seat.harness.tasks.TaskMetric;
import dev.seat.harness.tasks.TaskRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The paper's Table 6: lm-evaluation-harness tasks (the same task loop as {@code bench-tasks} and
 * the gate's benchmark suites, {@link BenchmarkEvaluator}) on the base and on each fine-tuned
 * model, side by side, with each method's difference to the base and that difference's standard
 * error.
 *
 * @param tasks task or group names
 * @param limit documents per task, null for all
 * @param numFewshot examples per prompt, null for each task's default
 */
public record DownstreamBenchmarks(List<String> tasks, Integer limit, Integer numFewshot) {

    public DownstreamBenchmarks {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("--benchmarks needs at least one task name");
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--benchmark-limit must be >= 1, got " + limit);
        }
    }

    /** Refuses unknown task names before any model is loaded, listing the known ones. */
    public void validate() {
        BenchmarkEvaluator evaluator = evaluator();
        List<String> unknown = evaluator.unknown(tasks);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--benchmarks: unknown task(s) " + unknown + "; known: " + evaluator.describeKnown());
        }
    }

    /** What enters a run's settings. */
    public ObjectNode settings() {
        ObjectNode n = Json.object();
        n.set("tasks", Json.MAPPER.valueToTree(tasks));
        n.put("limit", limit);
        n.put("num_fewshot", numFewshot);
        return n;
    }

    /**
     * Each task's headline metric on {@code cp}: {@code {task: {metric, value, stderr, n}}}. The
     * benchmark cache under {@code cacheRoot} is used only for unchanged weights (the base).
     */
    public ObjectNode measure(Checkpoint cp, Optional<Path> cacheRoot) {
        // a fresh evaluator each time: its memo is keyed by fingerprint, which tuning in memory leaves as the base's
        BenchmarkEvaluator evaluator = evaluator();
        Optional<BenchmarkCache> cache = cp.weightsChanged() ? Optional.empty()
                : cacheRoot.map(root -> new BenchmarkCache(ResponseCache.forCheckpoint(root, cp.name()).dir()));
        CheckpointLanguageModel model = new CheckpointLanguageModel(cp, 16);
        ObjectNode out = Json.object();
        for (String task : tasks) {
            BenchmarkResult r = evaluator.measure(model, cp.name(), List.of(task), limit, numFewshot, cache);
            TaskMetric m = r.metric(r.mainMetric(), r.mainFilter());
            out.putObject(task).put("metric", BenchmarkResult.label(r.mainMetric(), r.mainFilter())).put("value", m.value())
                    .put("stderr", m.stderr()).put("n", m.n());
        }
        return out;
    }

    private static BenchmarkEvaluator evaluator() {
        return new BenchmarkEvaluator(TaskRegistry.builtins(), DataLocator.defaults());
    }

    /**
     * Writes {@code table6.md} and {@code table6.json} under {@code out}: one row per method (the
     * run of its lowest seed), one column per task. Nothing is written when no run has benchmarks.
     *
     * @param runs run records in table order, the base first
     */
    public static void writeTable(Path out, List<JsonNode> runs) {
        Map<String, JsonNode> perMethod = new LinkedHashMap<>();
        for (JsonNode r : runs) {
            if (r.has("benchmarks")) {
                perMethod.merge(Table2Experiment.rowName(r), r, (a, b) -> a.path("seed").asLong() <= b.path("seed").asLong() ? a : b);
            }
        }
        if (perMethod.isEmpty()) {
            return;
        }
        JsonNode base = perMethod.get("base");
        List<String> tasks = new ArrayList<>();
        perMethod.values().forEach(r -> r.get("benchmarks").fieldNames().forEachRemaining(t -> {
            if (!tasks.contains(t)) {
                tasks.add(t);
            }
        }));
        ObjectNode json = Json.object();
        StringBuilder md = new StringBuilder("# Table 6: downstream tasks, the base and each method\n\n| method | seed |");
        tasks.forEach(t -> md.append(' ').append(t).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(tasks.size())).append('\n');
        perMethod.forEach((name, r) -> {
            ObjectNode row = json.putObject(name).put("seed", r.path("seed").asLong());
            md.append("| ").append(name).append(" | ").append(r.path("method").asText().equals("base") ? "–" : r.path("seed").asText())
                    .append(" |");
            for (String t : tasks) {
                JsonNode v = r.get("benchmarks").get(t);
                JsonNode b = base == null ? null : base.get("benchmarks").get(t);
                md.append(' ').append(cell(v, b, r == base)).append(" |");
                if (v != null) {
                    ObjectNode cellJson = row.putObject(t).put("metric", v.get("metric").asText()).put("value", v.get("value").asDouble())
                            .put("stderr", v.get("stderr").asDouble());
                    if (b != null && r != base) {
                        cellJson.put("diff", v.get("value").asDouble() - b.get("value").asDouble())
                                .put("diff_stderr", diffStderr(v, b));
                    }
                }
            }
            md.append('\n');
        });
        md.append("\nCells: the task's headline metric (");
        List<String> metrics = new ArrayList<>();
        for (String t : tasks) {
            perMethod.values().stream().map(r -> r.get("benchmarks").get(t)).filter(v -> v != null).findFirst()
                    .ifPresent(v -> metrics.add(t + ": " + v.get("metric").asText() + ", n " + v.get("n").asInt()));
        }
        md.append(String.join("; ", metrics)).append(") ± its standard error; for a method, in brackets, its difference")
                .append(" to the base ± the standard error of that difference, sqrt(se_method² + se_base²), the standard")
                .append(" error of a difference of two independent means (both models answer the same documents, so the")
                .append(" true error of the difference is smaller when their errors are correlated). One seed per method:")
                .append(" its lowest.\n");
        Json.write(out.resolve("table6.json"), json);
        AtomicFiles.writeString(out.resolve("table6.md"), md.toString());
    }

    private static String cell(JsonNode v, JsonNode base, boolean isBase) {
        if (v == null) {
            return "–";
        }
        String own = fmt(v.get("value").asDouble()) + " ± " + fmt(v.get("stderr").asDouble());
        if (isBase || base == null) {
            return own;
        }
        double diff = v.get("value").asDouble() - base.get("value").asDouble();
        return own + " (" + String.format(Locale.ROOT, "%+.3f", diff) + " ± " + fmt(diffStderr(v, base)) + ")";
    }

    /** sqrt(se1² + se2²): the standard error of the difference of two independent means. */
    static double diffStderr(JsonNode a, JsonNode b) {
        double se1 = a.get("stderr").asDouble();
        double se2 = b.get("stderr").asDouble();
        return Math.sqrt(se1 * se1 + se2 * se2);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
