package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * Python's {@code ast.literal_eval} for the literals lm-eval task templates render: lists and
 * tuples (as JSON arrays), dicts, strings in single or double quotes with Python's escapes,
 * integers, floats, {@code True}, {@code False} and {@code None}. lm-eval reads the rendered
 * {@code doc_to_choice} (and a {@code doc_to_target} that looks like a list) this way.
 */
public final class PythonLiteral {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private int at;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /** The value of {@code text}; a malformed literal is an {@link IllegalArgumentException} saying where. */
    public static JsonNode parse(String text) {
        PythonLiteral p = new PythonLiteral(text);
        JsonNode v = p.value();
        p.space();
        if (p.at != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    private JsonNode value() {
        space();
        if (at >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '[' -> sequence(']');
            case '(' -> sequence(')');
            case '{' -> dict();
            case '\'', '"' -> NODES.textNode(string());
            default -> word();
        };
    }

    private ArrayNode sequence(char close) {
        at++;
        ArrayNode out = NODES.arrayNode();
        space();
        while (!peek(close)) {
            out.add(value());
            space();
            if (!peek(close)) {
                expect(',');
                space();
            }
        }
        at++;
        return out;
    }

    private ObjectNode dict() {
        at++;
        ObjectNode out = NODES.objectNode();
        space();
        while (!peek('}')) {
            JsonNode key = value();
            space();
            expect(':');
            out.set(key.asText(), value());
            space();
            if (!peek('}')) {
                expect(',');
                space();
            }
        }
        at++;
        return out;
    }

    private String string() {
        char quote = text.charAt(at++);
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(at++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case 'x' -> out.appendCodePoint(hex(2));
                case 'u' -> out.appendCodePoint(hex(4));
                case 'U' -> out.appendCodePoint(hex(8));
                case '\\', '\'', '"' -> out.append(e);
                case '\n' -> { } // line continuation
                default -> out.append('\\').append(e);
            }
        }
    }

    private int hex(int digits) {
        if (at + digits > text.length()) {
            throw error("short \\x/\\u escape");
        }
        int v = Integer.parseInt(text.substring(at, at + digits), 16);
        at += digits;
        return v;
    }

    private JsonNode word() {
        int start = at;
        while (at < text.length() && "[](){},: \t\n".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String w = text.substring(start, at);
        switch (w) {
            case "True":
                return NODES.booleanNode(true);
            case "False":
                return NODES.booleanNode(false);
            case "None":
                return NODES.nullNode();
            default:
                break;
        }
        try {
            if (w.matches("[+-]?\\d+")) {
                BigInteger big = new BigInteger(w);
                return big.bitLength() < 32 ? NODES.numberNode(big.intValue()) : NODES.numberNode(big);
            }
            return NODES.numberNode(Double.parseDouble(w));
        } catch (NumberFormatException e) {
            at = start;
            throw error("'" + w + "' is not a Python literal");
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean peek(char c) {
        if (at >= text.length()) {
            throw error("expected '" + c + "'");
        }
        return text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException error(String what) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        return new IllegalArgumentException("not a Python literal at offset " + at + " (" + what + "): " + shown);
    }
}
