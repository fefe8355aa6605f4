package dev.seat.humaneval.stats;

import java.util.Collection;

/**
 * Mean of n values with its standard error, sample standard deviation (n − 1 denominator) / √n.
 * The mean is NaN for n = 0 and the standard error NaN for n &lt; 2.
 */
public record MeanStderr(double mean, double stderr, int n) {

    public static MeanStderr of(Collection<? extends Number> values) {
        int n = values.size();
        if (n == 0) {
            return new MeanStderr(Double.NaN, Double.NaN, 0);
        }
        double sum = 0;
        for (Number v : values) {
            sum += v.doubleValue();
        }
        double mean = sum / n;
        if (n < 2) {
            return new MeanStderr(mean, Double.NaN, n);
        }
        double ss = 0;
        for (Number v : values) {
            double d = v.doubleValue() - mean;
            ss += d * d;
        }
        return new MeanStderr(mean, Math.sqrt(ss / (n - 1)) / Math.sqrt(n), n);
    }
}
