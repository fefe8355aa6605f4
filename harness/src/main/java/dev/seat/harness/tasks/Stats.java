package dev.seat.harness.tasks;

import dev.seat.harness.metrics.MeanStderr;
import java.util.List;

/** The aggregation statistics of lm-eval: mean and standard error ({@link MeanStderr}), and group pooling. */
public final class Stats {
    private Stats() {}

    public static double mean(List<Double> xs) {
        return MeanStderr.of(xs).mean();
    }

    /** lm-eval's {@code mean_stderr}: {@link MeanStderr#stderr()} (NaN for fewer than two values; lm-eval's "N/A"). */
    public static double meanStderr(List<Double> xs) {
        return MeanStderr.of(xs).stderr();
    }

    /** Mean of subtask means weighted by subtask size (lm-eval's {@code weight_by_size}). */
    public static double weightedMean(List<Double> means, List<Integer> sizes) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < means.size(); i++) {
            sum += means.get(i) * sizes.get(i);
            n += sizes.get(i);
        }
        return sum / n;
    }

    /**
     * lm-eval's {@code pooled_sample_stderr} for a size-weighted group:
     * {@code sqrt( sum((n_i − 1) · se_i² · n_i) / (N − k) / N )} with N the total size and k
     * the number of subtasks.
     */
    public static double pooledStderr(List<Double> stderrs, List<Integer> sizes) {
        double numerator = 0;
        long total = 0;
        for (int i = 0; i < stderrs.size(); i++) {
            int n = sizes.get(i);
            double se = stderrs.get(i);
            numerator += (n - 1) * se * se * n;
            total += n;
        }
        return Math.sqrt(numerator / (total - stderrs.size()) / total);
    }
}
