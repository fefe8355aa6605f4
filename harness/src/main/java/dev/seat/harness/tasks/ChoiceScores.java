package dev.seat.harness.tasks;

import java.util.List;

/**
 * Multiple-choice metrics from the summed log-likelihood of each choice, as lm-eval defines
 * them. Ties go to the first choice (numpy's {@code argmax}).
 */
public final class ChoiceScores {
    private ChoiceScores() {}

    /** Index of the largest log-likelihood. */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code acc}: 1 when the choice with the highest log-likelihood is the gold one. */
    public static double acc(double[] logliks, int gold) {
        return argmax(logliks) == gold ? 1.0 : 0.0;
    }

    /**
     * {@code acc_norm}: as {@link #acc} after dividing each log-likelihood by the character
     * length of its choice. The length is that of the choice text itself, without the target
     * delimiter (lm-eval measures {@code len(choice)}).
     */
    public static double accNorm(double[] logliks, List<String> choices, int gold) {
        double[] normed = new double[logliks.length];
        for (int i = 0; i < logliks.length; i++) {
            normed[i] = logliks[i] / choices.get(i).length();
        }
        return argmax(normed) == gold ? 1.0 : 0.0;
    }

    /**
     * TruthfulQA MC2: the probability mass on the true answers, normalised over all answers:
     * {@code sum(exp(ll_true)) / sum(exp(ll_all))}. As in lm-eval, the true answers are those
     * before the first label 0: TruthfulQA lists true answers first, except in two v1
     * questions (164 and 607) where a true answer follows a false one and, like lm-eval, is
     * counted as false here.
     */
    public static double mc2(double[] logliks, List<Integer> labels) {
        int split = labels.indexOf(0);
        if (split < 0) {
            throw new IllegalArgumentException("MC2 needs at least one false answer (label 0), got labels " + labels);
        }
        // subtract the maximum before exponentiating: the ratio is unchanged and nothing underflows to 0/0
        double max = Double.NEGATIVE_INFINITY;
        for (double ll : logliks) {
            max = Math.max(max, ll);
        }
        double all = 0;
        double truthful = 0;
        for (int i = 0; i < logliks.length; i++) {
            double p = Math.exp(logliks[i] - max);
            all += p;
            if (i < split) {
                truthful += p;
            }
        }
        return truthful / all;
    }
}
