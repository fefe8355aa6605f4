package dev.seat.humaneval.report;

import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.stats.CohenKappa;
import dev.seat.humaneval.stats.FleissKappa;
import dev.seat.humaneval.stats.GwetAc1;
import dev.seat.humaneval.stats.KrippendorffAlpha;
import dev.seat.humaneval.stats.PercentAgreement;
import dev.seat.humaneval.stats.RatingMatrix;
import dev.seat.humaneval.store.StoredLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * Inter-annotator agreement on one criterion over a set of items (yes = 1, no = 0, an empty or
 * absent label is missing).
 *
 * @param criterion the criterion
 * @param items items in the set
 * @param itemsRatedTwice items with at least two labels (the ones agreement is measured on)
 * @param percent observed agreement ({@link PercentAgreement})
 * @param fleissKappa Fleiss' κ
 * @param krippendorffAlpha Krippendorff's α, nominal
 * @param gwetAc1 Gwet's AC1
 * @param pairs Cohen's κ of every annotator pair with shared items
 * @param meanCohenKappa mean of the defined pair κ values, NaN when none
 */
public record AgreementSummary(
        Criterion criterion, int items, int itemsRatedTwice, double percent, double fleissKappa,
        double krippendorffAlpha, double gwetAc1, List<PairKappa> pairs, double meanCohenKappa) {

    /** Cohen's κ of two annotators over the n items both labelled. */
    public record PairKappa(String a, String b, int n, double kappa) {}

    public static AgreementSummary of(Criterion c, List<ItemJudgement> items, List<String> annotators) {
        int[][] values = new int[items.size()][annotators.size()];
        int twice = 0;
        for (int u = 0; u < items.size(); u++) {
            int rated = 0;
            for (int r = 0; r < annotators.size(); r++) {
                StoredLabel l = items.get(u).labels().get(annotators.get(r));
                Boolean v = l == null ? null : l.value(c);
                values[u][r] = v == null ? RatingMatrix.MISSING : v ? 1 : 0;
                rated += v == null ? 0 : 1;
            }
            twice += rated >= 2 ? 1 : 0;
        }
        RatingMatrix m = new RatingMatrix(values, 2);
        List<PairKappa> pairs = new ArrayList<>();
        double sum = 0;
        int defined = 0;
        for (int a = 0; a < annotators.size(); a++) {
            for (int b = a + 1; b < annotators.size(); b++) {
                int n = CohenKappa.sharedUnits(m, a, b);
                if (n == 0) {
                    continue;
                }
                double k = CohenKappa.compute(m, a, b);
                pairs.add(new PairKappa(annotators.get(a), annotators.get(b), n, k));
                if (!Double.isNaN(k)) {
                    sum += k;
                    defined++;
                }
            }
        }
        return new AgreementSummary(c, items.size(), twice, PercentAgreement.compute(m), FleissKappa.compute(m),
                KrippendorffAlpha.nominal(m), GwetAc1.compute(m), pairs, defined == 0 ? Double.NaN : sum / defined);
    }
}
