package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Sequences of different lengths as one left-padded batch, with the attention mask and HF's
 * position ids ({@code cumsum(mask) - 1}, padding set to 1).
 *
 * @param ids [B][T]
 * @param mask [B][T], 1 = real token
 * @param positions [B][T]
 */
public record TokenBatch(long[][] ids, long[][] mask, long[][] positions) {

    public static TokenBatch leftPadded(List<long[]> sequences, long padId) {
        int b = sequences.size();
        int t = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        long[][] ids = new long[b][t];
        long[][] mask = new long[b][t];
        for (int i = 0; i < b; i++) {
            long[] s = sequences.get(i);
            int pad = t - s.length;
            for (int j = 0; j < t; j++) {
                ids[i][j] = j < pad ? padId : s[j - pad];
                mask[i][j] = j < pad ? 0 : 1;
            }
        }
        return new TokenBatch(ids, mask, positionsFromMask(mask));
    }

    /** HF's {@code position_ids = cumsum(mask) - 1}, with padded positions set to 1. */
    public static long[][] positionsFromMask(long[][] mask) {
        long[][] pos = new long[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            pos[i] = new long[mask[i].length];
            long sum = 0;
            for (int j = 0; j < mask[i].length; j++) {
                sum += mask[i][j];
                pos[i][j] = mask[i][j] == 0 ? 1 : sum - 1;
            }
        }
        return pos;
    }

    /** Attention scores one batch may hold at once: 2^28 floats (1 GiB), whatever the batch size asked for. */
    static final long ATTENTION_BUDGET = 1L << 28;

    /**
     * How many sequences of up to {@code longest} tokens fit one batch: at most {@code maxRows},
     * and few enough that the [rows, heads, T, T] attention scores stay within the budget (long
     * prompts are then scored in smaller batches instead of exhausting memory).
     */
    public static int rowsWithinBudget(int longest, int heads, int maxRows) {
        long perRow = (long) heads * longest * longest;
        return (int) Math.max(1, Math.min(maxRows, ATTENTION_BUDGET / Math.max(1, perRow)));
    }

    public int size() {
        return ids.length;
    }

    public int length() {
        return ids.length == 0 ? 0 : ids[0].length;
    }

    /** Number of padding positions at the left of row {@code i}. */
    public int padding(int i) {
        int p = 0;
        while (p < mask[i].length && mask[i][p] == 0) {
            p++;
        }
        return p;
    }

    /** A [rows.length][cols] int64 array. */
    public static NDArray array(NDManager m, long[][] rows) {
        return m.create(flatten(rows), new Shape(rows.length, rows.length == 0 ? 0 : rows[0].length));
    }

    /** Equally long rows, one after the other. */
    static long[] flatten(long[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return flat;
    }
}
