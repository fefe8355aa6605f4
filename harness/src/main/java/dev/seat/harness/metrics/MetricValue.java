package dev.seat.harness.metrics;

import java.util.Arrays;

/**
 * The aggregate of a per-item metric over n items, as every seat metric reports it.
 *
 * <ul>
 *   <li>{@code mean}: the arithmetic mean of the item values ({@code NaN} when n = 0);</li>
 *   <li>{@code stderr}: the standard error of that mean, sample standard deviation (n − 1 in the
 *       denominator) divided by √n; 0 when n &lt; 2;</li>
 *   <li>{@code values}: the item values in input order (a copy; never modified).</li>
 * </ul>
 */
public record MetricValue(String name, double mean, double stderr, int n, double[] values) {

    public MetricValue {
        values = values.clone();
    }

    /** Aggregates the given per-item values. */
    public static MetricValue of(String name, double[] values) {
        int n = values.length;
        if (n == 0) {
            return new MetricValue(name, Double.NaN, 0.0, 0, values);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        double stderr = 0.0;
        if (n >= 2) {
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            stderr = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        }
        return new MetricValue(name, mean, stderr, n, values);
    }

    /** The item values (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The value of item {@code i}. */
    public double value(int i) {
        return values[i];
    }

    /** The same numbers under another name. */
    public MetricValue named(String newName) {
        return new MetricValue(newName, mean, stderr, n, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricValue other
                && name.equals(other.name)
                && Double.compare(mean, other.mean) == 0
                && Double.compare(stderr, other.stderr) == 0
                && n == other.n
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s = %.4f ± %.4f (n=%d)", name, mean, stderr, n);
    }
}
