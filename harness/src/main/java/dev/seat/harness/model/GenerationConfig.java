package dev.seat.harness.model;

import java.util.List;

/**
 * Decoding settings.
 *
 * @param maxNewTokens upper bound of generated tokens per sequence
 * @param greedy argmax decoding; otherwise seeded sampling with temperature and top-p
 * @param temperature softmax temperature for sampling (> 0)
 * @param topP nucleus: sample from the smallest set of tokens whose probability reaches topP
 * @param seed sampling seed (each batch draws from its own generator seeded from it)
 * @param stopStrings generation stops when the text contains one (it is cut off)
 * @param batchSize sequences decoded together
 * @param useCache KV cache (off recomputes the whole sequence every step; for checks only)
 */
public record GenerationConfig(
        int maxNewTokens, boolean greedy, float temperature, float topP, long seed,
        List<String> stopStrings, int batchSize, boolean useCache) {

    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, true, 1f, 1f, 0, List.of(), 16, true);
    }

    public GenerationConfig withBatchSize(int b) {
        return new GenerationConfig(maxNewTokens, greedy, temperature, topP, seed, stopStrings, b, useCache);
    }

    public GenerationConfig withCache(boolean cache) {
        return new GenerationConfig(maxNewTokens, greedy, temperature, topP, seed, stopStrings, batchSize, cache);
    }

    public GenerationConfig withStopStrings(List<String> stops) {
        return new GenerationConfig(maxNewTokens, greedy, temperature, topP, seed, List.copyOf(stops), batchSize, useCache);
    }

    public GenerationConfig sampling(float temperature, float topP, long seed) {
        return new GenerationConfig(maxNewTokens, false, temperature, topP, seed, stopStrings, batchSize, useCache);
    }

    /** Text for manifests and cache keys. */
    public String describe() {
        return greedy
                ? "greedy,max_new_tokens=" + maxNewTokens + ",stop=" + stopStrings
                : "sample,t=" + temperature + ",top_p=" + topP + ",seed=" + seed + ",max_new_tokens=" + maxNewTokens
                        + ",batch=" + batchSize + ",stop=" + stopStrings;
    }
}
