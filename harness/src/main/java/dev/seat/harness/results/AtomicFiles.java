package dev.seat.harness.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes files and folders under a temporary name and renames them into place, so a crash never
 * leaves half a file under the real name.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes into an open stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Something that fills a fresh folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code target} under a temporary name of this write's own, so writers of the same file
     * at the same time (two Spark task attempts, two processes on shared storage) never write into
     * each other's temporary file: the last rename wins, and each rename puts a complete file in place.
     */
    public static void write(Path target, StreamWriter writer) {
        Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            move(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills {@code <target>.tmp} and then swaps it in for {@code target} (an existing folder is
     * replaced only after the new one is complete). The swap is two renames, {@code target} to
     * {@code <target>.old} and {@code <target>.tmp} to {@code target}; a crash between them leaves
     * both complete and no {@code target}, which {@link #recoverFolder} (called first here) undoes.
     */
    public static void writeFolder(Path target, FolderWriter writer) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Path old = target.resolveSibling(target.getFileName() + ".old");
        try {
            recoverFolder(target);
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            writer.write(tmp);
            if (Files.exists(target)) {
                deleteRecursively(old);
                Files.move(target, old);
                Files.move(tmp, target);
                deleteRecursively(old);
            } else {
                Files.move(tmp, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write folder " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts back a folder that {@link #writeFolder} left missing when a crash fell between its two
     * renames: {@code <target>.tmp} (the newer, complete, since {@code target} is renamed away
     * only after it was written) when {@code <target>.old} is there too, else {@code <target>.old}.
     * A {@code <target>.tmp} alone may be half written and is left alone.
     *
     * @return the folder {@code target} was recovered from, or empty when it needed no recovery
     *     or none is possible
     */
    public static Optional<Path> recoverFolder(Path target) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Path old = target.resolveSibling(target.getFileName() + ".old");
        if (Files.exists(target) || !Files.isDirectory(old)) {
            return Optional.empty();
        }
        Path from = Files.isDirectory(tmp) ? tmp : old;
        try {
            Files.move(from, target);
            deleteRecursively(old);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not recover folder " + target + " from " + from + ": " + e.getMessage(), e);
        }
        return Optional.of(from);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temporary name never shadows the real file
        }
    }
}
