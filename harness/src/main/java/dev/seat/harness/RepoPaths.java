package dev.seat.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the seat checkout and the optional {@code ../shared} data folder are.
 *
 * <p>The root is the {@code seat.root} system property (Surefire sets it) or the first folder,
 * walking up from the working directory, that holds both {@code models/} and {@code harness/}.
 */
public final class RepoPaths {
    private RepoPaths() {}

    /** The repository root, or the working directory when no checkout is found. */
    public static Path root() {
        String prop = System.getProperty("seat.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("models")) && Files.isDirectory(p.resolve("harness"))) {
                return p;
            }
        }
        return dir;
    }

    /** The embedded default checkpoint, {@code models/tiny-base}. */
    public static Path defaultCheckpoint() {
        return root().resolve("models").resolve("tiny-base");
    }

    /** {@code ../shared} next to the checkout (public datasets, reference outputs), if present. */
    public static Optional<Path> shared() {
        Path shared = root().resolveSibling("shared");
        return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
    }

    /** A file under {@code ../shared}, if the folder and the file exist. */
    public static Optional<Path> shared(String relative) {
        return shared().map(s -> s.resolve(relative)).filter(Files::exists);
    }
}
