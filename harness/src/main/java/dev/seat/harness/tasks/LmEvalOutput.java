package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.LanguageModel.LoglikResult;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes results in lm-evaluation-harness's file layout, so they can be diffed against lm-eval
 * runs and re-scored offline:
 * <ul>
 *   <li>{@code results_<date>.json}: {@code results.<task>."<metric>,<filter>"} and
 *       {@code "<metric>_stderr,<filter>"} (stderr {@code "N/A"} when undefined), group
 *       aggregates under {@code results} and {@code groups}, {@code group_subtasks},
 *       {@code configs}, {@code versions}, {@code n-shot}, {@code higher_is_better},
 *       {@code n-samples} ({@code original}, {@code effective}), {@code config}, plus seat's
 *       {@code model_fingerprint}, {@code prompt_hashes} and {@code timing} (tokens/s);</li>
 *   <li>{@code samples_<task>_<date>.jsonl}: per document (and filter) {@code doc_id},
 *       {@code doc}, {@code target}, {@code arguments} ({@code gen_args_i.arg_0/arg_1}),
 *       {@code resps} and {@code filtered_resps} (log-likelihood pairs as Python's
 *       {@code ["-1.5", "False"]} strings, generations as text), {@code filter},
 *       {@code metrics} (names), {@code doc_hash}, {@code prompt_hash}, {@code target_hash}
 *       and each metric's value.</li>
 * </ul>
 * {@code <date>} is the local time as lm-eval writes it ({@code 2025-01-31T12-30-05.123456}).
 * Files are written atomically.
 */
public final class LmEvalOutput {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSSSSS");

    private LmEvalOutput() {}

    /**
     * What produced the results.
     *
     * @param model model kind, e.g. {@code "seat"}
     * @param modelArgs e.g. {@code "checkpoint=/path"}
     * @param fingerprint {@link dev.seat.harness.model.LanguageModel#fingerprint()}
     * @param limit the {@code --limit}, or {@code null}
     * @param dataDir the data folder used
     */
    public record RunInfo(String model, String modelArgs, String fingerprint, Integer limit, String dataDir) {}

    /** The files written. */
    public record Written(Path results, List<Path> samples) {}

