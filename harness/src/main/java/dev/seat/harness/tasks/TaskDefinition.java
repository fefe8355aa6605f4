package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark task, read from a JSON task file whose keys follow lm-eval's task YAML:
 *
 * <pre>
 * task               name, e.g. "arc_easy" (required)
 * version            number reported under "versions" (default 1.0)
 * output_type        "multiple_choice" | "generate_until" (required)
 * dataset            {"path", "format", "labels"?}: the evaluated documents (required; see {@link DatasetSpec})
 * fewshot_dataset    {"path", "format"}: where few-shot examples come from (default: the evaluated documents)
 * fewshot_fallback_to_eval  true: when fewshot_dataset's file is missing, draw examples from the
 *                    evaluated documents instead (lm-eval's rule for a shared split); default false
 * fewshot_sampler    "random" (default, seed 1234) | "first_n"
 * num_fewshot        default number of examples (default 0)
 * process_docs       named document preprocessing, see {@link DocProcessors} (optional)
 * description        text put before the examples (default "")
 * doc_to_text        {@link Template} of the question (required)
 * doc_to_target      template or integer: the gold choice index (or choice text), or the
 *                    reference answer(s) of a generation task (required)
 * doc_to_choice      template giving a list, or a list of templates (multiple_choice only)
 * target_delimiter   between question and answer (default " ")
 * fewshot_delimiter  between examples (default "\n\n")
 * metric_list        [{"metric", options}], see {@link MetricSpec}
 * filter_list        [{"name", "filter": [steps]}], see {@link AnswerFilter} (generate_until; default "none")
 * generation_kwargs  {"until": [..], "max_gen_toks": 256}
 * process_results    "truthfulqa_mc2" (optional): report acc as TruthfulQA's MC2 score
 * group              name of the group the task is aggregated into (optional)
 * </pre>
 */
public record TaskDefinition(
        String task,
        double version,
        OutputType outputType,
        DatasetSpec dataset,
        DatasetSpec fewshotDataset,
        boolean fewshotFallbackToEval,
        String fewshotSampler,
        int numFewshot,
        String processDocs,
        DocTemplate description,
        DocTemplate docToText,
        DocTemplate docToTarget,
        Integer constantTarget,
        DocTemplate docToChoiceList,
        List<DocTemplate> docToChoiceItems,
        String targetDelimiter,
        String fewshotDelimiter,
        List<MetricSpec> metrics,
        List<AnswerFilter> filters,
        List<String> until,
        int maxGenToks,
        String processResults,
        String group,
        Path sourceDir,
        ObjectNode config) {

    /**
     * Reads a task definition.
     *
     * @param node the task file's JSON
     * @param source where it came from, for error messages
     * @param sourceDir folder of a user's task file (relative data paths are also looked up there), or {@code null}
     */
    public static TaskDefinition fromJson(JsonNode node, String source, Path sourceDir) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": a task file holds one JSON object");
        }
        String task = required(node, "task", source).asText();
        String where = source + " (task " + task + ")";
        OutputType type = OutputType.fromJson(required(node, "output_type", where).asText());
        JsonNode target = required(node, "doc_to_target", where);
        JsonNode choice = node.get("doc_to_choice");
        if (type == OutputType.MULTIPLE_CHOICE && (choice == null || choice.isNull())) {
            throw new IllegalArgumentException(where + ": a multiple_choice task needs \"doc_to_choice\"");
        }
        List<DocTemplate> choiceItems = null;
        DocTemplate choiceList = null;
        if (choice != null && choice.isArray()) {
            choiceItems = new ArrayList<>();
            for (JsonNode c : choice) {
                choiceItems.add(Template.parse(c.asText()));
            }
        } else if (choice != null && !choice.isNull()) {
            choiceList = Template.parse(choice.asText());
        }
        List<MetricSpec> metrics = new ArrayList<>();
        for (JsonNode m : node.path("metric_list")) {
            metrics.add(MetricSpec.fromJson(m, where));
        }
        if (metrics.isEmpty()) {
            metrics.add(MetricSpec.fromJson(Json.MAPPER.getNodeFactory().textNode(
                    type == OutputType.MULTIPLE_CHOICE ? "acc" : "exact_match"), where));
        }
        List<AnswerFilter> filters = new ArrayList<>();
        for (JsonNode f : node.path("filter_list")) {
            filters.add(AnswerFilter.fromJson(f, where));
        }
        if (filters.isEmpty()) {
            filters.add(AnswerFilter.none());
        }
        List<String> until = new ArrayList<>();
        node.path("generation_kwargs").path("until").forEach(u -> until.add(u.asText()));
        String processDocs = text(node, "process_docs", null);
        if (processDocs != null) {
            DocProcessors.get(processDocs);
        }
        String processResults = text(node, "process_results", null);
        if (processResults != null && !processResults.equals("truthfulqa_mc2")) {
            throw new IllegalArgumentException(where + ": unknown process_results '" + processResults + "' (known: truthfulqa_mc2)");
        }
        String sampler = text(node, "fewshot_sampler", "random");
        if (!sampler.equals("random") && !sampler.equals("first_n")) {
            throw new IllegalArgumentException(where + ": fewshot_sampler must be random or first_n, got '" + sampler + "'");
        }
        return new TaskDefinition(
                task,
                node.path("version").asDouble(1.0),
                type,
                DatasetSpec.fromJson(required(node, "dataset", where), where + " dataset"),
                node.hasNonNull("fewshot_dataset") ? DatasetSpec.fromJson(node.get("fewshot_dataset"), where + " fewshot_dataset") : null,
                node.path("fewshot_fallback_to_eval").asBoolean(false),
                sampler,
                node.path("num_fewshot").asInt(0),
                processDocs,
                Template.parse(text(node, "description", "")),
                Template.parse(required(node, "doc_to_text", where).asText()),
                target.isIntegralNumber() ? null : Template.parse(target.asText()),
                target.isIntegralNumber() ? target.asInt() : null,
                choiceList,
                choiceItems == null ? null : List.copyOf(choiceItems),
                text(node, "target_delimiter", " "),
                text(node, "fewshot_delimiter", "\n\n"),
                List.copyOf(metrics),
                List.copyOf(filters),
                List.copyOf(until),
                node.path("generation_kwargs").path("max_gen_toks").asInt(256),
                processResults,
                text(node, "group", null),
                sourceDir,
                ((ObjectNode) node).deepCopy());
    }

    /** Reads a user's task file; relative data paths are also looked up next to it. */
    public static TaskDefinition load(Path file) {
        return fromJson(Json.read(file), file.toString(), file.toAbsolutePath().getParent());
    }

    /** The choices of {@code doc} (multiple-choice tasks). */
    public List<String> choices(JsonNode doc) {
        List<String> out = new ArrayList<>();
        if (docToChoiceItems != null) {
            docToChoiceItems.forEach(t -> out.add(t.render(doc)));
        } else {
            JsonNode list = docToChoiceList.evaluate(doc);
            if (!list.isArray()) {
                throw new IllegalArgumentException("Task " + task + ": doc_to_choice \"" + docToChoiceList
                        + "\" must give a list, got " + list);
            }
            list.forEach(c -> out.add(c.asText()));
        }
        return out;
    }

    /** The raw target of {@code doc}: an integer, a string, or a list of strings. */
    public JsonNode target(JsonNode doc) {
        if (constantTarget != null) {
            return Json.MAPPER.getNodeFactory().numberNode(constantTarget);
        }
        return docToTarget.evaluate(doc);
    }

    /**
     * The gold choice index of a multiple-choice {@code doc}: an integer target, a target text
     * of digits (lm-eval turns those into an index), or the text of one of the choices.
     */
    public int goldIndex(JsonNode doc, List<String> choices) {
        JsonNode t = target(doc);
        int gold;
        if (t.isIntegralNumber()) {
            gold = t.asInt();
        } else if (t.isTextual() && t.asText().matches("[0-9]+")) {
            gold = Integer.parseInt(t.asText());
        } else if (t.isTextual() && choices.contains(t.asText())) {
            gold = choices.indexOf(t.asText());
        } else {
            throw new IllegalArgumentException("Task " + task + ": target " + t + " is neither a choice index nor one of " + choices);
        }
        if (gold < 0 || gold >= choices.size()) {
            throw new IllegalArgumentException("Task " + task + ": target index " + gold + " is outside the "
                    + choices.size() + " choices " + choices);
        }
        return gold;
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing \"" + field + "\"");
        }
        return v;
    }

    private static String text(JsonNode node, String field, String dflt) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }
}
