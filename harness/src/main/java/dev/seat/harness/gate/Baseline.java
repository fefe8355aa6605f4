package dev.seat.harness.gate;

import dev.seat.harness.model.Checkpoint;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The base model ({@code -Dbaseline=DIR}) measured the same way as the checkpoint under test:
 * same questions, prompt format and decoding settings. Injected into {@link Check} methods; a
 * check that asks for it is skipped when no baseline is configured. The base model is loaded on
 * first use and its answers are cached like the checkpoint's.
 *
 * <pre>{@code
 * @Check void keepsKnowledge(Responses r, Baseline base, @Threshold(0.10) double maxDrop) {
 *     assertThat(r).rouge1Recall().isNotWorseThan(base, maxDrop);
 * }
 * }</pre>
 */
public final class Baseline {
    private final Path dir;
    private final Supplier<Checkpoint> checkpoint;
    private final Supplier<Responses> responses;

    public Baseline(Path dir, Supplier<Checkpoint> checkpoint, Supplier<Responses> responses) {
        this.dir = dir;
        this.checkpoint = checkpoint;
        this.responses = responses;
    }

    /** The base model's folder. */
    public Path dir() {
        return dir;
    }

    /** The loaded base model. */
    public Checkpoint checkpoint() {
        return checkpoint.get();
    }

    /** The base model's answers to the suite's questions. */
    public Responses responses() {
        return responses.get();
    }

    @Override
    public String toString() {
        return "Baseline[" + dir + "]";
    }
}
