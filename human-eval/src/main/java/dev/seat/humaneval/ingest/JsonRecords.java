package dev.seat.humaneval.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Helpers for the JSON formats: reading a JSON array / single object / JSON Lines, and cells. */
final class JsonRecords {
    private JsonRecords() {}

    /** Thrown with a message that names the line and column of the syntax error. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The records of a JSON array, a single JSON object, or JSON Lines (one object per line). */
    static List<JsonNode> read(String text, boolean jsonLines) throws Unreadable {
        List<JsonNode> out = new ArrayList<>();
        if (jsonLines) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                try {
                    out.add(Json.MAPPER.readTree(lines[i]));
                } catch (JsonProcessingException e) {
                    throw new Unreadable("line " + (i + 1) + " is not JSON (" + e.getOriginalMessage() + ")");
                }
            }
            return out;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new Unreadable("not valid JSON at line " + (loc == null ? "?" : loc.getLineNr()) + ", column "
                    + (loc == null ? "?" : loc.getColumnNr()) + " (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            return out;
        }
        if (root.isArray()) {
            root.forEach(out::add);
        } else if (root.isObject()) {
            out.add(root);
        } else {
            throw new Unreadable("expected a JSON array of records, found " + root.getNodeType());
        }
        return out;
    }

    /** Text of a scalar node; arrays of choices are joined with '|'; null when absent. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(text(n)));
            return String.join("|", parts);
        }
        if (node.isObject()) {
            // Label Studio JSON-MIN writes multi-value answers as {"choices": [...]} or {"text": [...]}
            if (node.has("choices")) {
                return text(node.get("choices"));
            }
            if (node.has("text")) {
                return text(node.get("text"));
            }
            return node.toString();
        }
        return node.asText();
    }

    static boolean hasFieldEndingWith(JsonNode node, String suffix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (it.next().endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
