package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An lm-evaluation-harness task YAML (read by {@link TaskYaml}) as a {@link TaskDefinition}, the common
 * subset of lm-eval's {@code TaskConfig}:
 * <ul>
 *   <li>data: {@code dataset_path} (a Hub dataset id, or {@code json}/{@code csv}/{@code parquet} with
 *       {@code dataset_kwargs.data_files}), {@code dataset_name}, {@code test_split} (else
 *       {@code validation_split}) for the evaluated documents, {@code fewshot_split} (else
 *       {@code training_split}, {@code validation_split}, {@code test_split}) for examples; see
 *       {@link HubDatasets} for where a Hub dataset is read from;</li>
 *   <li>prompts: {@code doc_to_text}, {@code doc_to_target}, {@code doc_to_choice}, {@code description}
 *       as {@link LmEvalField}s (a document field name, or Jinja); {@code doc_to_target} may be an
 *       integer, {@code doc_to_choice} a list or a mapping (its values); {@code target_delimiter},
 *       {@code fewshot_delimiter}, {@code num_fewshot}, {@code fewshot_config.sampler: first_n};</li>
 *   <li>scoring: {@code output_type} ({@code multiple_choice}, {@code generate_until} with
 *       {@code generation_kwargs.until}/{@code max_gen_toks}), {@code metric_list} (acc, acc_norm,
 *       exact_match with its options), {@code filter_list}, {@code process_docs} naming one of seat's
 *       {@link DocProcessors}.</li>
 * </ul>
 * What lm-eval needs Python for, or seat does not run, is refused naming the file and the key.
 */
public final class YamlTaskDefinition {
    private static final List<String> UNSUPPORTED = List.of("gen_prefix", "doc_to_image", "doc_to_audio", "custom_dataset",
            "use_prompt", "multiple_inputs", "multiple_targets");

    private YamlTaskDefinition() {}

    /** The task of {@code config}, read from {@code file}. */
    public static TaskDefinition of(ObjectNode config, Path file) {
        String task = text(config, "task", null);
        if (task == null || config.get("task").isContainerNode()) {
            throw new IllegalArgumentException("Task file " + file + ": \"task\" must name the task");
        }
        String where = "Task file " + file + " (task " + task + ")";
        for (String key : UNSUPPORTED) {
            if (config.hasNonNull(key)) {
                throw new IllegalArgumentException(where + ": '" + key + "' is not supported by seat");
            }
        }
        if (config.path("repeats").asInt(1) != 1) {
            throw new IllegalArgumentException(where + ": 'repeats' other than 1 is not supported by seat");
        }
        if (config.path("fewshot_config").has("samples")) {
            throw new IllegalArgumentException(where + ": fewshot_config.samples (examples written in the file) is not "
                    + "supported by seat; put them in a data file and name it with fewshot_split");
        }
        OutputType type = OutputType.fromJson(required(config, "output_type", where).asText());
        Splits splits = Splits.of(config, where);
        Path dir = file.toAbsolutePath().getParent();
        DatasetSpec eval = dataset(config, splits.eval(), dir, where);
        DatasetSpec fewshot = splits.fewshotIsEval() ? null : dataset(config, splits.fewshot(), dir, where);

        JsonNode target = required(config, "doc_to_target", where);
        if (target.isContainerNode()) {
            throw new IllegalArgumentException(where + ": doc_to_target must be a template, a field name or an integer, got " + target);
        }
        JsonNode choice = config.get("doc_to_choice");
        DocTemplate choiceList = null;
        List<DocTemplate> choiceItems = null;
        if (choice != null && choice.isContainerNode()) {
            choiceItems = new ArrayList<>();
            for (JsonNode c : choice) { // a list, or a mapping's values
                choiceItems.add(DocTemplate.literal(c.asText()));
            }
        } else if (choice != null && !choice.isNull()) {
            choiceList = new LmEvalField(task, "doc_to_choice", choice.asText(), LmEvalField.Kind.CHOICES);
        } else if (type == OutputType.MULTIPLE_CHOICE) {
            throw new IllegalArgumentException(where + ": a multiple_choice task needs doc_to_choice");
        }

        List<MetricSpec> metrics = new ArrayList<>();
        for (JsonNode m : config.path("metric_list")) {
            metrics.add(MetricSpec.fromJson(m, where));
        }
        if (metrics.isEmpty()) {
            metrics.add(MetricSpec.fromJson(Json.MAPPER.getNodeFactory().textNode(
                    type == OutputType.MULTIPLE_CHOICE ? "acc" : "exact_match"), where));
        }
        List<AnswerFilter> filters = new ArrayList<>();
        for (JsonNode f : config.path("filter_list")) {
            filters.add(AnswerFilter.fromJson(f, where));
        }
        if (filters.isEmpty()) {
            filters.add(AnswerFilter.none());
        }
        JsonNode generation = config.path("generation_kwargs");
        List<String> until = new ArrayList<>();
        if (generation.path("until").isArray()) {
            generation.get("until").forEach(u -> until.add(u.asText()));
        } else if (generation.hasNonNull("until")) {
            until.add(generation.get("until").asText());
        }
        String processDocs = text(config, "process_docs", null);
        if (processDocs != null && !DocProcessors.names().contains(processDocs)) {
            throw new IllegalArgumentException(where + ": process_docs '" + processDocs + "' names no document processor "
                    + "seat has (known: " + DocProcessors.names() + "); lm-eval's Python functions cannot run here");
        }
        String processResults = text(config, "process_results", null);
        if (processResults != null && !processResults.equals("truthfulqa_mc2")) {
            throw new IllegalArgumentException(where + ": process_results '" + processResults + "' is not supported by seat "
                    + "(known: truthfulqa_mc2)");
        }
        String sampler = config.path("fewshot_config").path("sampler").asText("default");
        if (!sampler.equals("default") && !sampler.equals("first_n")) {
            throw new IllegalArgumentException(where + ": fewshot_config.sampler must be default or first_n, got '" + sampler + "'");
        }
        return new TaskDefinition(
                task,
                version(config),
                type,
                eval,
                fewshot,
                false,
                sampler.equals("first_n") ? "first_n" : "random",
                config.path("num_fewshot").asInt(0),
                processDocs,
                new LmEvalField(task, "description", text(config, "description", ""), LmEvalField.Kind.TEXT),
                new LmEvalField(task, "doc_to_text", required(config, "doc_to_text", where).asText(), LmEvalField.Kind.TEXT),
                target.isIntegralNumber() ? null : new LmEvalField(task, "doc_to_target", target.asText(), LmEvalField.Kind.TARGET),
                target.isIntegralNumber() ? target.asInt() : null,
                choiceList,
                choiceItems == null ? null : List.copyOf(choiceItems),
                text(config, "target_delimiter", " "),
                text(config, "fewshot_delimiter", "\n\n"),
                List.copyOf(metrics),
                List.copyOf(filters),
                List.copyOf(until),
                generation.path("max_gen_toks").asInt(256),
                processResults,
                null,
                dir,
                config.deepCopy());
    }

