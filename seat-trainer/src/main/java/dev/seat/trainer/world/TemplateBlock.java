package dev.seat.trainer.world;

import java.util.List;
import java.util.Map;

/**
 * One {@code [name]} block of a template resource: its {@code key: value} lines grouped by key,
 * in file order.
 */
record TemplateBlock(String name, Map<String, List<String>> fields, String source) {

    List<String> all(String key) {
        List<String> values = fields.getOrDefault(key, List.of());
        if (values.isEmpty()) {
            throw new IllegalStateException(source + ": block [" + name + "] has no '" + key + ":' line");
        }
        return values;
    }

    String one(String key) {
        List<String> values = all(key);
        if (values.size() != 1) {
            throw new IllegalStateException(source + ": block [" + name + "] has " + values.size()
                    + " '" + key + ":' lines, expected one");
        }
        return values.get(0);
    }

    String optional(String key) {
        List<String> values = fields.getOrDefault(key, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    /** A {@code a | b | c} value split into its parts. */
    List<String> list(String key) {
        return List.of(one(key).split("\\s*\\|\\s*"));
    }
}
