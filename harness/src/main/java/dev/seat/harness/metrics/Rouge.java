package dev.seat.harness.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-1 and ROUGE-L with the semantics of Google's {@code rouge_score}
 * ({@code RougeScorer(["rouge1", "rougeL"], use_stemmer=True).score(target, prediction)}),
 * the implementation the SEAT paper's FT score uses.
 *
 * <p>The <b>reference comes first</b> in every method, as {@code target} does in rouge_score.
 * Both texts go through {@link RougeTokenizer}. ROUGE-1 counts the clipped unigram overlap
 * (a token counts at most as often as it occurs on both sides); ROUGE-L uses the length of the
 * longest common subsequence and is all zeros when either side has no tokens. Precision divides
 * by the prediction's token count, recall by the reference's.
 *
 * <p>Thread-safe.
 */
public final class Rouge {
    /** The per-item metric names used in result files. */
    public static final String ROUGE1_RECALL = "rouge1_recall";
    public static final String ROUGEL_RECALL = "rougeL_recall";
    /** The FT score of the paper: mean ROUGE-1 recall against the fine-tuning answers. */
    public static final String FT_SCORE = "ft_score";

    private final RougeTokenizer tokenizer;

    /** rouge_score with {@code use_stemmer=True}. */
    public Rouge() {
        this(new RougeTokenizer());
    }

    public Rouge(RougeTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public RougeTokenizer tokenizer() {
        return tokenizer;
    }

    /** Both scores of one pair. */
    public record Scores(RougeScore rouge1, RougeScore rougeL) {}

    public Scores score(String reference, String prediction) {
        List<String> ref = tokenizer.tokenize(reference);
        List<String> pred = tokenizer.tokenize(prediction);
        return new Scores(rouge1(ref, pred), rougeL(ref, pred));
    }

    public RougeScore rouge1(String reference, String prediction) {
        return rouge1(tokenizer.tokenize(reference), tokenizer.tokenize(prediction));
    }

    public RougeScore rougeL(String reference, String prediction) {
        return rougeL(tokenizer.tokenize(reference), tokenizer.tokenize(prediction));
    }

    /** ROUGE-1 of already tokenized texts: clipped unigram overlap. */
    public static RougeScore rouge1(List<String> referenceTokens, List<String> predictionTokens) {
        Map<String, Integer> refCounts = new HashMap<>();
        for (String t : referenceTokens) {
            refCounts.merge(t, 1, Integer::sum);
        }
        Map<String, Integer> predCounts = new HashMap<>();
        for (String t : predictionTokens) {
            predCounts.merge(t, 1, Integer::sum);
        }
        int overlap = 0;
        for (Map.Entry<String, Integer> e : predCounts.entrySet()) {
            overlap += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
        }
        return RougeScore.of(overlap, predictionTokens.size(), referenceTokens.size());
    }

    /** ROUGE-L of already tokenized texts: longest common subsequence; zeros if either is empty. */
    public static RougeScore rougeL(List<String> referenceTokens, List<String> predictionTokens) {
        if (referenceTokens.isEmpty() || predictionTokens.isEmpty()) {
            return RougeScore.ZERO;
        }
        int lcs = lcsLength(referenceTokens, predictionTokens);
        return RougeScore.of(lcs, predictionTokens.size(), referenceTokens.size());
    }

    static int lcsLength(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            String ai = a.get(i - 1);
            for (int j = 1; j <= b.size(); j++) {
                current[j] = ai.equals(b.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    /**
     * Per-item ROUGE-1 recall of {@code predictions[i]} against {@code references[i]}, aggregated.
     *
     * @throws IllegalArgumentException if the lists differ in length
     */
    public MetricValue rouge1Recall(List<String> references, List<String> predictions) {
        requireSameSize(references, predictions);
        double[] values = new double[references.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rouge1(references.get(i), predictions.get(i)).recall();
        }
        return MetricValue.of(ROUGE1_RECALL, values);
    }

    /** Per-item ROUGE-L recall, aggregated (see {@link #rouge1Recall}). */
    public MetricValue rougeLRecall(List<String> references, List<String> predictions) {
        requireSameSize(references, predictions);
        double[] values = new double[references.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rougeL(references.get(i), predictions.get(i)).recall();
        }
        return MetricValue.of(ROUGEL_RECALL, values);
    }

    /**
     * The paper's FT score: mean ROUGE-1 recall of the (greedy) answers against the fine-tuning
     * answers. The same numbers as {@link #rouge1Recall}, named {@value #FT_SCORE}.
     */
    public MetricValue ftScore(List<String> fineTuningAnswers, List<String> predictions) {
        return rouge1Recall(fineTuningAnswers, predictions).named(FT_SCORE);
    }

    private static void requireSameSize(List<String> references, List<String> predictions) {
        if (references.size() != predictions.size()) {
            throw new IllegalArgumentException("ROUGE needs one reference per prediction: got "
                    + references.size() + " references and " + predictions.size() + " predictions");
        }
    }
}
