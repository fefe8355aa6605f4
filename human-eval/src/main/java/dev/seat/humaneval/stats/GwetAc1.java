package dev.seat.humaneval.stats;

/**
 * Gwet's AC1 (Gwet 2008, "Computing inter-rater reliability and its variance in the presence of
 * high agreement"; multi-rater form with missing ratings as in Gwet's Handbook of Inter-Rater
 * Reliability): AC1 = (p_a − p_e) / (1 − p_e), with p_a the observed agreement of
 * {@link PercentAgreement} (units rated at least twice), π_k the mean over units rated at least
 * once of the share of the unit's ratings in category k, and p_e = Σ_k π_k(1 − π_k) / (q − 1).
 * Unlike κ it stays close to the observed agreement when nearly all ratings fall in one category.
 * NaN when no unit has two ratings.
 */
public final class GwetAc1 {
    private GwetAc1() {}

    public static double compute(RatingMatrix m) {
        return fromCounts(m.counts(), m.categories());
    }

    static double fromCounts(int[][] counts, int q) {
        double pa = PercentAgreement.fromCounts(counts);
        if (Double.isNaN(pa)) {
            return Double.NaN;
        }
        double[] pi = new double[q];
        int rated = 0;
        for (int[] row : counts) {
            int n = RatingMatrix.sum(row);
            if (n < 1) {
                continue;
            }
            rated++;
            for (int k = 0; k < q; k++) {
                pi[k] += (double) row[k] / n;
            }
        }
        double pe = 0;
        for (int k = 0; k < q; k++) {
            pi[k] /= rated;
            pe += pi[k] * (1 - pi[k]);
        }
        pe /= (q - 1);
        return (pa - pe) / (1 - pe);
    }

    /** AC1 of two raters from a {@code q × q} table (rows rater A, columns rater B). */
    public static double fromTable(int[][] table) {
        int q = table.length;
        int units = 0;
        for (int[] row : table) {
            units += RatingMatrix.sum(row);
        }
        int[][] values = new int[units][2];
        int u = 0;
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                for (int c = 0; c < table[i][j]; c++) {
                    values[u][0] = i;
                    values[u][1] = j;
                    u++;
                }
            }
        }
        return compute(new RatingMatrix(values, q));
    }
}
