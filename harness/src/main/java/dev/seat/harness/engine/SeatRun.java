package dev.seat.harness.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.eval.AnswerRun;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Responses;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.KnownUnknownSeparation;
import dev.seat.harness.report.CheckOutcome;
import dev.seat.harness.report.Figure1;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunWriter;
import dev.seat.harness.text.ChatFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One execution of the seat engine: the checkpoint under test (opened once, its weights read when
 * first needed), the baseline (opened on first use), the metric implementations, the answers of every question set (generated once,
 * through the response cache), the benchmark results ({@link SeatBenchmarks}) and the run folder
 * they are written to. Created by the engine
 * node, opened by the checkpoint node, closed when the engine finishes.
 */
final class SeatRun implements AutoCloseable {
    private final SeatConfiguration config;
    private final Evaluator evaluator;
    private final long startNanos = System.nanoTime();

    private Checkpoint checkpoint;
    private SeatConfigurationException openFailure;
    private RunWriter writer;
    private Optional<Checkpoint> baseline;
    private RuntimeException baselineFailure;
    private SeatBenchmarks benchmarks;

    private final Map<String, Responses> responses = new HashMap<>();
    private final Map<String, Responses> baselineResponses = new HashMap<>();
    private final Map<String, ActivationDrift> drifts = new HashMap<>();
    private final Map<String, KnownUnknownSeparation> separations = new HashMap<>();
    /** Every check's outcome so far, in the order they finished, for {@code checks.json}. */
    private final List<CheckOutcome> checks = new ArrayList<>();
    /** What each dataset produced in this run, by dataset name, for the results. */
    private final Map<String, DatasetResults> results = new LinkedHashMap<>();

    private static final class DatasetResults {
        Responses tuned;
        Responses base;
        ActivationDrift drift;
    }

    SeatRun(SeatConfiguration config) {
        this.config = config;
        this.evaluator = new Evaluator(config.evalSettings());
    }

    SeatConfiguration config() {
        return config;
    }

    /**
     * Validates the configuration, loads the checkpoint and starts the run folder.
     *
     * @throws SeatConfigurationException with one clear message when any of that fails
     */
    synchronized void open() {
        if (checkpoint != null) {
            return;
        }
        Map<String, String> settings = config.validateAndDescribe();
        if (config.benchmarks().isPresent()) {
            benchmarks().validate(BenchmarkSelection.of(config));
        }
        long t0 = System.nanoTime();
        checkpoint = load(config.checkpoint(), SeatConfiguration.CHECKPOINT, !config.checkpointConfigured());
        long openMs = (System.nanoTime() - t0) / 1_000_000;
        try {
            writer = RunWriter.create(config.results(), checkpoint.name(), config.runId().orElse(null));
        } catch (RuntimeException e) {
            throw new SeatConfigurationException("Cannot write results to " + config.results() + " (configuration parameter '"
                    + SeatConfiguration.RESULTS + "'): " + e.getMessage(), e);
        }
        writer.updateManifest(m -> {
            m.set("checkpoint", describe(checkpoint));
            ObjectNode cfg = m.putObject("config");
            settings.forEach(cfg::put);
            ObjectNode dec = m.putObject("decoding");
            GenerationConfig decoding = Evaluator.decoding(evaluator.settings());
            dec.put("describe", decoding.describe());
            dec.put("greedy", decoding.greedy());
            dec.put("max_new_tokens", decoding.maxNewTokens());
            dec.put("batch_size", decoding.batchSize());
            m.putObject("timings").put("checkpoint_open_ms", openMs);
        });
    }

    /** Remembers why {@link #open()} failed, for the suites to report. */
    synchronized void failedToOpen(SeatConfigurationException e) {
        openFailure = e;
    }

    /** Why the run could not start, if it could not. */
    synchronized Optional<SeatConfigurationException> openFailure() {
        return Optional.ofNullable(openFailure);
    }

    /** The checkpoint under test; {@link #open()} must have succeeded. */
    synchronized Checkpoint checkpoint() {
        if (checkpoint == null) {
            throw new IllegalStateException("the checkpoint is not loaded");
        }
        return checkpoint;
    }

    /** The run folder writer; {@link #open()} must have succeeded. */
    synchronized RunWriter writer() {
        return writer;
    }

    /** The run folder, once {@link #open()} has created it. */
    synchronized Optional<Path> folder() {
        return Optional.ofNullable(writer).map(w -> w.folder().dir());
    }

    /** Answers generated (not read from cache) in this run, over all models and datasets. */
    long generatedCount() {
        return evaluator.generatedCount();
    }

    boolean hasBaseline() {
        return config.baseline().isPresent();
    }

