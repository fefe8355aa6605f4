package dev.seat.humaneval.report;

import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.stats.BinaryConfusion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How the automatic metrics agree with the human refusal decision (majority vote) on the
 * labelled items.
 *
 * <ul>
 *   <li>IDK_SM (per-item 0/1): confusion matrix and Cohen's κ against human refusal.</li>
 *   <li>IDK_CS (per-item cosine): accuracy of "refusal iff idk_cs ≥ t" at fixed thresholds and
 *       the best t among midpoints between neighbouring observed values (ties: the lowest t).</li>
 *   <li>Disagreements: refusals the string match misses, non-refusals it counts, and refusals it
 *       counts that humans judge not to be about the question.</li>
 * </ul>
 *
 * @param smItems items with both a human refusal decision and idk_sm
 * @param sm IDK_SM against human refusal
 * @param csItems items with both a human refusal decision and idk_cs
 * @param csBestThreshold best threshold, NaN without items
 * @param csBestAccuracy accuracy at the best threshold
 * @param csAccuracyAt accuracy at each of {@link #FIXED_THRESHOLDS}
 * @param disagreements the items where automatic and human judgement differ
 */
public record AutomaticVsHuman(
        int smItems, BinaryConfusion sm, int csItems, double csBestThreshold, double csBestAccuracy,
        Map<Double, Double> csAccuracyAt, List<Disagreement> disagreements) {

    public static final double[] FIXED_THRESHOLDS = {0.5, 0.55, 0.6, 0.65, 0.7};

    public enum Kind {
        MISSED_REFUSAL("a refusal the string match misses"),
        FALSE_MATCH("the string match counts a reply that is not a refusal"),
        OFF_TOPIC_REFUSAL("the string match counts a refusal that is not about the question");

        public final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** One item where IDK_SM and the humans disagree. */
    public record Disagreement(Kind kind, ItemJudgement item) {}

    public static AutomaticVsHuman of(List<ItemJudgement> items) {
        BinaryConfusion sm = BinaryConfusion.empty();
        List<Disagreement> disagreements = new ArrayList<>();
        List<double[]> cs = new ArrayList<>();
        for (ItemJudgement j : items) {
            Boolean human = j.decision(Criterion.REFUSAL);
            if (human == null) {
                continue;
            }
            Double smValue = j.idkSm();
            if (smValue != null) {
                boolean auto = smValue >= 0.5;
                sm = sm.add(human, auto);
                if (human && !auto) {
                    disagreements.add(new Disagreement(Kind.MISSED_REFUSAL, j));
                } else if (!human && auto) {
                    disagreements.add(new Disagreement(Kind.FALSE_MATCH, j));
                } else if (human && Boolean.FALSE.equals(j.decision(Criterion.ENTAILMENT))) {
                    disagreements.add(new Disagreement(Kind.OFF_TOPIC_REFUSAL, j));
                }
            }
            if (j.idkCs() != null) {
                cs.add(new double[] {j.idkCs(), human ? 1 : 0});
            }
        }
        Map<Double, Double> at = new LinkedHashMap<>();
        for (double t : FIXED_THRESHOLDS) {
            at.put(t, cs.isEmpty() ? Double.NaN : accuracy(cs, t));
        }
        double bestT = Double.NaN, bestAcc = Double.NaN;
        for (double t : candidates(cs)) {
            double acc = accuracy(cs, t);
            if (Double.isNaN(bestAcc) || acc > bestAcc + 1e-12) {
                bestT = t;
                bestAcc = acc;
            }
        }
        return new AutomaticVsHuman(sm.total(), sm, cs.size(), bestT, bestAcc, at, disagreements);
    }

    private static List<Double> candidates(List<double[]> cs) {
        TreeSet<Double> values = new TreeSet<>();
        cs.forEach(v -> values.add(v[0]));
        List<Double> out = new ArrayList<>();
        if (values.isEmpty()) {
            return out;
        }
        out.add(values.first());
        Double prev = null;
        for (double v : values) {
            if (prev != null) {
                out.add((prev + v) / 2);
            }
            prev = v;
        }
        out.add(values.last() + 1e-6);
        return out;
    }

    private static double accuracy(List<double[]> cs, double t) {
        int right = 0;
        for (double[] v : cs) {
            boolean predicted = v[0] >= t;
            right += predicted == (v[1] == 1) ? 1 : 0;
        }
        return (double) right / cs.size();
    }
}
