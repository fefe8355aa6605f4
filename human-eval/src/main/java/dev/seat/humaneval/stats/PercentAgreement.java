package dev.seat.humaneval.stats;

/**
 * Observed agreement: over units rated at least twice, the share of agreeing ordered rater pairs
 * within the unit, Σ_k n_k(n_k−1) / (m(m−1)), averaged over those units. With two raters this is
 * the share of units they agree on. NaN when no unit has two ratings.
 */
public final class PercentAgreement {
    private PercentAgreement() {}

    public static double compute(RatingMatrix m) {
        return fromCounts(m.counts());
    }

    static double fromCounts(int[][] counts) {
        double sum = 0;
        int units = 0;
        for (int[] row : counts) {
            int n = RatingMatrix.sum(row);
            if (n < 2) {
                continue;
            }
            double agree = 0;
            for (int k : row) {
                agree += (double) k * (k - 1);
            }
            sum += agree / ((double) n * (n - 1));
            units++;
        }
        return units == 0 ? Double.NaN : sum / units;
    }
}
