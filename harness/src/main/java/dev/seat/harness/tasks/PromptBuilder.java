package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.text.ChatTemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the text given to the model, as lm-eval's {@code ConfigurableTask.fewshot_context} does.
 * Without a chat template:
 *
 * <pre>
 * system prompt
 * + for each example: doc_to_text(ex) + target_delimiter + target_text(ex) + fewshot_delimiter
 * + doc_to_text(doc)
 * </pre>
 *
 * where the system prompt is the description, or the system instruction, or both joined by the
 * fewshot delimiter; target_text is the gold choice of a multiple-choice example, the first
 * reference of a list of references, or the reference text. The continuation scored for a choice
 * is {@code target_delimiter + choice}.
 *
 * <p>With a chat template (lm-eval's {@code --apply_chat_template}) the same parts become messages:
 * the system prompt a system message; the examples one user message (or, with
 * {@code --fewshot_as_multiturn}, a user/assistant pair each); the document's text appended to that
 * user message (a new one when there is none, or the examples are turns). The conversation is
 * rendered with the generation prompt, as {@code HFLM.apply_chat_template} does (a template that
 * refuses it is asked again without the system message, as there), and a choice is scored right
 * after it, with no target delimiter.
 */
public final class PromptBuilder {
    private PromptBuilder() {}

    /** The raw-text context for {@code doc} with the given few-shot examples. */
    public static String context(TaskDefinition def, JsonNode doc, List<ObjectNode> examples) {
        return context(def, doc, examples, PromptOptions.PLAIN);
    }

    /** The context for {@code doc} with the given few-shot examples, written as {@code options} say. */
    public static String context(TaskDefinition def, JsonNode doc, List<ObjectNode> examples, PromptOptions options) {
        String description = def.description().render(doc);
        String system = options.systemInstruction() == null ? description
                : description.isEmpty() ? options.systemInstruction()
                : options.systemInstruction() + def.fewshotDelimiter() + description;
        String question = def.docToText().render(doc);
        if (options.chatTemplate() == null) {
            return system + examplesText(def, examples) + question;
        }
        List<Map<String, String>> messages = new ArrayList<>();
        if (!system.isEmpty()) {
            messages.add(message("system", system));
        }
        if (!examples.isEmpty() && options.fewshotAsMultiturn()) {
            for (ObjectNode ex : examples) {
                messages.add(message("user", def.docToText().render(ex)));
                messages.add(message("assistant", targetText(def, ex)));
            }
            messages.add(message("user", question));
        } else if (!examples.isEmpty()) {
            messages.add(message("user", examplesText(def, examples) + question));
        } else {
            messages.add(message("user", question));
        }
        try {
            return options.chatTemplate().render(messages, true);
        } catch (ChatTemplateException e) {
            if (system.isEmpty()) {
                throw e;
            }
            return options.chatTemplate().render(messages.subList(1, messages.size()), true);
        }
    }

    private static String examplesText(TaskDefinition def, List<ObjectNode> examples) {
        StringBuilder out = new StringBuilder();
        for (ObjectNode ex : examples) {
            out.append(def.docToText().render(ex));
            String target = targetText(def, ex);
            if (!target.isEmpty()) {
                out.append(def.targetDelimiter()).append(target);
            }
            out.append(def.fewshotDelimiter());
        }
        return out.toString();
    }

    private static Map<String, String> message(String role, String content) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
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

    /** The raw-text continuation scored for one choice. */
    public static String continuation(TaskDefinition def, String choice) {
        return continuation(def, choice, PromptOptions.PLAIN);
    }

    /** The continuation scored for one choice: after a chat template, the choice alone. */
    public static String continuation(TaskDefinition def, String choice, PromptOptions options) {
        return (options.chatTemplate() == null ? def.targetDelimiter() : "") + choice;
    }
}
