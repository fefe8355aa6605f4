package dev.seat.harness.hub;

import dev.seat.harness.results.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The Hugging Face cache layout, shared with Python's {@code huggingface_hub}:
 * <pre>
 * CACHE/models--org--name/
 *   blobs/ETAG                  file contents, named by their ETag (sha256 for LFS files, git sha1 otherwise)
 *   blobs/ETAG.incomplete       a download in progress (resumed from its length)
 *   refs/REVISION               the commit hash a branch or tag pointed at when last fetched
 *   snapshots/COMMIT/FILE       relative symbolic links to ../../blobs/ETAG
 * </pre>
 * Datasets live in {@code datasets--org--name} the same way.
 */
public final class HubCache {
    private final Path root;

    public HubCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path repoDir(HubId id) {
        return root.resolve(id.cacheFolderName());
    }

    public Path snapshot(HubId id, String commit) {
        return repoDir(id).resolve("snapshots").resolve(commit);
    }

    public Path blob(HubId id, String etag) {
        return repoDir(id).resolve("blobs").resolve(etag);
    }

    public Path incompleteBlob(HubId id, String etag) {
        return repoDir(id).resolve("blobs").resolve(etag + ".incomplete");
    }

    /**
     * A checkpoint folder's name for result folders and reports: {@code org--name} for a snapshot
     * in a Hugging Face cache ({@code .../models--org--name/snapshots/COMMIT}), else the folder's own name.
     */
    public static String checkpointName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Path repo = parent == null ? null : parent.getParent();
        if (repo != null && repo.getFileName() != null && parent.getFileName().toString().equals("snapshots")
                && repo.getFileName().toString().startsWith("models--")) {
            return repo.getFileName().toString().substring("models--".length());
        }
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }

    /** The commit {@code id}'s revision stands for: itself when it is a hash, else what {@code refs/} recorded. */
    public Optional<String> commit(HubId id) {
        if (id.isCommit()) {
            return Optional.of(id.revision());
        }
        Path ref = repoDir(id).resolve("refs").resolve(id.revision());
        try {
            return Files.isRegularFile(ref) ? Optional.of(Files.readString(ref).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the cache ref " + ref + ": " + e.getMessage(), e);
        }
    }

    /** The cached snapshot folder of {@code id}, when its revision was fetched before. */
    public Optional<Path> cachedSnapshot(HubId id) {
        return commit(id).map(c -> snapshot(id, c)).filter(Files::isDirectory);
    }

    /** Records that {@code id}'s revision (a branch or tag) points at {@code commit}. */
    public void writeRef(HubId id, String commit) {
        if (!id.revision().equals(commit)) {
            AtomicFiles.writeString(repoDir(id).resolve("refs").resolve(id.revision()), commit);
        }
    }

    /**
     * Makes {@code snapshots/COMMIT/FILE} point at {@code blobs/ETAG} (a relative symbolic link, as
     * Python writes it; a copy where the file system has no links).
     */
    public Path link(HubId id, String commit, String file, String etag) {
        Path target = snapshot(id, commit).resolve(file).normalize();
        if (!target.startsWith(snapshot(id, commit))) {
            throw new HubException(id + ": file name '" + file + "' leaves the snapshot folder");
        }
        Path blob = blob(id, etag);
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            try {
                Files.createSymbolicLink(target, target.getParent().relativize(blob));
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not link " + target + " to " + blob + ": " + e.getMessage(), e);
        }
        return target;
    }
}
