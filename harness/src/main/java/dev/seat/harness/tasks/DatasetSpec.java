package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;

/**
 * Where a task's documents come from: a data file, the {@linkplain DocFormats format} that
 * turns its rows into lm-eval's Hugging Face row layout, and for PIQA's original release the
 * separate labels file, and where the file is on the Hugging Face Hub when no local copy is found.
 * Relative paths are resolved by a {@link DataLocator}.
 *
 * @param path data file, relative to the data folder or absolute
 * @param format one of {@link DocFormats#names()}
 * @param labels optional labels file (one label a line), or {@code null}
 * @param hub the same data on the Hub (rows in the Hugging Face layout), or {@code null}
 */
public record DatasetSpec(String path, String format, String labels, HubSource hub) {

    public DatasetSpec {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("A dataset needs a \"path\"");
        }
        if (format == null || format.isBlank()) {
            format = "jsonl";
        }
    }

    public DatasetSpec(String path, String format, String labels) {
        this(path, format, labels, null);
    }

    /** Reads {@code {"path": .., "format": .., "labels": .., "hub": {"repo": .., "file": ..}}}. */
    public static DatasetSpec fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject() || !node.hasNonNull("path")) {
            throw new IllegalArgumentException(where + ": expected {\"path\": ..., \"format\": ...}, got " + node);
        }
        return new DatasetSpec(node.get("path").asText(),
                node.hasNonNull("format") ? node.get("format").asText() : null,
                node.hasNonNull("labels") ? node.get("labels").asText() : null,
                node.hasNonNull("hub") ? HubSource.fromJson(node.get("hub"), where + " hub") : null);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("path", path);
        o.put("format", format);
        if (labels != null) {
            o.put("labels", labels);
        }
        if (hub != null) {
            o.set("hub", hub.toJson());
        }
        return o;
    }
}
