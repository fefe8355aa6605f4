package dev.seat.harness.tasks;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.hub.Hub;
import dev.seat.harness.hub.HubException;
import dev.seat.harness.hub.HubSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the data files named by task definitions. A relative path is looked up in the data
 * folder (the {@code --data-dir}, by default {@code ../shared/datasets/benchmarks}) and then in
 * the folder of the task file that names it; an absolute path is taken as it is. When no data
 * folder was given, a dataset that names its {@linkplain HubSource Hub source} and is found nowhere
 * locally is fetched from the Hugging Face Hub into the Hugging Face cache. A file found nowhere
 * is an error that lists every place looked at and says what to do.
 */
public final class DataLocator {
    private final Path dataDir;
    private final String dataDirOrigin;
    private final Hub hub;

    private DataLocator(Path dataDir, String dataDirOrigin, Hub hub) {
        this.dataDir = dataDir;
        this.dataDirOrigin = dataDirOrigin;
        this.hub = hub;
    }

    /** Looks in {@code dataDir} only. */
    public static DataLocator of(Path dataDir) {
        return new DataLocator(dataDir.toAbsolutePath().normalize(), "--data-dir", null);
    }

    /** Looks in {@code dataDir}, then on {@code hub} for datasets that name a Hub source. */
    public static DataLocator withHub(Path dataDir, Hub hub) {
        return new DataLocator(dataDir.toAbsolutePath().normalize(), "--data-dir", hub);
    }

    /**
     * Looks in {@code ../shared/datasets/benchmarks} when it exists, else in {@code ./data}, then on
     * the Hugging Face Hub (settings from the environment, {@link HubSettings}).
     */
    public static DataLocator defaults() {
        Optional<Path> shared = RepoPaths.shared("datasets/benchmarks");
        Hub hub = Hub.fromEnvironment();
        return shared.map(p -> new DataLocator(p.toAbsolutePath().normalize(), "default: ../shared/datasets/benchmarks", hub))
                .orElseGet(() -> new DataLocator(Path.of("data").toAbsolutePath(), "default: ./data, as ../shared is absent", hub));
    }

    /**
     * The existing file for {@code spec}'s path, or else (when this locator may use the Hub and the
     * spec names a Hub source) the Hub files, fetched into the cache when missing: one file, or the
     * shards of a split in order.
     */
    public List<Path> locate(String task, DatasetSpec spec, Path taskFileDir) {
        if (hub == null || spec.hub() == null || exists(spec.path(), taskFileDir)) {
            return List.of(locate(task, spec.path(), taskFileDir));
        }
        HubException failure = null;
        for (HubSource source = spec.hub(); source != null; source = source.fallback()) {
            try {
                List<Path> found = fetch(source);
                if (!found.isEmpty()) {
                    return found;
                }
            } catch (HubException e) {
                failure = failure == null ? e : failure;
            }
        }
        HubSource source = spec.hub();
        String tried = tried(source);
        String why = failure != null ? "fetching it from the Hugging Face Hub failed: " + failure.getMessage()
                : "no file of the Hugging Face Hub matches " + tried + ".";
        throw new DataFileException("Task " + task + ": data file '" + spec.path() + "' is not in the data folder "
                + dataDir + " (" + dataDirOrigin + "), and " + why + " To run without the Hub, pass --data-dir DIR "
                + "with '" + spec.path() + "'; to fetch it beforehand: ./seat pull " + source.repo()
                + " --repo-type dataset --include '" + source.file() + "'.", failure);
    }

    /** The files of {@code source} (fetched when missing), in path order; empty when none matches. */
    private List<Path> fetch(HubSource source) {
        var wanted = Hub.matching(List.of(source.file()));
        Path snapshot = hub.snapshot(source.id(), wanted, (id, chosen) -> { });
        if (!Files.isDirectory(snapshot)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(snapshot)) {
            return walk.filter(p -> Files.isRegularFile(p) && wanted.test(snapshot.relativize(p).toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + snapshot + ": " + e.getMessage(), e);
        }
    }

    private static String tried(HubSource source) {
        List<String> out = new ArrayList<>();
        for (HubSource s = source; s != null; s = s.fallback()) {
            out.add(s.file() + " in " + s.id());
        }
        return String.join(", nor ", out);
    }

    /** This locator without the Hub. */
    public DataLocator localOnly() {
        return hub == null ? this : new DataLocator(dataDir, dataDirOrigin, null);
    }

    /** Whether {@code spec} can be located: its file exists locally or can be fetched from the Hub. */
    public boolean exists(DatasetSpec spec, Path taskFileDir) {
        return exists(spec.path(), taskFileDir) || (hub != null && spec.hub() != null);
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
