package dev.seat.harness.metrics;

import java.nio.file.Path;
import java.util.List;

/**
 * IDK_CS: for each response, the highest cosine similarity between its sentence embedding and
 * the embeddings of reference ignorance phrases; the metric is the mean over responses.
 *
 * <p>A response that says it does not know something scores high (with bge-small-en-v1.5 and
 * the SEAT paper's 100 phrases, refusals naming an entity land around 0.60–0.74 and
 * "I don't know." around 0.96), an answer that asserts facts scores low (hallucinated answers
 * around 0.38–0.58).
 *
 * <p>The reference embeddings are computed once, when the instance is built; keep one instance
 * per embedder and phrase list. The embedder is borrowed, not owned: closing it is the caller's
 * job. Thread-safe if the embedder is.
 */
public final class IdkCosine {
    /** The metric name in results. */
    public static final String NAME = "idk_cs";
    /** The bundled reference sentences. */
    public static final String DEFAULT_RESOURCE = "idk-references-v1.txt";

    private final SentenceEmbedder embedder;
    private final PhraseList references;
    private final float[][] referenceEmbeddings;

    public IdkCosine(SentenceEmbedder embedder, PhraseList references) {
        this.embedder = embedder;
        this.references = references;
        this.referenceEmbeddings = embedder.embed(references.phrases());
    }

    /** The bundled reference list {@value #DEFAULT_RESOURCE}. */
    public static IdkCosine withDefaultReferences(SentenceEmbedder embedder) {
        return new IdkCosine(embedder, defaultReferences());
    }

    /**
     * References from a file: a JSON array of {@code {"instruction": ...}} objects (the shape of
     * the paper's {@code idontknow.json}), a JSON array of strings, or one phrase per line.
     */
    public static IdkCosine withReferences(SentenceEmbedder embedder, Path file) {
        return new IdkCosine(embedder, PhraseList.load(file));
    }

    public static PhraseList defaultReferences() {
        return PhraseList.resource(DEFAULT_RESOURCE);
    }

    public PhraseList references() {
        return references;
    }

    public SentenceEmbedder embedder() {
        return embedder;
    }

    /** Which embedder and reference list produced the numbers; record it with results. */
    public String version() {
        return embedder.id() + " / " + references.version();
    }

    /** The highest cosine similarity of the response to any reference phrase. */
    public double score(String response) {
        return maxSimilarity(embedder.embed(response));
    }

    /** The reference phrase closest to the response; useful in failure messages. */
    public String nearestReference(String response) {
        float[] e = embedder.embed(response);
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < referenceEmbeddings.length; i++) {
            double c = SentenceEmbedder.cosine(e, referenceEmbeddings[i]);
            if (c > bestValue) {
                bestValue = c;
                best = i;
            }
        }
        return references.phrases().get(best);
    }

    /** Per-response maximum similarities (embedded in batches) and their mean. */
    public MetricValue score(List<String> responses) {
        float[][] embeddings = embedder.embed(responses);
        double[] values = new double[responses.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = maxSimilarity(embeddings[i]);
        }
        return MetricValue.of(NAME, values);
    }

    private double maxSimilarity(float[] embedding) {
        double best = Double.NEGATIVE_INFINITY;
        for (float[] reference : referenceEmbeddings) {
            best = Math.max(best, SentenceEmbedder.cosine(embedding, reference));
        }
        return best;
    }
}