    /** The base model, loaded on first use; a load failure is reported the same way every time. */
    synchronized Checkpoint baseline() {
        if (baselineFailure != null) {
            throw baselineFailure;
        }
        if (baseline == null) {
            Path dir = config.baseline().orElseThrow(() -> new IllegalStateException("no baseline configured"));
            long t0 = System.nanoTime();
            try {
                baseline = Optional.of(load(dir, SeatConfiguration.BASELINE, false));
            } catch (RuntimeException e) {
                baselineFailure = e;
                throw e;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            writer.updateManifest(m -> {
                m.set("baseline", describe(baseline.get()));
                ((ObjectNode) m.get("timings")).put("baseline_open_ms", ms);
            });
        }
        return baseline.get();
    }

    /** Benchmark results of this run (created on first use). */
    synchronized SeatBenchmarks benchmarks() {
        if (benchmarks == null) {
            benchmarks = new SeatBenchmarks(this);
        }
        return benchmarks;
    }

    /** The prompt format of a suite on a model: {@code chatFormat} parameter, else the suite's, else the model's. */
    ChatFormat format(IgnoranceSuite suite, Checkpoint model) {
        Optional<String> name = GatePlan.promptFormat(config, suite);
        if (name.isPresent()) {
            try {
                return ChatFormat.forCheckpoint(model.dir(), name.get()); // a layout name or template:NAME
            } catch (RuntimeException e) {
                throw new SeatConfigurationException("Configuration parameter '" + SeatConfiguration.CHAT_FORMAT + "' = "
                        + name.get() + ": " + e.getMessage(), e);
            }
        }
        return model.chatFormat();
    }

    /** The checkpoint's answers to a question set, generated at most once per run (and cached on disk). */
    synchronized Responses responses(IgnoranceSuite suite, QuestionSet dataset) {
        ChatFormat format = format(suite, checkpoint());
        String memo = dataset.itemsSha256() + "|" + format.describe();
        Responses r = responses.get(memo);
        if (r == null) {
            AnswerRun result = needingWeights(checkpoint, SeatConfiguration.CHECKPOINT,
                    () -> evaluator.run(checkpoint, dataset, format));
            r = new Responses(result.answers());
            responses.put(memo, r);
            results(dataset.name()).tuned = r;
            recordDataset(dataset, format, result);
        }
        return r;
    }

    /** The base model's answers to the same questions. */
    synchronized Responses baselineResponses(IgnoranceSuite suite, QuestionSet dataset) {
        Checkpoint base = baseline();
        ChatFormat format = format(suite, base);
        String memo = dataset.itemsSha256() + "|" + format.describe();
        Responses r = baselineResponses.get(memo);
        if (r == null) {
            AnswerRun result = needingWeights(base, SeatConfiguration.BASELINE, () -> evaluator.run(base, dataset, format));
            r = new Responses(result.answers());
            baselineResponses.put(memo, r);
            results(dataset.name()).base = r;
            writer.updateManifest(m -> {
                ObjectNode d = datasetNode(m, dataset.name());
                d.put("baseline_responses", result.source().name().toLowerCase(java.util.Locale.ROOT));
                d.put("baseline_generation_ms", result.millis());
            });
        }
        return r;
    }

    /** Activation drift between baseline and checkpoint on the question set's prompts. */
    synchronized ActivationDrift drift(IgnoranceSuite suite, QuestionSet dataset) {
        ChatFormat format = format(suite, checkpoint());
        String memo = dataset.itemsSha256() + "|" + format.describe();
        ActivationDrift d = drifts.get(memo);
        if (d == null) {
            Checkpoint base = baseline();
            float[][][] baseActs = needingWeights(base, SeatConfiguration.BASELINE,
                    () -> evaluator.lastTokenActivations(base, List.of(dataset), format));
            float[][][] tunedActs = needingWeights(checkpoint, SeatConfiguration.CHECKPOINT,
                    () -> evaluator.lastTokenActivations(checkpoint, List.of(dataset), format));
            try {
                d = ActivationDrift.between(baseActs, tunedActs);
            } catch (IllegalArgumentException e) {
                throw new SeatConfigurationException("Cannot compare activations of baseline " + base.dir() + " and checkpoint "
                        + checkpoint.dir() + ": " + e.getMessage(), e);
            }
            drifts.put(memo, d);
            results(dataset.name()).drift = d;
        }
        return d;
    }

    /**
     * Unknown vs known separation (silhouette at the configured layer) of the checkpoint and, when a
     * baseline is configured, of the base model, on the same prompts; computed once per run and
     * written with its PCA picture to {@value Figure1#FILE}. The fine-tuning questions, when given,
     * are projected into the picture only.
     */
    synchronized KnownUnknownSeparation separation(IgnoranceSuite suite, QuestionSet unknown, QuestionSet known,
                                                   Optional<QuestionSet> ft) {
        ChatFormat format = format(suite, checkpoint());
        String memo = unknown.itemsSha256() + "|" + known.itemsSha256() + "|" + format.describe();
        KnownUnknownSeparation s = separations.get(memo);
        if (s != null) {
            return s;
        }
        List<QuestionSet> sets = new ArrayList<>(List.of(unknown, known));
        ft.ifPresent(sets::add);
        List<Figure1.Group> groups = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        for (QuestionSet set : sets) {
            Figure1.Group g = set == unknown ? Figure1.Group.UNKNOWN : set == known ? Figure1.Group.KNOWN : Figure1.Group.FT;
            set.items().forEach(q -> {
                groups.add(g);
                questions.add(q.question());
            });
        }
        List<Figure1.Panel> panels = new ArrayList<>();
        int layer;
        try {
            if (hasBaseline()) {
                Checkpoint base = baseline();
                float[][][] baseActs = needingWeights(base, SeatConfiguration.BASELINE,
                        () -> evaluator.lastTokenActivations(base, sets, format(suite, base)));
                panels.add(Figure1.panel("baseline", base.name(), baseActs, config.pcaLayer(), groups, questions));
            }
            float[][][] acts = needingWeights(checkpoint, SeatConfiguration.CHECKPOINT,
                    () -> evaluator.lastTokenActivations(checkpoint, sets, format));
            layer = Figure1.resolveLayer(config.pcaLayer(), acts[0].length);
            panels.add(Figure1.panel("checkpoint", checkpoint.name(), acts, config.pcaLayer(), groups, questions));
        } catch (IllegalArgumentException e) {
            throw new SeatConfigurationException("Cannot measure the separation of '" + unknown.name() + "' and '"
                    + known.name() + "' (configuration parameter '" + SeatConfiguration.PCA_LAYER + "'): " + e.getMessage(), e);
        }
        Figure1 figure = new Figure1(layer, panels);
        figure.write(writer.folder().dir().resolve(Figure1.FILE));
        Figure1.Panel tuned = panels.get(panels.size() - 1);
        s = new KnownUnknownSeparation(layer, tuned.silhouette(),
                panels.size() > 1 ? Optional.of(panels.get(0).silhouette()) : Optional.empty());
        separations.put(memo, s);
        return s;
    }

    /** Records a check's outcome and rewrites {@code checks.json} of the run folder. */
    synchronized void recordCheck(CheckOutcome outcome) {
        checks.add(outcome);
        if (writer != null) {
            Json.write(writer.folder().dir().resolve(CheckOutcome.FILE), checks);
        }
    }

    /**
     * Writes what a dataset produced so far: {@code responses-<dataset>.jsonl} with each item's
     * metric values, and its aggregates (and the baseline's, prefixed {@code baseline_}, and drift)
     * in {@code metrics.json}. Returns the responses file, or empty when nothing was generated.
     */
    synchronized Optional<Path> writeResults(String dataset) {
        DatasetResults r = results.get(dataset);
        if (r == null || writer == null || (r.tuned == null && r.drift == null)) {
            return Optional.empty();
        }
        ObjectNode agg = Json.object();
        List<ResponseRecord> records = r.tuned != null ? r.tuned.records() : List.of();
        if (r.tuned != null) {
            Map<String, MetricValue> metrics = r.tuned.computedMetrics();
            agg.put("n", r.tuned.size());
            metrics.forEach((name, v) -> putAggregate(agg, name, v));
        }
        if (r.base != null) {
            agg.put("baseline_n", r.base.size());
            r.base.computedMetrics().forEach((name, v) -> putAggregate(agg, "baseline_" + name, v));
        }
        if (r.drift != null) {
            ActivationDrift d = r.drift;
            agg.put(ActivationDrift.NAME + "_max_relative", d.maxRelative());
            agg.put(ActivationDrift.NAME + "_worst_layer", d.worstLayer());
            agg.put(ActivationDrift.NAME + "_n", d.n());
            ArrayNode rel = agg.putArray(ActivationDrift.NAME + "_relative");
            ArrayNode l2 = agg.putArray(ActivationDrift.NAME + "_l2");
            for (int l = 0; l < d.layers(); l++) {
                rel.add(d.relative(l));
                l2.add(d.meanDistance(l));
            }
        }
        if (r.base != null) {
            writer.folder().writeBaselineResponses(dataset, r.base.records());
        }
        if (r.tuned != null) {
            writer.recordDataset(dataset, records, agg);
        } else {
            writer.folder().updateMetrics(dataset, agg);
        }
        writer.updateManifest(m -> {
            ObjectNode versions = m.putObject("metric_versions");
            evaluator.scorers().versions().forEach(versions::put);
        });
        return r.tuned != null ? Optional.of(writer.folder().responsesFile(dataset)) : Optional.empty();
    }

    private static void putAggregate(ObjectNode agg, String name, MetricValue v) {
        agg.put(name, v.mean());
        agg.put(name + "_stderr", v.stderr());
    }

    private DatasetResults results(String dataset) {
        return results.computeIfAbsent(dataset, k -> new DatasetResults());
    }

    private void recordDataset(QuestionSet dataset, ChatFormat format, AnswerRun result) {
        writer.updateManifest(m -> {
            ObjectNode d = datasetNode(m, dataset.name());
            d.put("source", dataset.source());
            d.put("sha256", dataset.fileSha256());
            d.put("items_sha256", dataset.itemsSha256());
            d.put("n", dataset.items().size());
            d.put("prompt_format", format.describe());
            d.put("prompt_format_sha256", result.key().promptFormatSha256());
            d.put("decoding", result.key().decoding());
            d.put("responses", result.source().name().toLowerCase(java.util.Locale.ROOT));
            d.put("cache_key", result.key().id());
            d.put("generation_ms", result.millis());
        });
    }

    private static ObjectNode datasetNode(ObjectNode manifest, String name) {
        ObjectNode all = manifest.has("datasets") ? (ObjectNode) manifest.get("datasets") : manifest.putObject("datasets");
        return all.has(name) ? (ObjectNode) all.get(name) : all.putObject(name);
    }

    private static ObjectNode describe(Checkpoint c) {
        ObjectNode n = Json.object();
        n.put("path", c.dir().toAbsolutePath().normalize().toString());
        n.put("name", c.name());
        n.put("fingerprint", c.fingerprint());
        n.put("model_type", c.config().modelType());
        n.put("chat_format", c.chatFormat().describe());
        return n;
    }

    /**
     * Runs work that may read a model's weights (they are read on first use); a failed read is
     * reported as a failed open is: {@code Cannot load <key> <folder>: <why>}.
     */
    private static <T> T needingWeights(Checkpoint model, String key, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            Optional<RuntimeException> failure = model.loadFailure();
            if (failure.isEmpty()) {
                throw e;
            }
            throw new SeatConfigurationException("Cannot load " + key + " " + SeatConfiguration.display(model.dir()) + ": "
                    + failure.get().getMessage(), failure.get());
        }
    }

