package dev.seat.trainer.kl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.seat.harness.Progress;
import dev.seat.harness.model.DecoderLM;
import dev.seat.trainer.Batch;
import dev.seat.trainer.ProgressReporter;
import dev.seat.trainer.TokenizedExample;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base model's next-token distributions on the KL inputs, computed once before training so
 * that no second model is needed while training.
 *
 * <p>Per input of n tokens, the n-1 positions of its {@link Batch} row are stored (Java heap):
 * <ul>
 *   <li>exact ({@code k = V}): log p_base over the whole vocabulary, [n-1, V];</li>
 *   <li>top-k ({@code k < V}): the k most likely token ids and their log-probabilities, [n-1, k];
 *       the rest of the mass, {@code 1 - Σ p}, is implied.</li>
 * </ul>
 * Memory is {@code Σ(n-1) · k · 4} bytes (plus as much again for top-k ids).
 */
public final class BaseDistributions {
    private record Entry(float[] logp, int[] ids, int positions) {}

    private static final String WHAT = "KL base distributions";

    private final Map<TokenizedExample, Entry> entries = new IdentityHashMap<>();
    private final int k;
    private final int vocab;

    private BaseDistributions(int k, int vocab) {
        this.k = k;
        this.vocab = vocab;
    }

    /**
     * Runs the base model over {@code inputs} in batches of {@code batchSize}, showing inputs
     * done, rate and ETA on {@code progress}.
     *
     * @param topK keep this many tokens per position; {@code >= V} (or 0) stores the exact distribution
     */
    public static BaseDistributions compute(DecoderLM base, List<TokenizedExample> inputs, long padId, int topK,
            int batchSize, ProgressReporter progress) {
        int vocab = base.config().vocabSize();
        int k = topK <= 0 || topK >= vocab ? vocab : topK;
        BaseDistributions d = new BaseDistributions(k, vocab);
        Progress shown = progress.counter(WHAT, inputs.size(), "inputs");
        for (int s = 0; s < inputs.size(); s += batchSize) {
            List<TokenizedExample> chunk = inputs.subList(s, Math.min(inputs.size(), s + batchSize));
            Batch b = Batch.of(chunk, padId);
            try (NDManager m = base.manager().newSubManager()) {
                NDArray logits = base.forward(m, b.modelInput(), false, false).logits();                                                   // [B, T, V]
                NDArray logp = logits.logSoftmax(2);
                NDArray values;
                NDArray ids = null;
                if (k == vocab) {
                    values = logp;
                } else {
                    NDList top = logp.topK(k, 2, true, true);                             // values, indices [B, T, k]
                    values = top.get(0);
                    ids = top.get(1).toType(DataType.INT32, false);
                }
                int t = (int) logits.getShape().get(1);
                float[] flat = values.toFloatArray();
                int[] flatIds = ids == null ? null : ids.toIntArray();
                for (int i = 0; i < chunk.size(); i++) {
                    int n = chunk.get(i).ids().length - 1;
                    float[] lp = new float[n * k];
                    System.arraycopy(flat, i * t * k, lp, 0, n * k);
                    int[] id = null;
                    if (flatIds != null) {
                        id = new int[n * k];
                        System.arraycopy(flatIds, i * t * k, id, 0, n * k);
                    }
                    d.entries.put(chunk.get(i), new Entry(lp, id, n));
                }
            }
            shown.advance(chunk.size());
        }
        shown.done();
        return d;
    }

    /** Whether the full distribution is stored (else top-k plus the remaining mass). */
    public boolean exact() {
        return k == vocab;
    }

    public int k() {
        return k;
    }

    /** Heap bytes of the cache. */
    public long bytes() {
        long n = 0;
        for (Entry e : entries.values()) {
            n += 4L * e.logp.length + (e.ids == null ? 0 : 4L * e.ids.length);
        }
        return n;
    }

    /**
     * The cached log-probabilities of {@code inputs} as a right-padded batch (padding rows are 0).
     *
     * @param steps T, the width of the inputs' {@link Batch}
     * @return {@code [B, T, k]} float32 log p, and for top-k also {@code [B, T, k]} int64 token ids
     */
    public NDList batch(List<TokenizedExample> inputs, int steps, NDManager m) {
        int b = inputs.size();
        float[] lp = new float[b * steps * k];
        long[] ids = exact() ? null : new long[b * steps * k];
        for (int i = 0; i < b; i++) {
            Entry e = entries.get(inputs.get(i));
            if (e == null) {
                throw new IllegalArgumentException("No cached base distribution for a KL input");
            }
            System.arraycopy(e.logp, 0, lp, i * steps * k, e.positions * k);
            if (ids != null) {
                for (int j = 0; j < e.positions * k; j++) {
                    ids[i * steps * k + j] = e.ids[j];
                }
            }
        }
        Shape shape = new Shape(b, steps, k);
        NDList out = new NDList(m.create(lp, shape));
        if (ids != null) {
            out.add(m.create(ids, shape));
        }
        return out;
    }
}
