package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ARC and OpenBookQA rows in any of three layouts, converted to the Hugging Face layout
 * ({@code allenai/ai2_arc}: {@code question}; {@code openbookqa}: {@code question_stem}; both
 * with {@code choices: {text: [..], label: [..]}} and {@code answerKey}):
 * <ul>
 *   <li>Hugging Face rows exported as JSONL: taken as they are;</li>
 *   <li>AllenAI's original JSONL ({@code question: {stem, choices: [{text, label}]}}, {@code answerKey});</li>
 *   <li>MosaicML gauntlet rows ({@code query}, {@code choices: [..]}, {@code gold}): labels
 *       A, B, C, .. are given to the choices in order; ARC's {@code "Question: "} prefix is removed.</li>
 * </ul>
 */
public final class ArcLayouts {
    private ArcLayouts() {}

    /** ARC: the question goes to {@code question}. */
    public static List<ObjectNode> arc(Path file, Path labels) {
        return convert(file, "question", true);
    }

    /** OpenBookQA: the question goes to {@code question_stem}. */
    public static List<ObjectNode> openbookqa(Path file, Path labels) {
        return convert(file, "question_stem", false);
    }

    private static List<ObjectNode> convert(Path file, String questionField, boolean mosaicHasQuestionPrefix) {
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonRows.Row row : JsonRows.read(file)) {
            docs.add(convertRow(row, questionField, mosaicHasQuestionPrefix));
        }
        return docs;
    }

    private static ObjectNode convertRow(JsonRows.Row row, String questionField, boolean stripPrefix) {
        ObjectNode n = row.node();
        JsonNode choices = n.get("choices");
        if (n.has("query") && n.has("gold") && choices != null && choices.isArray()) {
            String query = n.get("query").asText();
            if (stripPrefix && query.startsWith("Question: ")) {
                query = query.substring("Question: ".length());
            }
            int gold = n.get("gold").asInt(-1);
            if (!n.get("gold").isIntegralNumber() || gold < 0 || gold >= choices.size()) {
                throw row.error("\"gold\" must be an index into \"choices\" (0.." + (choices.size() - 1) + "), got " + n.get("gold"));
            }
            ObjectNode out = Json.object();
            out.put(questionField, query);
            ArrayNode text = out.putObject("choices").putArray("text");
            ArrayNode label = ((ObjectNode) out.get("choices")).putArray("label");
            for (int i = 0; i < choices.size(); i++) {
                text.add(choices.get(i).asText());
                label.add(String.valueOf((char) ('A' + i)));
            }
            out.put("answerKey", String.valueOf((char) ('A' + gold)));
            return out;
        }
        JsonNode question = n.get("question");
        if (question != null && question.isObject() && question.has("stem") && question.path("choices").isArray()) {
            ObjectNode out = Json.object();
            if (n.has("id")) {
                out.set("id", n.get("id"));
            }
            out.put(questionField, question.get("stem").asText());
            ArrayNode text = out.putObject("choices").putArray("text");
            ArrayNode label = ((ObjectNode) out.get("choices")).putArray("label");
            for (JsonNode c : question.get("choices")) {
                text.add(c.path("text").asText());
                label.add(c.path("label").asText());
            }
            out.set("answerKey", requireField(row, "answerKey"));
            return out;
        }
        if (n.hasNonNull(questionField) && choices != null && choices.path("text").isArray()
                && choices.path("label").isArray() && n.hasNonNull("answerKey")) {
            return n;
        }
        throw row.error("fits none of the layouts: Hugging Face {\"" + questionField + "\", \"choices\": {\"text\", \"label\"}, "
                + "\"answerKey\"}, AllenAI {\"question\": {\"stem\", \"choices\"}, \"answerKey\"} or MosaicML "
                + "{\"query\", \"choices\", \"gold\"}; fields present: " + fieldNames(n));
    }

    static JsonNode requireField(JsonRows.Row row, String field) {
        JsonNode v = row.node().get(field);
        if (v == null || v.isNull()) {
            throw row.error("missing field \"" + field + "\"; fields present: " + fieldNames(row.node()));
        }
        return v;
    }

    static String fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
