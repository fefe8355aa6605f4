package dev.seat.harness.metrics;

import java.util.Collection;
import java.util.Locale;

/**
 * The mean of n values with its sample standard deviation and standard error: the one summary
 * every seat number is reported with (gate metrics, lm-eval tasks, experiment tables over seeds,
 * human-eval statistics).
 *
 * <ul>
 *   <li>{@code mean} = Σx / n;</li>
 *   <li>{@code stddev} = sqrt(Σ(x − mean)² / (n − 1)), the sample standard deviation;</li>
 *   <li>{@code stderr} = stddev / √n, lm-eval's {@code mean_stderr}.</li>
 * </ul>
 * The n &lt; 2 rule: with no values every field is NaN; with one value the mean is that value and
 * {@code stddev} and {@code stderr} are NaN (undefined, as lm-eval's "N/A"), never 0, so a single
 * seed or a single item never looks like a certain number.
 */
public record MeanStderr(double mean, double stddev, double stderr, int n) {

    public static MeanStderr of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new MeanStderr(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n < 2) {
            return new MeanStderr(mean, Double.NaN, Double.NaN, n);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double stddev = Math.sqrt(squares / (n - 1));
        return new MeanStderr(mean, stddev, stddev / Math.sqrt(n), n);
    }

    public static MeanStderr of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** {@code 0.8350 ± 0.0120 (n=200)}; an undefined stderr shows as {@code n/a}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f ± %s (n=%d)", mean,
                Double.isNaN(stderr) ? "n/a" : String.format(Locale.ROOT, "%.4f", stderr), n);
    }
}
