package dev.seat.harness.tasks;

import dev.seat.harness.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the data files named by task definitions. A relative path is looked up in the data
 * folder (the {@code --data-dir}, by default {@code ../shared/datasets/benchmarks}) and then in
 * the folder of the task file that names it; an absolute path is taken as it is. A file found
 * nowhere is an error that lists every place looked at.
 */
public final class DataLocator {
    private final Path dataDir;
    private final String dataDirOrigin;

    private DataLocator(Path dataDir, String dataDirOrigin) {
        this.dataDir = dataDir;
        this.dataDirOrigin = dataDirOrigin;
    }

    /** Looks in {@code dataDir}. */
    public static DataLocator of(Path dataDir) {
        return new DataLocator(dataDir.toAbsolutePath().normalize(), "--data-dir");
    }

    /** Looks in {@code ../shared/datasets/benchmarks} when it exists, else in {@code ./data}. */
    public static DataLocator defaults() {
        Optional<Path> shared = RepoPaths.shared("datasets/benchmarks");
        return shared.map(p -> new DataLocator(p.toAbsolutePath().normalize(), "default: ../shared/datasets/benchmarks"))
                .orElseGet(() -> new DataLocator(Path.of("data").toAbsolutePath(), "default: ./data, as ../shared is absent"));
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The existing file for {@code relative}, named by {@code task}.
     *
     * @param taskFileDir folder of a user's task file, or {@code null} for built-in tasks
     */
    public Path locate(String task, String relative, Path taskFileDir) {
        List<Path> candidates = candidates(relative, taskFileDir);
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        List<String> looked = new ArrayList<>();
        for (Path p : candidates) {
            looked.add(p.toString());
        }
        throw new DataFileException("Task " + task + ": data file '" + relative + "' not found; looked at "
                + String.join(", ", looked) + " (data folder " + dataDir + ", " + dataDirOrigin
                + "). Pass --data-dir DIR pointing at a folder that holds '" + relative + "'.");
    }

    /** Whether {@code relative} exists in one of the places {@link #locate} looks. */
    public boolean exists(String relative, Path taskFileDir) {
        return candidates(relative, taskFileDir).stream().anyMatch(Files::isRegularFile);
    }

    private List<Path> candidates(String relative, Path taskFileDir) {
        Path p = Path.of(relative);
        if (p.isAbsolute()) {
            return List.of(p);
        }
        Set<Path> out = new LinkedHashSet<>();
        out.add(dataDir.resolve(p).normalize());
        if (taskFileDir != null) {
            out.add(taskFileDir.resolve(p).toAbsolutePath().normalize());
        }
        return List.copyOf(out);
    }
}
