package dev.seat.humaneval.stats;

/**
 * Cohen's κ for two raters: (p_o − p_e) / (1 − p_e) with p_o the share of units they agree on and
 * p_e = Σ_k p_A(k)·p_B(k) from each rater's own category shares (Cohen 1960). Only units both
 * rated count. NaN when there are none or p_e = 1 (both raters used one and the same category).
 */
public final class CohenKappa {
    private CohenKappa() {}

    /** κ from a {@code q × q} table: rows rater A's category, columns rater B's. */
    public static double fromTable(int[][] table) {
        int q = table.length;
        double n = 0, agree = 0;
        double[] rowSum = new double[q], colSum = new double[q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                n += table[i][j];
                rowSum[i] += table[i][j];
                colSum[j] += table[i][j];
            }
            agree += table[i][i];
        }
        if (n == 0) {
            return Double.NaN;
        }
        double po = agree / n;
        double pe = 0;
        for (int k = 0; k < q; k++) {
            pe += (rowSum[k] / n) * (colSum[k] / n);
        }
        return pe >= 1.0 ? Double.NaN : (po - pe) / (1 - pe);
    }

    /** κ between raters a and b of a matrix. */
    public static double compute(RatingMatrix m, int a, int b) {
        return fromTable(m.pairTable(a, b));
    }

    /** Number of units both raters rated. */
    public static int sharedUnits(RatingMatrix m, int a, int b) {
        int n = 0;
        for (int[] row : m.pairTable(a, b)) {
            n += RatingMatrix.sum(row);
        }
        return n;
    }
}
