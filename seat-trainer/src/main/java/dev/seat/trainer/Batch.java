package dev.seat.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.seat.harness.model.TokenBatch;
import java.util.List;

/**
 * Training examples as one right-padded batch for next-token prediction: position t sees
 * tokens 0..t and predicts token t+1; only answer tokens count.
 *
 * @param inputs [B, T] ids (the example without its last token)
 * @param targets [B, T] the next token at each position
 * @param lossMask [B, T] 1 where the target is an answer token
 * @param attention [B, T] 1 on real tokens
 * @param examples the B examples the rows were made from, in row order (objectives that look up
 *     per-example data, such as SEAT's perturbed copies, key on these instances)
 */
public record Batch(long[][] inputs, long[][] targets, float[][] lossMask, long[][] attention,
        List<TokenizedExample> examples) {

    public static Batch of(List<TokenizedExample> examples, long padId) {
        int b = examples.size();
        int t = examples.stream().mapToInt(e -> e.ids().length - 1).max().orElse(0);
        long[][] in = new long[b][t];
        long[][] tg = new long[b][t];
        float[][] lm = new float[b][t];
        long[][] att = new long[b][t];
        for (int i = 0; i < b; i++) {
            long[] ids = examples.get(i).ids();
            int prompt = examples.get(i).promptLength();
            for (int j = 0; j < t; j++) {
                boolean real = j < ids.length - 1;
                in[i][j] = real ? ids[j] : padId;
                tg[i][j] = real ? ids[j + 1] : padId;
                att[i][j] = real ? 1 : 0;
                lm[i][j] = real && j + 1 >= prompt ? 1f : 0f; // target j+1 is an answer token
            }
        }
        return new Batch(in, tg, lm, att, List.copyOf(examples));
    }

    public int tokens() {
        int n = 0;
        for (long[] row : attention) {
            for (long a : row) {
                n += (int) a;
            }
        }
        return n;
    }

    /** The inputs, attention mask and HF position ids, as one model input. */
    public TokenBatch modelInput() {
        return new TokenBatch(inputs, attention, TokenBatch.positionsFromMask(attention));
    }

    public NDArray targetArray(NDManager m) {
        return TokenBatch.array(m, targets);
    }

    public NDArray attentionArray(NDManager m) {
        return TokenBatch.array(m, attention);
    }

    public NDArray lossMaskArray(NDManager m) {
        int b = lossMask.length;
        int t = b == 0 ? 0 : lossMask[0].length;
        float[] flat = new float[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(lossMask[i], 0, flat, i * t, t);
        }
        return m.create(flat, new ai.djl.ndarray.types.Shape(b, t));
    }
}
