package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Batched decoding: prompts are sorted by length, left-padded into batches, prefilled once and
 * extended token by token with a KV cache. A sequence ends at a stop token (not included), at a
 * stop string (cut off) or after {@code maxNewTokens}. Every step runs in its own NDManager, so
 * memory stays flat however long the generation.
 */
public final class Generator {
    private final DecoderLM model;
    private final java.util.Set<Long> stopIds;
    private final long padId;
    private final Function<long[], String> detokenizer;

    /** One finished sequence. */
    public record Generation(long[] tokens, String text, FinishReason finish) {}

    public enum FinishReason { STOP_TOKEN, STOP_STRING, LENGTH }

    public Generator(Checkpoint checkpoint) {
        this(checkpoint.model(), checkpoint.stopIds(), checkpoint.padId(),
                checkpoint.hasTokenizer() ? checkpoint.tokenizer()::decode : null);
    }

    /** @param detokenizer turns ids into text; null when only ids are wanted (no stop strings then) */
    public Generator(DecoderLM model, java.util.Set<Long> stopIds, long padId, Function<long[], String> detokenizer) {
        this.model = model;
        this.stopIds = stopIds;
        this.padId = padId;
        this.detokenizer = detokenizer;
    }

    /** Generates for every prompt (token ids); results in prompt order. */
    public List<Generation> generate(List<long[]> prompts, GenerationConfig cfg) {
        if (!cfg.stopStrings().isEmpty() && detokenizer == null) {
            throw new IllegalArgumentException("stop strings need a tokenizer to decode the generated text");
        }
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0) {
                throw new IllegalArgumentException("prompt " + (i + 1) + " of " + prompts.size() + " is empty");
            }
            model.config().checkTokens("prompt " + (i + 1) + " of " + prompts.size(), prompts.get(i), true);
        }
        Integer[] order = new Integer[prompts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // longest first: similar lengths share a batch, and memory trouble shows up at once
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -prompts.get(i).length));
        Generation[] out = new Generation[prompts.size()];
        int heads = model.config().numHeads();
        for (int start = 0, end; start < order.length; start = end) {
            // sorted longest first: the batch's first prompt (plus what it generates) sets its length
            int longest = prompts.get(order[start]).length + cfg.maxNewTokens();
            end = Math.min(order.length, start + TokenBatch.rowsWithinBudget(longest, heads, Math.max(1, cfg.batchSize())));
            List<long[]> batch = new ArrayList<>();
            for (int k = start; k < end; k++) {
                batch.add(prompts.get(order[k]));
            }
            Random rng = new Random(cfg.seed() * 1_000_003L + start);
            List<Generation> gens = generateBatch(batch, cfg, rng);
            for (int k = start; k < end; k++) {
                out[order[k]] = gens.get(k - start);
            }
        }
        return Arrays.asList(out);
    }

    private List<Generation> generateBatch(List<long[]> prompts, GenerationConfig cfg, Random rng) {
        int b = prompts.size();
        TokenBatch batch = TokenBatch.leftPadded(prompts, padId);
        List<List<Long>> generated = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            generated.add(new ArrayList<>());
        }
        FinishReason[] finish = new FinishReason[b];
        String[] texts = new String[b];
        int t = batch.length();
        int total = t + cfg.maxNewTokens();
        long[][] ids = new long[b][total];
        long[][] mask = new long[b][total];
        for (int i = 0; i < b; i++) {
            System.arraycopy(batch.ids()[i], 0, ids[i], 0, t);
            System.arraycopy(batch.mask()[i], 0, mask[i], 0, t);
        }
        long maxPositions = model.config().maxPositionEmbeddings();
        long[] nextPos = new long[b];
        for (int i = 0; i < b; i++) {
            nextPos[i] = batch.positions()[i][t - 1] + 1;
        }
        try (NDManager genManager = model.manager().newSubManager();
                KvCache cache = cfg.useCache() ? new KvCache(genManager, model.config().numLayers(), total) : null;
                IntraOpThreads threads = new IntraOpThreads()) {
            int len = t;
            for (int step = 0; step < cfg.maxNewTokens(); step++) {
                if (step == 1 && cache != null) { // the prompt is in: each step from here on is one token per row
                    threads.limitForStep((long) b * model.config().parameterCount(), model.manager().getDevice());
                }
                long[] next;
                try (NDManager m = genManager.newSubManager()) {
                    NDArray logits = stepLogits(m, ids, mask, len, step == 0 ? t : 1, cache); // [B, V]
                    next = choose(logits, cfg, rng, "logits of generation step " + (step + 1));
                }
                boolean allDone = true;
                for (int i = 0; i < b; i++) {
                    long token = finish[i] == null ? next[i] : padId;
                    ids[i][len] = token;
                    mask[i][len] = 1;
                    if (finish[i] == null) {
                        if (stopIds.contains(token)) {
                            finish[i] = FinishReason.STOP_TOKEN;
                        } else {
                            generated.get(i).add(token);
                            finish[i] = checkStopStrings(generated.get(i), cfg, texts, i);
                        }
                    }
                    nextPos[i]++;
                    if (finish[i] == null && nextPos[i] > maxPositions) {
                        // the token just added sits at max_position_embeddings: the model has no position for it
                        finish[i] = FinishReason.LENGTH;
                    }
                    allDone &= finish[i] != null;
                }
                len++;
                if (allDone) {
                    break;
                }
            }
        }
        List<Generation> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            long[] toks = generated.get(i).stream().mapToLong(Long::longValue).toArray();
            String text = texts[i] != null ? texts[i] : detokenizer == null ? null : detokenizer.apply(toks);
            out.add(new Generation(toks, text, finish[i] == null ? FinishReason.LENGTH : finish[i]));
        }
        return out;
    }

    /** Logits of the last position: the new token(s) through the cache, or the whole prefix without one. */
    private NDArray stepLogits(NDManager m, long[][] ids, long[][] mask, int len, int newTokens, KvCache cache) {
        int b = ids.length;
        int from = cache == null ? 0 : len - newTokens;
        long[][] stepIds = new long[b][];
        long[][] stepPos = new long[b][];
        long[][] seenMask = new long[b][];
        for (int i = 0; i < b; i++) {
            stepIds[i] = Arrays.copyOfRange(ids[i], from, len);
            seenMask[i] = Arrays.copyOf(mask[i], len);
            long[] pos = TokenBatch.positionsFromMask(new long[][] {seenMask[i]})[0];
            stepPos[i] = Arrays.copyOfRange(pos, from, len);
        }
        DecoderLM.Output out = model.forward(m, stepIds, stepPos, seenMask, cache, true, false);
        return out.logits().reshape(b, model.config().vocabSize()); // [B, V]
    }

    /**
     * The next token of every row ({@code logits} [B, V]); fails naming {@code what} when a row holds a
     * NaN or an infinity. Greedy copies each row's argmax and logit sum to the host in one transfer
     * (a non-finite value anywhere makes the sum non-finite), so the check adds no device sync.
     */
    private long[] choose(NDArray logits, GenerationConfig cfg, Random rng, String what) {
        int b = (int) logits.getShape().get(0);
        if (cfg.greedy()) {
            float[] idsAndSums = logits.argMax(1).toType(DataType.FLOAT32, false).concat(logits.sum(new int[] {1}))
                    .toFloatArray();                                                      // [2B]: ids (exact below 2^24), sums
            long[] out = new long[b];
            for (int i = 0; i < b; i++) {
                requireFinite(Float.isFinite(idsAndSums[b + i]), logits, what);
                out[i] = (long) idsAndSums[i];
            }
            return out;
        }
        int v = (int) logits.getShape().get(1);
        float[] all = logits.toFloatArray();
        for (float x : all) {
            requireFinite(Float.isFinite(x), logits, what);
        }
        long[] out = new long[b];
        for (int i = 0; i < b; i++) {
            out[i] = Sampling.sample(Arrays.copyOfRange(all, i * v, (i + 1) * v), cfg.temperature(), cfg.topP(), rng);
        }
        return out;
    }

    private static void requireFinite(boolean finite, NDArray logits, String what) {
        if (!finite) {
            DecoderLM.requireFinite(logits, what); // names how many values are not finite
            throw new NonFiniteException(what + ": the logits' sum is beyond float range");
        }
    }

    private FinishReason checkStopStrings(List<Long> tokens, GenerationConfig cfg, String[] texts, int i) {
        if (cfg.stopStrings().isEmpty()) {
            return null;
        }
        String text = detokenizer.apply(tokens.stream().mapToLong(Long::longValue).toArray());
        int cut = -1;
        for (String s : cfg.stopStrings()) {
            int at = text.indexOf(s);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut < 0) {
            return null;
        }
        texts[i] = text.substring(0, cut);
        return FinishReason.STOP_STRING;
    }
}
