package dev.seat.harness.tasks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import java.nio.file.Path;
import java.util.Optional;

/** The benchmark files under {@code ../shared/datasets/benchmarks}; tests that need them are skipped without. */
final class SharedData {
    private SharedData() {}

    static Path dir() {
        Optional<Path> dir = RepoPaths.shared("datasets/benchmarks");
        assumeTrue(dir.isPresent(), "../shared/datasets/benchmarks is absent; skipping tests on the real benchmark files");
        return dir.get();
    }

    static TaskRunner runner() {
        return new TaskRunner(DataLocator.of(dir()));
    }
}
