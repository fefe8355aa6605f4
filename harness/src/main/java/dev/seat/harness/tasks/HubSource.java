package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.hub.HubId;
import dev.seat.harness.hub.RepoType;
import dev.seat.harness.results.Json;

/**
 * Where a task's data file is on the Hugging Face Hub, for when no local copy is found: a dataset
 * repository, a revision and a glob naming exactly one file in it (e.g.
 * {@code {"repo": "allenai/ai2_arc", "file": "ARC-Easy/test-*.parquet"}}).
 */
public record HubSource(String repo, String revision, String file) {

    public HubSource {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("A Hub data source needs a \"file\" (a glob naming one file)");
        }
        id(repo, revision); // checks the id
    }

    public HubId id() {
        return id(repo, revision);
    }

    private static HubId id(String repo, String revision) {
        return new HubId(RepoType.DATASET, repo, revision);
    }

    /** Reads {@code {"repo": .., "file": .., "revision": ..}}. */
    public static HubSource fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject() || !node.hasNonNull("repo") || !node.hasNonNull("file")) {
            throw new IllegalArgumentException(where + ": expected {\"repo\": \"org/name\", \"file\": \"GLOB\"}, got " + node);
        }
        return new HubSource(node.get("repo").asText(), node.hasNonNull("revision") ? node.get("revision").asText() : null,
                node.get("file").asText());
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("repo", repo);
        o.put("revision", id().revision());
        o.put("file", file);
        return o;
    }
}
