package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the text given to the model, as lm-eval's {@code fewshot_context} does for a model
 * without a chat template:
 *
 * <pre>
 * description
 * + for each example: doc_to_text(ex) + target_delimiter + target_text(ex) + fewshot_delimiter
 * + doc_to_text(doc)
 * </pre>
 *
 * where target_text is the gold choice of a multiple-choice example, the first reference of
 * a list of references, or the reference text. The continuation scored for a choice is
 * {@code target_delimiter + choice}.
 */
public final class PromptBuilder {
    private PromptBuilder() {}

    /** The context (prompt) for {@code doc} with the given few-shot examples. */
    public static String context(TaskDefinition def, JsonNode doc, List<ObjectNode> examples) {
        StringBuilder out = new StringBuilder(def.description().render(doc));
        for (ObjectNode ex : examples) {
            out.append(def.docToText().render(ex));
            String target = targetText(def, ex);
            if (!target.isEmpty()) {
                out.append(def.targetDelimiter()).append(target);
            }
            out.append(def.fewshotDelimiter());
        }
        return out.append(def.docToText().render(doc)).toString();
    }

    /** The answer text of a few-shot example. */
    public static String targetText(TaskDefinition def, JsonNode doc) {
        if (def.outputType() == OutputType.MULTIPLE_CHOICE) {
            List<String> choices = def.choices(doc);
            return choices.get(def.goldIndex(doc, choices));
        }
        JsonNode t = def.target(doc);
        if (t.isArray()) {
            return t.isEmpty() ? "" : t.get(0).asText();
        }
        return t.asText();
    }

    /** The continuation scored for one choice. */
    public static String continuation(TaskDefinition def, String choice) {
        return def.targetDelimiter() + choice;
    }
}
