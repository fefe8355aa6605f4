package dev.seat.harness.metrics;

import java.util.Arrays;

/**
 * The aggregate of a per-item metric over n items, as every seat metric reports it: the item
 * values in input order (a copy; never modified) and their {@link MeanStderr} summary (mean, and
 * its standard error with {@link MeanStderr}'s n &lt; 2 rule: NaN, not 0).
 */
public record MetricValue(String name, double mean, double stderr, int n, double[] values) {

    public MetricValue {
        values = values.clone();
    }

    /** Aggregates the given per-item values. */
    public static MetricValue of(String name, double[] values) {
        MeanStderr s = MeanStderr.of(values);
        return new MetricValue(name, s.mean(), s.stderr(), s.n(), values);
    }

    /** Mean, standard deviation and standard error of the item values. */
    public MeanStderr summary() {
        return MeanStderr.of(values);
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
        return name + " = " + summary();
    }
}
