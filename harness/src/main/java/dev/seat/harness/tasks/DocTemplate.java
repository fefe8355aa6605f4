package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * How a task turns a document into text or a value ({@code doc_to_text}, {@code doc_to_target},
 * {@code doc_to_choice}, {@code description}): seat's own JSON task files use {@link Template},
 * lm-eval YAML task files {@link LmEvalField} (Jinja).
 */
public interface DocTemplate {

    /** The text for {@code doc}. */
    String render(JsonNode doc);

    /** The value for {@code doc}: a list of choices, a list of answers, an index, or text. */
    JsonNode evaluate(JsonNode doc);

    /** The template as written, for messages and hashes. */
    String source();

    /** A fixed text, the same for every document (a choice of a YAML list, a plain description). */
    static DocTemplate literal(String text) {
        return new DocTemplate() {
            @Override
            public String render(JsonNode doc) {
                return text;
            }

            @Override
            public JsonNode evaluate(JsonNode doc) {
                return TextNode.valueOf(text);
            }

            @Override
            public String source() {
                return text;
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }
}