    /** Writes {@code results_<date>.json} and one samples file per task into {@code outDir}. */
    public static Written write(Path outDir, RunInfo info, List<TaskResult> tasks, List<GroupResult> groups,
            double totalSeconds) {
        LocalDateTime now = LocalDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MICROS);
        String date = DATE.format(now);
        List<Path> sampleFiles = new ArrayList<>();
        for (TaskResult t : tasks) {
            Path file = outDir.resolve("samples_" + t.task() + "_" + date + ".jsonl");
            AtomicFiles.write(file, out -> {
                for (ObjectNode line : sampleLines(t)) {
                    out.write(Json.compact(line).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            });
            sampleFiles.add(file);
        }
        ObjectNode results = resultsJson(info, tasks, groups, totalSeconds);
        results.put("date", now.atZone(ZoneId.systemDefault()).toEpochSecond() + now.getNano() / 1e9);
        Path resultsFile = outDir.resolve("results_" + date + ".json");
        Json.write(resultsFile, results);
        return new Written(resultsFile, List.copyOf(sampleFiles));
    }

    /** The content of {@code results_<date>.json} (without {@code date}). */
    public static ObjectNode resultsJson(RunInfo info, List<TaskResult> tasks, List<GroupResult> groups, double totalSeconds) {
        ObjectNode root = Json.object();
        ObjectNode results = root.putObject("results");
        for (TaskResult t : tasks) {
            putMetrics(results.putObject(t.task()), t.task(), t.metrics());
        }
        ObjectNode groupsNode = Json.object();
        for (GroupResult g : groups) {
            putMetrics(results.putObject(g.name()), g.name(), g.metrics());
            putMetrics(groupsNode.putObject(g.name()), g.name(), g.metrics());
        }
        if (!groups.isEmpty()) {
            root.set("groups", groupsNode);
            ObjectNode subtasks = root.putObject("group_subtasks");
            for (GroupResult g : groups) {
                ArrayNode members = subtasks.putArray(g.name());
                g.members().forEach(members::add);
            }
        }
        ObjectNode configs = root.putObject("configs");
        ObjectNode versions = root.putObject("versions");
        ObjectNode nShot = root.putObject("n-shot");
        ObjectNode higher = root.putObject("higher_is_better");
        ObjectNode nSamples = root.putObject("n-samples");
        ObjectNode promptHashes = Json.object();
        ObjectNode timing = Json.object();
        for (TaskResult t : tasks) {
            ObjectNode c = t.definition().config().deepCopy();
            c.put("num_fewshot", t.numFewshot());
            c.put("fewshot_source", t.fewshotSource());
            c.put("fewshot_seed", TaskRunner.FEWSHOT_SEED);
            configs.set(t.task(), c);
            versions.put(t.task(), t.definition().version());
            nShot.put(t.task(), t.numFewshot());
            ObjectNode hib = higher.putObject(t.task());
            t.definition().metrics().forEach(m -> hib.put(m.metric(), m.higherIsBetter()));
            ObjectNode ns = nSamples.putObject(t.task());
            ns.put("original", t.originalSize());
            ns.put("effective", t.effectiveSize());
            promptHashes.put(t.task(), t.promptHash());
            ObjectNode tm = timing.putObject(t.task());
            tm.put("model_seconds", t.modelSeconds());
            tm.put("scored_tokens", t.scoredTokens());
            if (t.scoredTokens() > 0 && t.modelSeconds() > 0) {
                tm.put("tokens_per_second", t.scoredTokens() / t.modelSeconds());
            }
        }
        for (GroupResult g : groups) {
            versions.putNull(g.name());
        }
        ObjectNode config = root.putObject("config");
        config.put("model", info.model());
        config.put("model_args", info.modelArgs());
        config.put("model_fingerprint", info.fingerprint());
        if (info.limit() == null) {
            config.putNull("limit");
        } else {
            config.put("limit", info.limit());
        }
        config.put("fewshot_seed", TaskRunner.FEWSHOT_SEED);
        config.put("data_dir", info.dataDir());
        root.put("model_fingerprint", info.fingerprint());
        root.set("prompt_hashes", promptHashes);
        root.set("timing", timing);
        root.put("total_evaluation_time_seconds", String.valueOf(totalSeconds));
        return root;
    }

    private static void putMetrics(ObjectNode node, String alias, Map<String, Map<String, TaskMetric>> metrics) {
        node.put("alias", alias);
        metrics.forEach((filter, byMetric) -> byMetric.forEach((metric, v) -> {
            node.put(metric + "," + filter, v.value());
            if (Double.isNaN(v.stderr())) {
                node.put(metric + "_stderr," + filter, "N/A");
            } else {
                node.put(metric + "_stderr," + filter, v.stderr());
            }
        }));
    }

    /** The lines of {@code samples_<task>_<date>.jsonl}. */
    public static List<ObjectNode> sampleLines(TaskResult t) {
        TaskDefinition def = t.definition();
        List<ObjectNode> lines = new ArrayList<>();
        for (SampleRecord s : t.samples()) {
            ObjectNode line = Json.object();
            line.put("doc_id", s.docId());
            line.set("doc", s.doc());
            line.set("target", s.target());
            ObjectNode arguments = line.putObject("arguments");
            ArrayNode resps = line.putArray("resps");
            ArrayNode filtered = line.putArray("filtered_resps");
            if (def.outputType() == OutputType.MULTIPLE_CHOICE) {
                for (int i = 0; i < s.continuations().size(); i++) {
                    ObjectNode args = arguments.putObject("gen_args_" + i);
                    args.put("arg_0", s.context());
                    args.put("arg_1", s.continuations().get(i));
                    LoglikResult r = s.logliks().get(i);
                    resps.addArray().add(loglikPair(r));
                    filtered.add(loglikPair(r));
                }
            } else {
                ObjectNode args = arguments.putObject("gen_args_0");
                args.put("arg_0", s.context());
                ObjectNode kwargs = args.putObject("arg_1");
                ArrayNode until = kwargs.putArray("until");
                def.until().forEach(until::add);
                kwargs.put("do_sample", false);
                kwargs.put("temperature", 0.0);
                kwargs.put("max_gen_toks", def.maxGenToks());
                resps.addArray().add(s.generation());
                filtered.add(s.filtered());
            }
            line.put("filter", s.filter());
            ArrayNode names = line.putArray("metrics");
            s.metrics().keySet().forEach(names::add);
            line.put("doc_hash", Hashes.sha256(PyFormat.jsonDumps(s.doc())));
            line.put("prompt_hash", Hashes.sha256(s.context()));
            line.put("target_hash", Hashes.sha256(PyFormat.str(s.target())));
            s.metrics().forEach(line::put);
            lines.add(line);
        }
        return lines;
    }

    private static JsonNode loglikPair(LoglikResult r) {
        ArrayNode pair = Json.MAPPER.createArrayNode();
        pair.add(PyFormat.floatStr(r.logprob()));
        pair.add(PyFormat.boolStr(r.greedy()));
        return pair;
    }
}
