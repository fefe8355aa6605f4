package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seat.harness.results.Json;
import dev.seat.harness.text.TaskJinja;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One string-valued template field of an lm-eval YAML task, with lm-eval's {@code ConfigurableTask}
 * semantics: a value that is the name of a document field means that field; anything else is a
 * Jinja template rendered with the document's fields as variables ({@link TaskJinja}).
 * <ul>
 *   <li>as text ({@code doc_to_text}, {@code description}): the field, or the rendered text;</li>
 *   <li>as a list ({@code doc_to_choice}): the field, or the rendered text read as a Python literal
 *       ({@code ast.literal_eval}); a template that is one {@code {{ expression }}} is evaluated
 *       directly, which gives the same list;</li>
 *   <li>as a target ({@code doc_to_target}): the field; else the rendered text, read as a Python
 *       literal when it looks like a list ({@code [...]}). Digits stay text here; the gold index of a
 *       multiple-choice task reads them as an index, as lm-eval does.</li>
 * </ul>
 */
public final class LmEvalField implements DocTemplate {
    /** How lm-eval reads the field's value. */
    public enum Kind { TEXT, CHOICES, TARGET }

    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("\\{\\{-?((?:(?!\\{\\{|}}|\\{%).)*?)-?}}", Pattern.DOTALL);

    private final String task;
    private final String name;
    private final String source;
    private final Kind kind;
    private final String expression; // the inside of a template that is a single {{ }}, else null

    /**
     * @param task the task's name, for errors
     * @param name the YAML key ({@code doc_to_text}, ...), for errors
     * @param source the value as written
     */
    public LmEvalField(String task, String name, String source, Kind kind) {
        this.task = task;
        this.name = name;
        this.source = source;
        this.kind = kind;
        Matcher m = SINGLE_EXPRESSION.matcher(source.strip());
        this.expression = m.matches() ? m.group(1).strip() : null;
    }

    @Override
    public String render(JsonNode doc) {
        if (isField(doc)) {
            JsonNode v = doc.get(source);
            if (v.isContainerNode()) {
                throw new TemplateFailure(task, name, source, "the document field '" + source + "' is a "
                        + v.getNodeType().name().toLowerCase() + ", not text");
            }
            return v.asText();
        }
        try {
            return TaskJinja.render(source, variables(doc));
        } catch (TaskJinja.TemplateException e) {
            throw new TemplateFailure(task, name, source, e.getMessage() + " (document fields: " + fieldNames(doc) + ")");
        }
    }

    @Override
    public JsonNode evaluate(JsonNode doc) {
        if (isField(doc)) {
            return doc.get(source);
        }
        JsonNode value = expression != null ? evaluateExpression(doc) : TextNode.valueOf(render(doc));
        return switch (kind) {
            case TEXT -> value.isTextual() ? value : TextNode.valueOf(render(doc));
            case CHOICES -> choices(value);
            case TARGET -> target(value);
        };
    }

    private JsonNode choices(JsonNode value) {
        JsonNode list = value;
        if (value.isTextual()) {
            try {
                list = PythonLiteral.parse(value.textValue());
            } catch (IllegalArgumentException e) {
                throw new TemplateFailure(task, name, source, "the rendered choices are " + e.getMessage());
            }
        }
        if (!list.isArray()) {
            throw new TemplateFailure(task, name, source, "must give a list of choices, got " + list);
        }
        return list;
    }

    private static JsonNode target(JsonNode value) {
        String s = value.isTextual() ? value.textValue() : null;
        if (s != null && s.length() >= 2 && s.startsWith("[") && s.endsWith("]")) {
            try {
                return PythonLiteral.parse(s);
            } catch (IllegalArgumentException e) {
                return value; // lm-eval keeps the text when literal_eval fails
            }
        }
        return value;
    }

    private JsonNode evaluateExpression(JsonNode doc) {
        try {
            Object v = TaskJinja.evaluate(expression, variables(doc));
            return v == null ? TextNode.valueOf("") : Json.MAPPER.valueToTree(v);
        } catch (TaskJinja.TemplateException e) {
            throw new TemplateFailure(task, name, source, e.getMessage() + " (document fields: " + fieldNames(doc) + ")");
        }
    }

    private boolean isField(JsonNode doc) {
        return doc.has(source);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(JsonNode doc) {
        return Json.MAPPER.convertValue(doc, Map.class);
    }

    private static String fieldNames(JsonNode doc) {
        StringBuilder b = new StringBuilder();
        doc.fieldNames().forEachRemaining(n -> b.append(b.length() == 0 ? "" : ", ").append(n));
        return b.toString();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
