package dev.seat.harness.tasks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.eval.BenchmarkEvaluator;
import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.model.LanguageModel;
import java.nio.file.Path;
import java.util.List;
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

    /** The tasks or groups run through the evaluation path's one task loop, without a cache. */
    static BenchmarkResult measure(LanguageModel model, List<String> names, Integer limit, Integer numFewshot) {
        return new BenchmarkEvaluator(TaskRegistry.builtins(), DataLocator.of(dir()))
                .measure(model, "scripted", names, limit, numFewshot, Optional.empty());
    }
}