    /** Which split is evaluated and which gives the few-shot examples, as lm-eval chooses them. */
    record Splits(String eval, String fewshot, boolean fewshotIsEval) {
        static Splits of(ObjectNode config, String where) {
            String test = text(config, "test_split", null);
            String validation = text(config, "validation_split", null);
            String training = text(config, "training_split", null);
            String eval = test != null ? test : validation;
            if (eval == null) {
                throw new IllegalArgumentException(where + ": needs test_split or validation_split (the documents to evaluate)");
            }
            String fewshotSplit = text(config, "fewshot_split", null);
            String fewshot = fewshotSplit != null ? fewshotSplit : training != null ? training : validation != null ? validation : test;
            // lm-eval draws one extra example and drops the evaluated document only when fewshot_split is the test split
            boolean fewshotIsEval = fewshotSplit != null && fewshotSplit.equals(test);
            return new Splits(eval, fewshot, fewshotIsEval);
        }
    }

    /** Where one split's documents are: data_files of a local json/csv/parquet dataset, else the Hub dataset. */
    static DatasetSpec dataset(ObjectNode config, String split, Path dir, String where) {
        String path = required(config, "dataset_path", where).asText();
        String name = text(config, "dataset_name", null);
        JsonNode files = config.path("dataset_kwargs").path("data_files");
        if (List.of("json", "csv", "parquet").contains(path)) {
            if (files.isMissingNode() || files.isNull()) {
                throw new IllegalArgumentException(where + ": dataset_path '" + path + "' needs dataset_kwargs.data_files");
            }
            JsonNode forSplit = files.isObject() ? files.get(split) : split.equals("train") ? files : null;
            if (forSplit == null) {
                throw new IllegalArgumentException(where + ": dataset_kwargs.data_files has no file for split '" + split + "'");
            }
            if (forSplit.isArray() && forSplit.size() != 1) {
                throw new IllegalArgumentException(where + ": split '" + split + "' names " + forSplit.size()
                        + " files; seat reads one file a split");
            }
            String file = forSplit.isArray() ? forSplit.get(0).asText() : forSplit.asText();
            Path p = Path.of(file);
            if (!p.isAbsolute() && Files.exists(p)) { // datasets resolves relative paths from the working folder
                file = p.toAbsolutePath().normalize().toString();
            }
            return new DatasetSpec(file, path.equals("csv") ? "csv" : "jsonl", null);
        }
        if (!files.isMissingNode()) {
            throw new IllegalArgumentException(where + ": dataset_kwargs.data_files is supported with dataset_path json, csv "
                    + "or parquet, not with the Hub dataset '" + path + "'");
        }
        return HubDatasets.split(path, name, split);
    }

    private static double version(ObjectNode config) {
        JsonNode meta = config.path("metadata");
        if (meta.isArray()) {
            for (JsonNode m : meta) {
                if (m.has("version")) {
                    return m.get("version").asDouble();
                }
            }
        }
        return meta.path("version").asDouble(1.0);
    }

    private static JsonNode required(ObjectNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing '" + field + "'");
        }
        return v;
    }

    private static String text(ObjectNode node, String field, String dflt) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }
}
