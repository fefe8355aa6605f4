package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.LanguageModel;
import dev.seat.harness.model.LanguageModel.GenerationRequest;
import dev.seat.harness.model.LanguageModel.LoglikRequest;
import dev.seat.harness.model.LanguageModel.LoglikResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs a task against a model: loads the documents, builds every prompt, sends all requests
 * of the task in one {@link LanguageModel#loglikelihood} or {@link LanguageModel#generateUntil}
 * call (the model batches and sorts them), scores each document and aggregates.
 */
public final class TaskRunner {
    /** lm-eval's default few-shot seed. */
    public static final long FEWSHOT_SEED = 1234;

    private final DataLocator locator;
    private final PromptOptions prompts;

    public TaskRunner(DataLocator locator) {
        this(locator, PromptOptions.PLAIN);
    }

    /** Writes prompts as {@code prompts} say (chat template, system instruction, multi-turn examples). */
    public TaskRunner(DataLocator locator, PromptOptions prompts) {
        this.locator = locator;
        this.prompts = prompts;
    }

    /** Runs with data from {@link DataLocator#defaults()}. */
    public static TaskResult run(LanguageModel model, TaskDefinition def, Integer limit, Integer numFewshot) {
        return new TaskRunner(DataLocator.defaults()).evaluate(model, def, limit, numFewshot);
    }

    /** The task's evaluated documents (all of them), after {@code process_docs}. */
    public List<ObjectNode> loadDocs(TaskDefinition def) {
        return load(def, def.dataset(), sourceOf(def));
    }

    /**
     * Documents and prompts.
     *
     * @param limit evaluate only the first {@code limit} documents ({@code null}: all)
     * @param numFewshot examples per prompt ({@code null}: the task's default)
     */
    public PreparedTask prepare(TaskDefinition def, Integer limit, Integer numFewshot) {
        int k = numFewshot == null ? def.numFewshot() : numFewshot;
        if (k < 0) {
            throw new IllegalArgumentException("num_fewshot must be >= 0, got " + k);
        }
        List<ObjectNode> all = loadDocs(def);
        List<ObjectNode> docs = limit == null ? all : all.subList(0, Math.min(Math.max(limit, 0), all.size()));
        String source = "none";
        FewshotSampler sampler = null;
        if (k > 0) {
            List<ObjectNode> pool;
            boolean poolIsEval;
            DatasetSpec fs = def.fewshotDataset();
            DataLocator from = sourceOf(def);
            if (fs != null && (from.exists(fs, def.sourceDir()) || !def.fewshotFallbackToEval())) {
                pool = load(def, fs, from);
                poolIsEval = false;
                source = fs.path();
            } else {
                pool = all;
                poolIsEval = true;
                source = fs == null ? "eval split" : "eval split (" + fs.path() + " not found)";
            }
            sampler = new FewshotSampler(def.fewshotSampler(), pool, poolIsEval, FEWSHOT_SEED);
        }
        List<String> contexts = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            ObjectNode doc = docs.get(i);
            List<ObjectNode> examples = sampler == null ? List.of() : sampler.examples(doc, k);
            try {
                contexts.add(PromptBuilder.context(def, doc, examples, prompts));
            } catch (TemplateFailure e) {
                throw e.on(document(def, i) + " (or one of its " + examples.size() + " few-shot examples)");
            }
        }
        return new PreparedTask(def, k, source, all.size(), List.copyOf(docs), List.copyOf(contexts));
    }

    /** Prepares, queries the model and scores. */
    public TaskResult evaluate(LanguageModel model, TaskDefinition def, Integer limit, Integer numFewshot) {
        PreparedTask prepared = prepare(def, limit, numFewshot);
        return def.outputType() == OutputType.MULTIPLE_CHOICE
                ? multipleChoice(model, prepared)
                : generate(model, prepared);
    }

    private TaskResult multipleChoice(LanguageModel model, PreparedTask p) {
        TaskDefinition def = p.definition();
        for (MetricSpec m : def.metrics()) {
            if (!m.metric().equals("acc") && !m.metric().equals("acc_norm")) {
                throw new IllegalArgumentException("Task " + def.task() + ": metric " + m.metric()
                        + " does not apply to multiple_choice (use acc, acc_norm)");
            }
        }
        List<List<String>> choices = new ArrayList<>();
        List<Integer> golds = new ArrayList<>();
        List<LoglikRequest> requests = new ArrayList<>();
        for (int i = 0; i < p.docs().size(); i++) {
            ObjectNode doc = p.docs().get(i);
            List<String> c;
            try {
                c = def.choices(doc);
                golds.add(def.processResults() == null ? def.goldIndex(doc, c) : -1);
            } catch (TemplateFailure e) {
                throw e.on(document(def, i));
            }
            choices.add(c);
            for (String choice : c) {
                requests.add(new LoglikRequest(p.contexts().get(i), PromptBuilder.continuation(def, choice, prompts)));
            }
        }
        long start = System.nanoTime();
        List<LoglikResult> results = requests.isEmpty() ? List.of() : model.loglikelihood(requests);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (results.size() != requests.size()) {
            throw new IllegalStateException("The model returned " + results.size() + " log-likelihoods for "
                    + requests.size() + " requests");
        }
        List<SampleRecord> samples = new ArrayList<>();
        long tokens = 0;
        int offset = 0;
        for (int i = 0; i < p.docs().size(); i++) {
            ObjectNode doc = p.docs().get(i);
            List<String> c = choices.get(i);
            List<LoglikResult> r = results.subList(offset, offset + c.size());
            List<String> continuations = new ArrayList<>();
            for (LoglikRequest q : requests.subList(offset, offset + c.size())) {
                continuations.add(q.continuation());
            }
            offset += c.size();
            double[] lls = r.stream().mapToDouble(LoglikResult::logprob).toArray();
            tokens += r.stream().mapToLong(LoglikResult::tokens).sum();
            Map<String, Double> metrics = new LinkedHashMap<>();
            if ("truthfulqa_mc2".equals(def.processResults())) {
                metrics.put("acc", ChoiceScores.mc2(lls, mc2Labels(def, doc, c.size())));
            } else {
                for (MetricSpec m : def.metrics()) {
                    metrics.put(m.metric(), m.metric().equals("acc")
                            ? ChoiceScores.acc(lls, golds.get(i))
                            : ChoiceScores.accNorm(lls, c, golds.get(i)));
                }
            }
            samples.add(new SampleRecord(i, doc, def.target(doc), "none", p.contexts().get(i),
                    List.copyOf(continuations), List.copyOf(r), null, null, metrics));
        }
        return result(p, samples, seconds, tokens);
    }

    private static List<Integer> mc2Labels(TaskDefinition def, JsonNode doc, int numChoices) {
        JsonNode labels = doc.path("mc2_targets").path("labels");
        if (!labels.isArray() || labels.size() != numChoices) {
            throw new IllegalArgumentException("Task " + def.task() + ": truthfulqa_mc2 needs mc2_targets.labels with one "
                    + "label per choice, got " + labels);
        }
        List<Integer> out = new ArrayList<>();
        labels.forEach(l -> out.add(l.asInt()));
        return out;
    }

    private TaskResult generate(LanguageModel model, PreparedTask p) {
        TaskDefinition def = p.definition();
        for (MetricSpec m : def.metrics()) {
            if (!m.metric().equals("exact_match")) {
                throw new IllegalArgumentException("Task " + def.task() + ": metric " + m.metric()
                        + " does not apply to generate_until (use exact_match)");
            }
        }
        List<GenerationRequest> requests = new ArrayList<>();
        for (String context : p.contexts()) {
            requests.add(new GenerationRequest(context, def.until(), def.maxGenToks()));
        }
        long start = System.nanoTime();
        List<String> generations = requests.isEmpty() ? List.of() : model.generateUntil(requests);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (generations.size() != requests.size()) {
            throw new IllegalStateException("The model returned " + generations.size() + " generations for "
                    + requests.size() + " requests");
        }
        List<SampleRecord> samples = new ArrayList<>();
        for (AnswerFilter filter : def.filters()) {
            for (int i = 0; i < p.docs().size(); i++) {
                ObjectNode doc = p.docs().get(i);
                JsonNode target;
                try {
                    target = def.target(doc);
                } catch (TemplateFailure e) {
                    throw e.on(document(def, i));
                }
                List<String> references = new ArrayList<>();
                if (target.isArray()) {
                    target.forEach(t -> references.add(t.asText()));
                } else {
                    references.add(target.asText());
                }
                String filtered = filter.apply(generations.get(i));
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (MetricSpec m : def.metrics()) {
                    metrics.put(m.metric(), m.exactMatch().scoreAny(filtered, references));
                }
                samples.add(new SampleRecord(i, doc, target, filter.name(), p.contexts().get(i), List.of(), List.of(),
                        generations.get(i), filtered, metrics));
            }
        }
        return result(p, samples, seconds, 0);
    }

    /** "document 3 of arc/arc_easy.jsonl", for errors (0-based, as lm-eval's doc_id). */
    private static String document(TaskDefinition def, int index) {
        return "document " + index + " of " + def.dataset().path();
    }

    private static TaskResult result(PreparedTask p, List<SampleRecord> samples, double seconds, long tokens) {
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (SampleRecord s : samples) {
            Map<String, List<Double>> byMetric = values.computeIfAbsent(s.filter(), f -> new LinkedHashMap<>());
            s.metrics().forEach((name, v) -> byMetric.computeIfAbsent(name, n -> new ArrayList<>()).add(v));
        }
        Map<String, Map<String, TaskMetric>> metrics = new LinkedHashMap<>();
        values.forEach((filter, byMetric) -> {
            Map<String, TaskMetric> agg = new LinkedHashMap<>();
            byMetric.forEach((name, xs) -> agg.put(name, new TaskMetric(Stats.mean(xs), Stats.meanStderr(xs), xs.size())));
            metrics.put(filter, agg);
        });
        return new TaskResult(p.definition(), p.numFewshot(), p.fewshotSource(), p.originalSize(), List.copyOf(samples),
                metrics, Hashes.prompts(p.contexts()), seconds, tokens);
    }

    /**
     * Where all of a task's data comes from: the local folders when its documents are there (few-shot
     * examples then too, or the eval split as before), else the Hub, so one task never mixes sources.
     */
    private DataLocator sourceOf(TaskDefinition def) {
        return locator.exists(def.dataset().path(), def.sourceDir()) ? locator.localOnly() : locator;
    }

    private List<ObjectNode> load(TaskDefinition def, DatasetSpec spec, DataLocator locator) {
        List<Path> files = locator.locate(def.task(), spec, def.sourceDir());
        boolean local = locator.exists(spec.path(), def.sourceDir());
        // a separate labels file belongs to a local copy; Hub rows carry their labels
        Path labels = spec.labels() == null || !local ? null : locator.locate(def.task(), spec.labels(), def.sourceDir());
        List<ObjectNode> docs = new ArrayList<>();
        for (Path part : files) {
            docs.addAll(DocFormats.get(spec.format()).load(part, labels));
        }
        Path file = files.get(0);
        if (def.processDocs() != null) {
            UnaryOperator<ObjectNode> processor = DocProcessors.get(def.processDocs());
            List<ObjectNode> processed = new ArrayList<>(docs.size());
            for (int i = 0; i < docs.size(); i++) {
                try {
                    processed.add(processor.apply(docs.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new DataFileException(file + " document " + i + ": " + e.getMessage(), e);
                }
            }
            docs = processed;
        }
        return docs;
    }
}
