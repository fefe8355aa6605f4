package dev.seat.harness.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import java.nio.file.Path;
import java.util.Optional;

/** Locates files under {@code ../shared}; tests that need one are skipped with a reason when absent. */
final class SharedData {
    private SharedData() {}

    static Path require(String relative) {
        Optional<Path> p = RepoPaths.shared(relative);
        assumeTrue(p.isPresent(), () -> "skipped: ../shared/" + relative
                + " not found (the shared data folder next to the checkout is optional)");
        return p.get();
    }
}
