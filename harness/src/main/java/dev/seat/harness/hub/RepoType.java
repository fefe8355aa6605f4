package dev.seat.harness.hub;

import java.util.Locale;

/** The two kinds of Hugging Face Hub repositories seat reads: models and datasets. */
public enum RepoType {
    MODEL("models", ""),
    DATASET("datasets", "datasets/");

    private final String plural;
    private final String urlPrefix;

    RepoType(String plural, String urlPrefix) {
        this.plural = plural;
        this.urlPrefix = urlPrefix;
    }

    /** {@code models} or {@code datasets}: the cache folder prefix and the API path segment. */
    public String plural() {
        return plural;
    }

    /** What goes before {@code org/name} in a file URL: nothing for models, {@code datasets/} for datasets. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** {@code model} or {@code dataset} (as {@code --repo-type} takes them). */
    public static RepoType parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "model", "models" -> MODEL;
            case "dataset", "datasets" -> DATASET;
            default -> throw new IllegalArgumentException("Unknown repository type '" + text + "'; expected model or dataset");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
