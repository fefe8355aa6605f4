package dev.seat.harness.gate;

import dev.seat.harness.eval.BenchmarkResult;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The base model ({@code -Dbaseline=DIR}) measured on the same benchmark entry as the checkpoint
 * under test: same task definition, documents, limit, few-shot setting and prompts. Injected into
 * {@link Check} methods of a {@link BenchmarkSuite}; a check that asks for it is skipped when no
 * baseline is configured. Its results are computed on first use and cached on disk like the
 * checkpoint's, so the base model is measured once per task, not once per fine-tune.
 *
 * <pre>{@code
 * @Check void doesNotRegress(BenchmarkResult r, BenchmarkBaseline base, @Threshold(0.02) double maxDrop) {
 *     assertThat(r).acc().isNotWorseThan(base, maxDrop);
 * }
 * }</pre>
 */
public final class BenchmarkBaseline {
    private final Path dir;
    private final Supplier<BenchmarkResult> result;

    public BenchmarkBaseline(Path dir, Supplier<BenchmarkResult> result) {
        this.dir = dir;
        this.result = result;
    }

    /** The base model's folder. */
    public Path dir() {
        return dir;
    }

    /** The base model's result on the same benchmark entry. */
    public BenchmarkResult result() {
        return result.get();
    }

    @Override
    public String toString() {
        return "BenchmarkBaseline[" + dir + "]";
    }
}
