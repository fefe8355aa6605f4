package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt mini-language of task files: literal text with {@code {{ expression }}} holes,
 * evaluated against one document (a JSON object).
 *
 * <pre>
 * template   := ( literal | "{{" expression "}}" )*
 * expression := list | path ( "|" transform )*
 * list       := "[" path ( "," path )* "]"          a JSON array of the values
 * path       := name ( "." name | "[" integer "]" )*  a field, a nested field, a list element
 * transform  := "strip" | "lstrip" | "rstrip"        Python's str.strip()/lstrip()/rstrip()
 *             | "index_in:" path                     position of the value in the list at path
 *             | "first"                              first element of a list
 * </pre>
 *
 * <p>Rendering inserts strings as they are and integers in decimal. A template that is exactly
 * one expression can also be {@linkplain #evaluate evaluated} to its JSON value (a list of
 * choices, a list of answer aliases, an index). A list inside surrounding text is an error.
 * Examples: {@code "Question: {{question}}\nAnswer:"}, {@code "{{choices.text}}"},
 * {@code "{{answerKey | lstrip | index_in: choices.label}}"}, {@code "{{[sol1, sol2]}}"}.
 */
public final class Template implements DocTemplate {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;
    private final List<Object> parts; // String literals and Expression holes

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses a template; a malformed hole is reported with its position. */
    public static Template parse(String source) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            int open = source.indexOf("{{", i);
            if (open < 0) {
                parts.add(source.substring(i));
                break;
            }
            if (open > i) {
                parts.add(source.substring(i, open));
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("Template has '{{' at offset " + open + " without '}}': " + source);
            }
            parts.add(Expression.parse(source.substring(open + 2, close).trim(), source));
            i = close + 2;
        }
        return new Template(source, List.copyOf(parts));
    }

    @Override
    public String source() {
        return source;
    }

    /** The template as text for {@code doc}. */
    @Override
    public String render(JsonNode doc) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else {
                JsonNode value = ((Expression) part).evaluate(doc);
                if (value.isContainerNode()) {
                    throw new IllegalArgumentException("Template " + quote(source) + ": '"
                            + ((Expression) part).text + "' is a " + value.getNodeType().name().toLowerCase()
                            + ", which cannot be part of text");
                }
                out.append(value.isTextual() ? value.textValue() : value.asText());
            }
        }
        return out.toString();
    }

    /**
     * The JSON value of a template that is a single expression (lists stay lists, numbers stay
     * numbers); any other template evaluates to its rendered text.
     */
    @Override
    public JsonNode evaluate(JsonNode doc) {
        if (parts.size() == 1 && parts.get(0) instanceof Expression e) {
            return e.evaluate(doc);
        }
        return TextNode.valueOf(render(doc));
    }

    @Override
    public String toString() {
        return source;
    }

    private static String quote(String s) {
        return '"' + s.replace("\n", "\\n") + '"';
    }

    /** One {@code {{ ... }}} hole. */
    private record Expression(String text, List<Path> listItems, Path path, List<String> transforms, String template) {

        static Expression parse(String text, String template) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("Template has an empty '{{ }}': " + quote(template));
            }
            if (text.startsWith("[")) {
                if (!text.endsWith("]")) {
                    throw new IllegalArgumentException("Template list '" + text + "' lacks ']': " + quote(template));
                }
                List<Path> items = new ArrayList<>();
                for (String item : text.substring(1, text.length() - 1).split(",")) {
                    items.add(Path.parse(item.trim(), template));
                }
                return new Expression(text, List.copyOf(items), null, List.of(), template);
            }
            String[] pieces = text.split("\\|");
            List<String> transforms = new ArrayList<>();
            for (int k = 1; k < pieces.length; k++) {
                String t = pieces[k].trim();
                String name = t.contains(":") ? t.substring(0, t.indexOf(':')).trim() : t;
                if (!List.of("strip", "lstrip", "rstrip", "index_in", "first").contains(name)) {
                    throw new IllegalArgumentException("Template transform '" + t + "' is unknown (known: strip, lstrip, "
                            + "rstrip, index_in:<path>, first): " + quote(template));
                }
                if (name.equals("index_in")) {
                    Path.parse(t.substring(t.indexOf(':') + 1).trim(), template);
                }
                transforms.add(t);
            }
            return new Expression(text, null, Path.parse(pieces[0].trim(), template), List.copyOf(transforms), template);
        }

        JsonNode evaluate(JsonNode doc) {
            if (listItems != null) {
                ArrayNode array = NODES.arrayNode();
                listItems.forEach(p -> array.add(p.resolve(doc, template)));
                return array;
            }
            JsonNode value = path.resolve(doc, template);
            for (String t : transforms) {
                value = apply(t, value, doc);
            }
            return value;
        }

        private JsonNode apply(String transform, JsonNode value, JsonNode doc) {
            if (transform.startsWith("index_in")) {
                JsonNode list = Path.parse(transform.substring(transform.indexOf(':') + 1).trim(), template)
                        .resolve(doc, template);
                for (int k = 0; k < list.size(); k++) {
                    if (list.get(k).equals(value)) {
                        return IntNode.valueOf(k);
                    }
                }
                throw new IllegalArgumentException("Template " + quote(template) + ": " + value + " is not in " + list);
            }
            if (transform.equals("first")) {
                if (!value.isArray() || value.isEmpty()) {
                    throw new IllegalArgumentException("Template " + quote(template) + ": 'first' needs a non-empty list, got " + value);
                }
                return value.get(0);
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException("Template " + quote(template) + ": '" + transform + "' needs text, got " + value);
            }
            String s = value.textValue();
            return TextNode.valueOf(switch (transform) {
                case "strip" -> PyStrings.strip(s);
                case "lstrip" -> PyStrings.lstrip(s);
                default -> PyStrings.rstrip(s);
            });
        }
    }

    /** {@code name(.name | [index])*}. */
    private record Path(String text, List<Object> steps) {
        static Path parse(String text, String template) {
            if (!text.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[0-9]+])*")) {
                throw new IllegalArgumentException("Template field '" + text + "' is not a field path "
                        + "(name, name.sub, name[0]): " + quote(template));
            }
            List<Object> steps = new ArrayList<>();
            for (String piece : text.split("(?=[.\\[])")) {
                if (piece.startsWith("[")) {
                    steps.add(Integer.parseInt(piece.substring(1, piece.length() - 1)));
                } else {
                    steps.add(piece.startsWith(".") ? piece.substring(1) : piece);
                }
            }
            return new Path(text, List.copyOf(steps));
        }

        JsonNode resolve(JsonNode doc, String template) {
            JsonNode node = doc;
            for (Object step : steps) {
                JsonNode next = step instanceof Integer index ? node.get(index) : node.get((String) step);
                if (next == null || next.isNull()) {
                    throw new IllegalArgumentException("Template " + quote(template) + ": the document has no '"
                            + text + "' (fields: " + fieldNames(doc) + ")");
                }
                node = next;
            }
            return node;
        }

        private static String fieldNames(JsonNode doc) {
            List<String> names = new ArrayList<>();
            doc.fieldNames().forEachRemaining(names::add);
            return String.join(", ", names);
        }
    }
}
