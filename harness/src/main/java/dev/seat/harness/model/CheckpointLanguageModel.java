package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.seat.harness.text.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@link LanguageModel} over a loaded checkpoint: raw text, lm-evaluation-harness tokenization.
 * Requests are sorted longest first and scored in batches of {@code batchSize}.
 */
public final class CheckpointLanguageModel implements LanguageModel, AutoCloseable {
    private final Checkpoint checkpoint;
    private final int batchSize;
    private final boolean owned;

    /** Wraps a checkpoint the caller keeps and closes. */
    public CheckpointLanguageModel(Checkpoint checkpoint, int batchSize) {
        this(checkpoint, batchSize, false);
    }

    private CheckpointLanguageModel(Checkpoint checkpoint, int batchSize, boolean owned) {
        this.checkpoint = checkpoint;
        this.batchSize = Math.max(1, batchSize);
        this.owned = owned;
    }

    /** Loads {@code dir}; closing the returned model closes the checkpoint. */
    public static CheckpointLanguageModel open(java.nio.file.Path dir, Checkpoint.Options options, int batchSize) {
        return new CheckpointLanguageModel(Checkpoint.load(dir, options), batchSize, true);
    }

    @Override
    public void close() {
        if (owned) {
            checkpoint.close();
        }
    }

    /** Context and continuation token ids as lm-eval splits them. */
    record Encoded(long[] context, long[] continuation) {}

    Encoded encode(LoglikRequest r) {
        TextTokenizer tok = checkpoint.tokenizer();
        String context = r.context();
        String continuation = r.continuation();
        int spaces = context.length() - context.stripTrailing().length();
        if (spaces > 0) { // trailing whitespace belongs to the continuation
            continuation = context.substring(context.length() - spaces) + continuation;
            context = context.substring(0, context.length() - spaces);
        }
        if (context.isEmpty()) {
            // lm-eval conditions an empty context on the end-of-text token
            long start = checkpoint.stopIds().isEmpty() ? checkpoint.padId() : checkpoint.stopIds().iterator().next();
            return new Encoded(new long[] {start}, tok.encode(continuation));
        }
        long[] whole = tok.encode(context + continuation);
        long[] ctx = tok.encode(context);
        return new Encoded(ctx, Arrays.copyOfRange(whole, Math.min(ctx.length, whole.length), whole.length));
    }

    @Override
    public List<LoglikResult> loglikelihood(List<LoglikRequest> requests) {
        List<Encoded> encoded = requests.stream().map(this::encode).toList();
        return loglikelihoodOfTokens(encoded.stream().map(Encoded::context).toList(),
                encoded.stream().map(Encoded::continuation).toList());
    }

    /** Scores token-level (context, continuation) pairs; the model sees context + continuation minus its last token. */
    public List<LoglikResult> loglikelihoodOfTokens(List<long[]> contexts, List<long[]> continuations) {
        int n = contexts.size();
        ModelConfig config = checkpoint.config();
        for (int i = 0; i < n; i++) {
            // long requests are cut to the last max_position_embeddings tokens below (as lm-eval does)
            config.checkTokens("request " + (i + 1) + " context", contexts.get(i), false);
            config.checkTokens("request " + (i + 1) + " continuation", continuations.get(i), false);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -(contexts.get(i).length + continuations.get(i).length)));
        LoglikResult[] out = new LoglikResult[n];
        DecoderLM model = checkpoint.model();
        int maxLen = model.config().maxPositionEmbeddings();
        for (int start = 0, end; start < n; start = end) {
            int longest = Math.min(maxLen, contexts.get(order[start]).length + continuations.get(order[start]).length);
            end = Math.min(n, start + TokenBatch.rowsWithinBudget(longest, model.config().numHeads(), batchSize));
            List<long[]> inputs = new ArrayList<>();
            for (int k = start; k < end; k++) {
                long[] ctx = contexts.get(order[k]);
                long[] cont = continuations.get(order[k]);
                long[] all = new long[ctx.length + cont.length];
                System.arraycopy(ctx, 0, all, 0, ctx.length);
                System.arraycopy(cont, 0, all, ctx.length, cont.length);
                // keep the last maxLen+1 tokens, feed all but the last
                long[] window = Arrays.copyOfRange(all, Math.max(0, all.length - maxLen - 1), all.length);
                inputs.add(Arrays.copyOf(window, window.length - 1));
            }
            TokenBatch batch = TokenBatch.leftPadded(inputs, checkpoint.padId());
            int t = batch.length();
            // the continuation's token j is predicted at position t - len + j (rows end together)
            long[][] targets = new long[end - start][t];
            for (int k = start; k < end; k++) {
                long[] cont = continuations.get(order[k]);
                for (int j = 0; j < cont.length; j++) {
                    targets[k - start][t - cont.length + j] = cont[j];
                }
            }
            try (NDManager m = model.manager().newSubManager()) {
                NDArray logits = model.forward(m, batch, false, false).logits();            // [B, T, V]
                // only [B, T] values leave native memory: the target's log-prob and the argmax
                float[] picked = logits.logSoftmax(2).gather(TokenBatch.array(m, targets).expandDims(2), 2)
                        .squeeze(2).toFloatArray();                                                  // [B*T]
                long[] argmax = logits.argMax(2).toLongArray();                                     // [B*T]
                for (int k = start; k < end; k++) {
                    int row = k - start;
                    long[] cont = continuations.get(order[k]);
                    double sum = 0;
                    boolean greedy = true;
                    for (int j = 0; j < cont.length; j++) {
                        int at = row * t + t - cont.length + j;
                        sum += picked[at];
                        greedy &= argmax[at] == cont[j];
                    }
                    if (!Double.isFinite(sum)) {
                        throw new NonFiniteException("request " + (order[k] + 1) + ": log-likelihood " + sum
                                + " (the logits are not finite: non-finite weights, or an overflow in float16?)");
                    }
                    out[order[k]] = new LoglikResult(sum, greedy, cont.length);
                }
            }
        }
        return Arrays.asList(out);
    }

    @Override
    public List<String> generateUntil(List<GenerationRequest> requests) {
        TextTokenizer tok = checkpoint.tokenizer();
        Generator gen = new Generator(checkpoint);
        List<String> out = new ArrayList<>();
        // requests with equal settings are generated together
        for (GenerationRequest r : requests) {
            out.add(null);
        }
        java.util.Map<String, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            GenerationRequest r = requests.get(i);
            groups.computeIfAbsent(r.maxNewTokens() + "\u0000" + String.join("\u0000", r.until()), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> idx : groups.values()) {
            GenerationRequest first = requests.get(idx.get(0));
            GenerationConfig cfg = GenerationConfig.greedy(first.maxNewTokens()).withBatchSize(batchSize)
                    .withStopStrings(first.until());
            List<long[]> prompts = idx.stream().map(i -> tok.encode(requests.get(i).context())).toList();
            List<Generator.Generation> gens = gen.generate(prompts, cfg);
            for (int k = 0; k < idx.size(); k++) {
                out.set(idx.get(k), gens.get(k).text());
            }
        }
        return out;
    }

    @Override
    public String fingerprint() {
        return checkpoint.fingerprint();
    }
}
