package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Named per-document preprocessing ({@code "process_docs"} in a task file), the counterpart of
 * lm-eval's {@code process_docs} functions. Processing adds fields and keeps the original ones,
 * as a Hugging Face {@code Dataset.map} does.
 *
 * <p>{@code hellaswag}: {@code query} = clean(activity_label + ": " + ctx_a + " " +
 * capitalize(ctx_b)), {@code choices} = clean(each ending), {@code gold} = int(label), where
 * clean strips the text, turns {@code " [title]"} into {@code ". "}, drops every
 * {@code [...]} bracket (WikiHow artefacts, shortest match) and replaces each double space by one
 * (a single pass, as Python's {@code str.replace}); capitalize is Python's (rest lower-cased).
 */
public final class DocProcessors {
    private static final Pattern BRACKETS = Pattern.compile("\\[.*?\\]", Pattern.UNIX_LINES);
    private static final Map<String, UnaryOperator<ObjectNode>> PROCESSORS = Map.of("hellaswag", DocProcessors::hellaswag);

    private DocProcessors() {}

    public static UnaryOperator<ObjectNode> get(String name) {
        UnaryOperator<ObjectNode> p = PROCESSORS.get(name);
        if (p == null) {
            throw new IllegalArgumentException("Unknown process_docs '" + name + "'; known: " + PROCESSORS.keySet());
        }
        return p;
    }

    public static List<String> names() {
        return List.copyOf(PROCESSORS.keySet());
    }

    /** HellaSwag's text cleaning. */
    public static String hellaswagClean(String text) {
        String t = PyStrings.strip(text);
        t = t.replace(" [title]", ". ");
        t = BRACKETS.matcher(t).replaceAll("");
        return t.replace("  ", " ");
    }

    static ObjectNode hellaswag(ObjectNode doc) {
        String ctx = text(doc, "ctx_a") + " " + PyStrings.capitalize(text(doc, "ctx_b"));
        doc.put("query", hellaswagClean(text(doc, "activity_label") + ": " + ctx));
        ArrayNode choices = doc.putArray("choices");
        JsonNode endings = doc.get("endings");
        if (endings == null || !endings.isArray()) {
            throw new IllegalArgumentException("HellaSwag document without an \"endings\" list: " + doc);
        }
        endings.forEach(e -> choices.add(hellaswagClean(e.asText())));
        doc.put("gold", Integer.parseInt(text(doc, "label").trim()));
        return doc;
    }

    private static String text(ObjectNode doc, String field) {
        JsonNode v = doc.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("HellaSwag document without \"" + field + "\": " + doc);
        }
        return v.asText();
    }
}
