package dev.seat.harness.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Hub repositories as local folders: {@link #snapshot} returns the cache's snapshot folder of a
 * revision, downloading the wanted files that are not cached yet. Files Python's
 * {@code huggingface_hub} downloaded are used as they are, and files written here are where it
 * looks for them. A download goes to {@code blobs/ETAG.incomplete} (continued on the next run),
 * is checked against the size and ETag the Hub announced, and only then renamed to its blob
 * name and linked into the snapshot.
 */
public final class Hub {
    private final HubSettings settings;
    private final HubCache cache;
    private final HubClient client;

    public Hub(HubSettings settings) {
        this.settings = settings;
        this.cache = new HubCache(settings.cacheDir());
        this.client = new HubClient(settings);
    }

    public static Hub fromEnvironment() {
        return new Hub(HubSettings.fromEnvironment());
    }

    public HubSettings settings() {
        return settings;
    }

    public HubCache cache() {
        return cache;
    }

    /**
     * If {@code text} names an existing local folder, that folder; else, if it has the shape
     * {@code org/name[@revision]}, the snapshot folder of that model with the files a checkpoint
     * needs ({@link CheckpointFiles}); else the path {@code text} (for the caller's "not found").
     */
    public Path checkpoint(String text) {
        Path local = Path.of(text);
        if (Files.isDirectory(local) || !HubId.looksLikeId(text)) {
            return local;
        }
        return snapshot(HubId.model(text), CheckpointFiles::wanted, CheckpointFiles::check);
    }

    /** The local copy of one Hub file (fetched into the cache when missing). */
    public Path file(HubFile file) {
        Path snapshot = snapshot(file.id(), file.path()::equals, (id, chosen) -> {
            if (chosen.isEmpty()) {
                throw new HubException(file + ": " + id + " has no file " + file.path());
            }
        });
        return snapshot.resolve(file.path());
    }

    /**
     * A data file option: {@code hf://datasets/ORG/NAME[@REV]/PATH} as its local copy in the cache,
     * anything else as a local path.
     */
    public Path dataFile(String text) {
        return HubFile.isHubFile(text) ? file(HubFile.parse(text)) : Path.of(text);
    }

    /** The snapshot of {@code id} holding every file {@code wanted} selects. */
    public Path snapshot(HubId id, Predicate<String> wanted) {
        return snapshot(id, wanted, (i, files) -> {
            if (files.isEmpty()) {
                throw new HubException(id + " has no files this command can use");
            }
        });
    }

    /** Files whose path in the repository matches one of {@code globs} ({@code **} crosses folders). */
    public static Predicate<String> matching(List<String> globs) {
        List<PathMatcher> matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        return f -> matchers.stream().anyMatch(m -> m.matches(Path.of(f)));
    }

    /** Checks the chosen files of a revision before anything is downloaded. */
    @FunctionalInterface
    public interface Selection {
        void check(HubId id, List<String> chosen);
    }

    public Path snapshot(HubId id, Predicate<String> wanted, Selection check) {
        if (settings.offline()) {
            return cache.cachedSnapshot(id).filter(s -> holdsAny(s, wanted)).orElseThrow(() -> new HubException(id + " is not in the Hugging Face cache "
                    + cache.root() + " and HF_HUB_OFFLINE=1 forbids downloading it. Run `./seat pull " + id.repo()
                    + (id.revision().equals(HubId.DEFAULT_REVISION) ? "" : " --revision " + id.revision())
                    + (id.type() == RepoType.DATASET ? " --repo-type dataset" : "")
                    + "` (or huggingface-cli download) where there is network, or unset HF_HUB_OFFLINE."));
        }
        HubClient.RepoInfo info;
        try {
            info = client.info(id);
        } catch (HubException e) {
            Optional<Path> cached = cache.cachedSnapshot(id).filter(s -> holdsAny(s, wanted));
            if (isNetworkFailure(e) && cached.isPresent()) {
                System.err.println("seat: " + e.getMessage().split("\\. ")[0] + "; using the cached " + cached.get());
                return cached.get();
            }
            throw e;
        }
        List<String> chosen = info.files().stream().filter(wanted).sorted().toList();
        check.check(id, chosen);
        for (String file : chosen) {
            fetch(id, info.commit(), file);
        }
        cache.writeRef(id, info.commit());
        return cache.snapshot(id, info.commit());
    }

    /** Makes {@code snapshots/COMMIT/file} present, downloading its blob unless it is cached. */
    private void fetch(HubId id, String commit, String file) {
        if (Files.isRegularFile(cache.snapshot(id, commit).resolve(file))) {
            return; // a snapshot is named by its commit: a file present there is that commit's file
        }
        HubClient.FileMetadata meta = client.head(id, commit, file);
        Path blob = cache.blob(id, meta.etag());
        if (!Files.isRegularFile(blob) || size(blob) != meta.size()) {
            Path partial = cache.incompleteBlob(id, meta.etag());
            try {
                Files.createDirectories(partial.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create " + partial.getParent() + ": " + e.getMessage(), e);
            }
            client.download(id, file, meta, partial);
            verify(id, file, meta, partial);
            move(partial, blob);
        }
        cache.link(id, commit, file, meta.etag());
    }

    /** Refuses (and deletes) a download whose size or digest is not what the Hub announced. */
    private static void verify(HubId id, String file, HubClient.FileMetadata meta, Path partial) {
        long size = size(partial);
        String problem = null;
        if (size != meta.size()) {
            problem = "has " + size + " bytes, the Hub announced " + meta.size();
        } else {
            Optional<String> digest = Etags.digestLike(meta.etag(), partial);
            if (digest.isPresent() && !digest.get().equals(meta.etag())) {
                problem = "hashes to " + digest.get() + ", the Hub's ETag is " + meta.etag();
            }
        }
        if (problem != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                problem += " (and deleting " + partial + " failed: " + e.getMessage() + ")";
            }
            throw new HubException("Downloaded " + file + " of " + id + " " + problem
                    + "; it was deleted and nothing was kept. Run the command again; if it fails the same way, the file "
                    + "store or a proxy between you and " + meta.downloadUrl().getHost() + " is changing the bytes.");
        }
    }

    /** Whether a cached snapshot holds one of the wanted files at least. */
    private static boolean holdsAny(Path snapshot, Predicate<String> wanted) {
        try (Stream<Path> walk = Files.walk(snapshot)) {
            return walk.filter(Files::isRegularFile).anyMatch(p -> wanted.test(snapshot.relativize(p).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the cached snapshot " + snapshot + ": " + e.getMessage(), e);
        }
    }

    private static boolean isNetworkFailure(HubException e) {
        return e.getCause() instanceof IOException; // an HTTP error status has no cause
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the size of " + p + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
