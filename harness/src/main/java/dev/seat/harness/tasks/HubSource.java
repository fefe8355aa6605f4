package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.hub.HubId;
import dev.seat.harness.hub.RepoType;
import dev.seat.harness.results.Json;

/**
 * Where a task's data file is on the Hugging Face Hub, for when no local copy is found: a dataset
 * repository, a revision and a glob naming the file in it (e.g.
 * {@code {"repo": "allenai/ai2_arc", "file": "ARC-Easy/test-*.parquet"}}; a split stored in
 * several shards names them all, read in order), and where to look when that revision has no such
 * file ({@code fallback}, e.g. the Hub's Parquet conversion of a script-based dataset), or null.
 */
public record HubSource(String repo, String revision, String file, HubSource fallback) {
    /** The branch where the Hub keeps its Parquet conversion of every dataset it could convert. */
    public static final String PARQUET_CONVERSION = "refs/convert/parquet";

    public HubSource {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("A Hub data source needs a \"file\" (a glob naming one file)");
        }
        id(repo, revision); // checks the id
    }

    public HubSource(String repo, String revision, String file) {
        this(repo, revision, file, null);
    }

    /**
     * One split of a dataset as the Hub stores it: the repository's own Parquet files in the layouts
     * {@code datasets} writes ({@code CONFIG/SPLIT-*.parquet}, {@code CONFIG/SPLIT/*.parquet}, and
     * without a config {@code data/SPLIT-*.parquet} or {@code SPLIT-*.parquet}), else the Hub's Parquet
     * conversion ({@code refs/convert/parquet}: {@code CONFIG/SPLIT/*.parquet}, any config when none is named).
     *
     * @param config the dataset's config ({@code dataset_name}), or null
     */
    public static HubSource split(String repo, String config, String split) {
        String main = config != null
                ? "{" + config + "/" + split + "-*.parquet," + config + "/" + split + "/*.parquet}"
                : "{data/" + split + "-*.parquet," + split + "-*.parquet,data/" + split + "/*.parquet}";
        String converted = (config != null ? config : "*") + "/" + split + "/*.parquet";
        return new HubSource(repo, null, main, new HubSource(repo, PARQUET_CONVERSION, converted, null));
    }

    public HubId id() {
        return id(repo, revision);
    }

    private static HubId id(String repo, String revision) {
        return new HubId(RepoType.DATASET, repo, revision);
    }

    /**
     * Reads {@code {"repo": .., "file": .., "revision": ..}}, or {@code {"repo": .., "config": .., "split": ..}}
     * for a split in the Hub's layouts ({@link #split}).
     */
    public static HubSource fromJson(JsonNode node, String where) {
        if (node != null && node.hasNonNull("repo") && node.hasNonNull("split") && !node.has("file")) {
            return split(node.get("repo").asText(), node.hasNonNull("config") ? node.get("config").asText() : null,
                    node.get("split").asText());
        }
        if (node == null || !node.isObject() || !node.hasNonNull("repo") || !node.hasNonNull("file")) {
            throw new IllegalArgumentException(where + ": expected {\"repo\": \"org/name\", \"file\": \"GLOB\"} or {\"repo\", \"config\", \"split\"}, got " + node);
        }
        return new HubSource(node.get("repo").asText(), node.hasNonNull("revision") ? node.get("revision").asText() : null,
                node.get("file").asText(), node.hasNonNull("fallback") ? fromJson(node.get("fallback"), where + " fallback") : null);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("repo", repo);
        o.put("revision", id().revision());
        o.put("file", file);
        if (fallback != null) {
            o.set("fallback", fallback.toJson());
        }
        return o;
    }
}
