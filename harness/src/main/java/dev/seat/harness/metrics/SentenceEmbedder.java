package dev.seat.harness.metrics;

import java.util.List;

/**
 * Turns sentences into unit-length vectors, so that the dot product of two embeddings is their
 * cosine similarity. Implementations hold native resources: load once, reuse, close.
 */
public interface SentenceEmbedder extends AutoCloseable {

    /**
     * What produced the vectors (model, pooling, maximum length and a digest of the model files),
     * e.g. {@code bge-small-en-v1.5 cls max_length=512 digest=0123456789abcdef}; record it with
     * results. Two embedders that can give different vectors never share an id, so embeddings may
     * be cached under it.
     */
    String id();

    /** Length of every embedding. */
    int dimension();

    /**
     * One L2-normalised embedding per text, in input order. Long texts are truncated to the
     * model's maximum length; batching is an implementation detail and does not change results
     * beyond float rounding.
     */
    float[][] embed(List<String> texts);

    /** The embedding of one text. */
    default float[] embed(String text) {
        return embed(List.of(text))[0];
    }

    /** Cosine similarity of two L2-normalised embeddings (their dot product). */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Embeddings differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    /** Releases native resources; the embedder cannot be used afterwards. */
    @Override
    void close();
}
