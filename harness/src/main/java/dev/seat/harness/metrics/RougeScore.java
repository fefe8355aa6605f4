package dev.seat.harness.metrics;

/**
 * One ROUGE score of a prediction against a reference, as {@code rouge_score}'s {@code Score}.
 *
 * @param matches the clipped unigram overlap (ROUGE-1) or the LCS length (ROUGE-L)
 * @param precision matches / number of prediction tokens (0 when there are none)
 * @param recall matches / number of reference tokens (0 when there are none)
 * @param fmeasure {@code 2PR/(P+R)}, or 0 when {@code P+R = 0}
 */
public record RougeScore(int matches, double precision, double recall, double fmeasure) {

    static final RougeScore ZERO = new RougeScore(0, 0.0, 0.0, 0.0);

    /** Builds the score from a match count and the two token counts, with rouge_score's formulas. */
    static RougeScore of(int matches, int predictionTokens, int referenceTokens) {
        double precision = matches / (double) Math.max(predictionTokens, 1);
        double recall = matches / (double) Math.max(referenceTokens, 1);
        double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        return new RougeScore(matches, precision, recall, f);
    }
}
