package dev.seat.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings two JSON records disagree on, one line per dotted key ("train_config.seed: saved
 * 1, now 2"), for messages that refuse to mix a saved run with a differently configured one.
 * Numbers compare by value (16 equals 16.0); arrays compare whole.
 */
public final class JsonDiff {
    private JsonDiff() {}

    /** Each key whose value differs, as {@code key: saved X, now Y} ("absent" when a side lacks it). */
    public static List<String> differences(JsonNode saved, JsonNode now) {
        Map<String, JsonNode> a = flatten(saved);
        Map<String, JsonNode> b = flatten(now);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            JsonNode x = a.get(k);
            JsonNode y = b.get(k);
            if (!same(x, y)) {
                out.add(k + ": saved " + show(x) + ", now " + show(y));
            }
        }
        return out;
    }

    private static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            flatten("", node, out);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        node.fields().forEachRemaining(e -> {
            String key = prefix + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key + ".", e.getValue(), out);
            } else {
                out.put(key, e.getValue());
            }
        });
    }

    private static boolean same(JsonNode x, JsonNode y) {
        if (x == null || y == null) {
            return x == y;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.isIntegralNumber() && y.isIntegralNumber()
                    ? x.bigIntegerValue().equals(y.bigIntegerValue())
                    : Double.compare(x.asDouble(), y.asDouble()) == 0;
        }
        return x.equals(y);
    }

    private static String show(JsonNode v) {
        return v == null ? "absent" : Json.compact(v);
    }
}
