package dev.seat.harness.model;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Prefill and decode speed of a loaded checkpoint on seeded random prompts (benchmarks). */
public final class Throughput {
    private Throughput() {}

    /** Tokens/s of one forward pass over {@code batch} prompts of {@code promptTokens} tokens. */
    public static double prefill(Checkpoint cp, int batch, int promptTokens) {
        TokenBatch tb = TokenBatch.leftPadded(randomPrompts(cp, batch, promptTokens), cp.padId());
        long s = System.nanoTime();
        try (NDManager m = cp.model().manager().newSubManager()) {
            cp.model().forward(m, tb, true, false).logits().toFloatArray();
        }
        return batch * (double) promptTokens / ((System.nanoTime() - s) / 1e9);
    }

    /**
     * New tokens/s of greedy generation of exactly {@code newTokens} tokens (no stop ids) for
     * {@code batch} prompts of {@code promptTokens} tokens; the time includes the prompts' prefill.
     */
    public static double decode(Checkpoint cp, int batch, int promptTokens, int newTokens) {
        Generator gen = new Generator(cp.model(), Set.of(), cp.padId(), null);
        List<long[]> prompts = randomPrompts(cp, batch, promptTokens);
        long s = System.nanoTime();
        gen.generate(prompts, GenerationConfig.greedy(newTokens).withBatchSize(batch));
        return batch * (double) newTokens / ((System.nanoTime() - s) / 1e9);
    }

    /**
     * Milliseconds per greedy decoding step through the KV cache (after a prefill of
     * {@code promptTokens}), driving the model directly: the calling thread's kernel threads are
     * whatever they are set to, whatever {@link IntraOpThreads} would choose.
     */
    public static double decodeStepMs(Checkpoint cp, int batch, int promptTokens, int steps) {
        DecoderLM model = cp.model();
        TokenBatch prompt = TokenBatch.leftPadded(randomPrompts(cp, batch, promptTokens), cp.padId());
        long[][] mask = prompt.mask();
        long[][] ids = new long[batch][1];
        long[][] pos = new long[batch][1];
        try (NDManager gen = model.manager().newSubManager();
                KvCache cache = new KvCache(gen, model.config().numLayers(), promptTokens + steps)) {
            try (NDManager m = gen.newSubManager()) {
                model.forward(m, prompt.ids(), prompt.positions(), mask, cache, true, false).logits().toFloatArray();
            }
            long s = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                mask = appendOnes(mask);
                for (int i = 0; i < batch; i++) {
                    pos[i][0] = promptTokens + step;
                }
                try (NDManager m = gen.newSubManager()) {
                    long[] next = model.forward(m, ids, pos, mask, cache, true, false).logits().argMax(2).toLongArray();
                    for (int i = 0; i < batch; i++) {
                        ids[i][0] = next[i];
                    }
                }
            }
            return (System.nanoTime() - s) / 1e6 / steps;
        }
    }

    private static long[][] appendOnes(long[][] mask) {
        long[][] out = new long[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            out[i] = java.util.Arrays.copyOf(mask[i], mask[i].length + 1);
            out[i][mask[i].length] = 1;
        }
        return out;
    }

    /** {@code batch} prompts of {@code len} token ids drawn from the vocabulary above id 2, seeded by the sizes. */
    public static List<long[]> randomPrompts(Checkpoint cp, int batch, int len) {
        Random rng = new Random(batch * 31L + len);
        List<long[]> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            long[] p = new long[len];
            for (int i = 0; i < len; i++) {
                p[i] = 3 + rng.nextInt(cp.config().vocabSize() - 3);
            }
            out.add(p);
        }
        return out;
    }
}
