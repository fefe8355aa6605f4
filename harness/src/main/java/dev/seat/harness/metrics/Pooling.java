package dev.seat.harness.metrics;

import java.util.Locale;

/** How token vectors of a transformer's last hidden state become one sentence vector. */
public enum Pooling {
    /** The vector of the first token ([CLS]); what bge models are trained with. */
    CLS,
    /** The mean of the token vectors under the attention mask (sentence-transformers' MiniLM). */
    MEAN;

    /** Parses {@code cls} or {@code mean} (any case). */
    public static Pooling parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "cls" -> CLS;
            case "mean" -> MEAN;
            default -> throw new IllegalArgumentException(
                    "Unknown pooling '" + text + "': expected cls or mean");
        };
    }

    /**
     * Pools {@code hidden[t * dim + d]} (one sequence, {@code length} positions, of which the
     * first {@code realTokens} are real) into {@code out} of length {@code dim}.
     */
    void pool(float[] hidden, int offset, int dim, int realTokens, float[] out) {
        switch (this) {
            case CLS -> System.arraycopy(hidden, offset, out, 0, dim);
            case MEAN -> {
                double[] sum = new double[dim];
                for (int t = 0; t < realTokens; t++) {
                    int base = offset + t * dim;
                    for (int d = 0; d < dim; d++) {
                        sum[d] += hidden[base + d];
                    }
                }
                for (int d = 0; d < dim; d++) {
                    out[d] = (float) (sum[d] / Math.max(realTokens, 1));
                }
            }
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
