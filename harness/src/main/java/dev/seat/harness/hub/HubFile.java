package dev.seat.harness.hub;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One file in a Hub repository, written as {@code huggingface_hub}'s file system writes it:
 * {@code hf://datasets/ORG/NAME[@REVISION]/PATH} for a dataset, {@code hf://ORG/NAME[@REVISION]/PATH}
 * for a model (a revision holding {@code /} is written with {@code %2F}).
 */
public record HubFile(HubId id, String path) {
    public static final String SCHEME = "hf://";

    public static boolean isHubFile(String text) {
        return text.startsWith(SCHEME);
    }

    public static HubFile parse(String text) {
        if (!isHubFile(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a Hub file; expected " + SCHEME + "datasets/ORG/NAME/PATH");
        }
        String rest = text.substring(SCHEME.length());
        RepoType type = RepoType.MODEL;
        if (rest.startsWith("datasets/")) {
            type = RepoType.DATASET;
            rest = rest.substring("datasets/".length());
        }
        String[] parts = rest.split("/", 3);
        if (parts.length < 3 || parts[2].isBlank()) {
            throw new IllegalArgumentException("'" + text + "' names no file; expected " + SCHEME
                    + (type == RepoType.DATASET ? "datasets/" : "") + "ORG/NAME[@REVISION]/PATH");
        }
        HubId id = HubId.parse(parts[0] + "/" + URLDecoder.decode(parts[1], StandardCharsets.UTF_8), type, null);
        return new HubFile(id, parts[2]);
    }

    @Override
    public String toString() {
        return SCHEME + (id.type() == RepoType.DATASET ? "datasets/" : "") + id.repo() + "@" + id.revision() + "/" + path;
    }
}
