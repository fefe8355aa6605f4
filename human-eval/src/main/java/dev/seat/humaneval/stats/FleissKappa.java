package dev.seat.humaneval.stats;

/**
 * Fleiss' κ (Fleiss 1971) for any number of raters: κ = (P̄ − P_e) / (1 − P_e), where P̄ is the
 * mean per-unit agreement Σ_k n_k(n_k−1) / (m(m−1)) and P_e = Σ_k p_k² with p_k the share of all
 * ratings in category k. Units with fewer than two ratings are left out. With a varying number
 * of ratings per unit this is the usual extension (per-unit agreement with its own m, p_k over
 * all ratings of the units used); with a constant number it is Fleiss' original statistic.
 * NaN when no unit has two ratings or P_e = 1.
 */
public final class FleissKappa {
    private FleissKappa() {}

    /** κ from per-unit category counts ({@code units × q}). */
    public static double fromCounts(int[][] counts) {
        int q = counts.length == 0 ? 0 : counts[0].length;
        double[] perCategory = new double[q];
        double total = 0;
        int used = 0;
        for (int[] row : counts) {
            int n = RatingMatrix.sum(row);
            if (n < 2) {
                continue;
            }
            used++;
            for (int k = 0; k < q; k++) {
                perCategory[k] += row[k];
            }
            total += n;
        }
        if (used == 0) {
            return Double.NaN;
        }
        double pBar = PercentAgreement.fromCounts(counts);
        double pe = 0;
        for (double c : perCategory) {
            pe += (c / total) * (c / total);
        }
        return pe >= 1.0 ? Double.NaN : (pBar - pe) / (1 - pe);
    }

    public static double compute(RatingMatrix m) {
        return fromCounts(m.counts());
    }

    /** P_e of {@link #fromCounts} alone, for reports and tests. */
    public static double chanceAgreement(int[][] counts) {
        int q = counts[0].length;
        double[] perCategory = new double[q];
        double total = 0;
        for (int[] row : counts) {
            int n = RatingMatrix.sum(row);
            if (n < 2) {
                continue;
            }
            for (int k = 0; k < q; k++) {
                perCategory[k] += row[k];
            }
            total += n;
        }
        double pe = 0;
        for (double c : perCategory) {
            pe += (c / total) * (c / total);
        }
        return pe;
    }
}
