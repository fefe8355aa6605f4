package dev.seat.humaneval.stats;

/**
 * Krippendorff's α for nominal data with missing values (Krippendorff, "Computing Krippendorff's
 * alpha-reliability", 2011): units with at least two values are pairable; each contributes
 * 1/(m_u − 1) per ordered pair of its values to the coincidence matrix o_ck; with n_c = Σ_k o_ck
 * and n = Σ_c n_c, α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k. NaN when fewer than two
 * pairable values or only one category occurs.
 */
public final class KrippendorffAlpha {
    private KrippendorffAlpha() {}

    public static double nominal(RatingMatrix m) {
        int q = m.categories();
        double[][] o = new double[q][q];
        for (int[] c : m.counts()) {
            int mu = RatingMatrix.sum(c);
            if (mu < 2) {
                continue;
            }
            for (int a = 0; a < q; a++) {
                for (int b = 0; b < q; b++) {
                    double pairs = a == b ? (double) c[a] * (c[a] - 1) : (double) c[a] * c[b];
                    o[a][b] += pairs / (mu - 1);
                }
            }
        }
        double[] nc = new double[q];
        double n = 0, disagreeObserved = 0;
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                nc[a] += o[a][b];
                if (a != b) {
                    disagreeObserved += o[a][b];
                }
            }
            n += nc[a];
        }
        double disagreeExpected = 0;
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                if (a != b) {
                    disagreeExpected += nc[a] * nc[b];
                }
            }
        }
        if (n < 2 || disagreeExpected == 0) {
            return Double.NaN;
        }
        return 1 - (n - 1) * disagreeObserved / disagreeExpected;
    }
}