    /** {@code loaded}: whether the weights and the sentence embedder were loaded; their load times in {@code timings}. */
    private void recordLoads() {
        writer.updateManifest(m -> {
            ObjectNode loaded = m.putObject("loaded");
            ObjectNode timings = m.has("timings") ? (ObjectNode) m.get("timings") : m.putObject("timings");
            if (checkpoint != null) {
                loaded.put("checkpoint_weights", checkpoint.weightsLoadMillis().isPresent());
                checkpoint.weightsLoadMillis().ifPresent(ms -> timings.put("checkpoint_load_ms", ms));
            }
            if (baseline != null && baseline.isPresent()) {
                loaded.put("baseline_weights", baseline.get().weightsLoadMillis().isPresent());
                baseline.get().weightsLoadMillis().ifPresent(ms -> timings.put("baseline_load_ms", ms));
            }
            loaded.put("sentence_embedder", evaluator.scorers().embedderLoaded());
        });
    }

    /**
     * Opens a checkpoint for the gate (its weights are read when first needed: a run whose answers
     * and activations are all cached never reads them), turning every problem into one clear message.
     */
    private Checkpoint load(Path dir, String key, boolean isDefault) {
        if (!Files.isDirectory(dir)) {
            String shown = SeatConfiguration.display(dir);
            throw new SeatConfigurationException(isDefault
                    ? "checkpoint " + shown + " not found; pass -D" + key + "=DIR (a Hugging Face checkpoint folder)"
                    : key + " " + shown + " not found (configuration parameter '" + key + "')");
        }
        Checkpoint c;
        try {
            c = Checkpoint.open(dir, new Checkpoint.Options(config.device(), true, null));
        } catch (RuntimeException e) { // CheckpointException, bad JSON, native engine errors
            throw new SeatConfigurationException("Cannot load " + key + " " + SeatConfiguration.display(dir) + ": "
                    + e.getMessage(), e);
        }
        if (!c.hasTokenizer()) {
            c.close();
            throw new SeatConfigurationException(key + " " + SeatConfiguration.display(dir)
                    + " has no tokenizer.json or tokenizer.model; the gate needs one to ask questions");
        }
        return c;
    }

    /**
     * Records what had to be loaded (weights and sentence embedder are loaded only when something
     * was not cached) and the total time, then releases the models and the embedder.
     */
    @Override
    public synchronized void close() {
        try {
            if (writer != null) {
                recordLoads();
                writer.finish((System.nanoTime() - startNanos) / 1_000_000);
            }
        } finally {
            evaluator.close();
            if (baseline != null) {
                baseline.ifPresent(Checkpoint::close);
            }
            if (checkpoint != null) {
                checkpoint.close();
            }
        }
    }
}
