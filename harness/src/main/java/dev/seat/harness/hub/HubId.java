package dev.seat.harness.hub;

import java.util.regex.Pattern;

/**
 * A repository on the Hugging Face Hub at a revision: {@code org/name[@revision]}, e.g.
 * {@code Qwen/Qwen2.5-0.5B-Instruct@main}. The revision is a branch, a tag or a commit hash
 * (default {@code main}).
 */
public record HubId(RepoType type, String repo, String revision) {
    public static final String DEFAULT_REVISION = "main";
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public HubId {
        if (repo == null || !REPO.matcher(repo).matches() || repo.contains("..") || repo.endsWith(".")) {
            throw new IllegalArgumentException("'" + repo + "' is not a Hub repository id; expected org/name, e.g. "
                    + "Qwen/Qwen2.5-0.5B-Instruct");
        }
        if (revision == null || revision.isBlank()) {
            revision = DEFAULT_REVISION;
        }
    }

    /** Parses {@code org/name[@revision]}; {@code --revision} (when not null) overrides the {@code @} part. */
    public static HubId parse(String text, RepoType type, String revision) {
        int at = text.indexOf('@');
        String repo = at < 0 ? text : text.substring(0, at);
        String rev = revision != null ? revision : at < 0 ? null : text.substring(at + 1);
        return new HubId(type, repo, rev);
    }

    public static HubId model(String text) {
        return parse(text, RepoType.MODEL, null);
    }

    /** Whether {@code text} has the shape {@code org/name[@revision]} (it may still be a local path). */
    public static boolean looksLikeId(String text) {
        int at = text.indexOf('@');
        String repo = at < 0 ? text : text.substring(0, at);
        return REPO.matcher(repo).matches() && !repo.contains("..") && (at < 0 || at < text.length() - 1);
    }

    /** Whether the revision is a full commit hash (then no ref needs resolving). */
    public boolean isCommit() {
        return COMMIT.matcher(revision).matches();
    }

    /** The cache folder name: {@code models--org--name} or {@code datasets--org--name}. */
    public String cacheFolderName() {
        return type.plural() + "--" + repo.replace("/", "--");
    }

    /** {@code org/name@revision}, with {@code (dataset)} for datasets. */
    @Override
    public String toString() {
        return repo + "@" + revision + (type == RepoType.DATASET ? " (dataset)" : "");
    }
}
