package dev.seat.harness.eval;

import dev.seat.harness.RepoPaths;
import java.nio.file.Path;

/**
 * How an evaluation asks and scores, with one table of defaults shared by the gate, the
 * experiments, the model card and every command.
 *
 * @param results root of run folders; the response and activation caches live under
 *     {@code <results>/<checkpoint>/cache}, the sentence-embedding cache under {@code <results>/cache/embeddings}
 * @param maxNewTokens greedy decoding length limit
 * @param batchSize prompts generated together
 * @param cache whether answers, last-token activations and sentence embeddings are read from and written to
 *     their caches
 * @param scorers which metric implementations score the answers
 */
public record EvalSettings(Path results, int maxNewTokens, int batchSize, boolean cache, ScorerSettings scorers) {

    public static final int DEFAULT_MAX_NEW_TOKENS = 48;
    public static final int DEFAULT_BATCH_SIZE = 16;

    public EvalSettings {
        if (maxNewTokens <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("maxNewTokens and batchSize must be positive, got " + maxNewTokens
                    + " and " + batchSize);
        }
    }

    /** Defaults: {@code <repo>/results}, 48 new tokens, batch 16, cache on, bundled metrics. */
    public static EvalSettings defaults() {
        return new EvalSettings(RepoPaths.root().resolve("results"), DEFAULT_MAX_NEW_TOKENS, DEFAULT_BATCH_SIZE, true,
                ScorerSettings.DEFAULTS);
    }

    public EvalSettings withResults(Path dir) {
        return new EvalSettings(dir, maxNewTokens, batchSize, cache, scorers);
    }

    public EvalSettings withBatchSize(int n) {
        return new EvalSettings(results, maxNewTokens, n, cache, scorers);
    }

    public EvalSettings withMaxNewTokens(int n) {
        return new EvalSettings(results, n, batchSize, cache, scorers);
    }

    public EvalSettings withCache(boolean on) {
        return new EvalSettings(results, maxNewTokens, batchSize, on, scorers);
    }

    public EvalSettings withScorers(ScorerSettings s) {
        return new EvalSettings(results, maxNewTokens, batchSize, cache, s);
    }
}
