package dev.seat.harness.tasks;

/**
 * An aggregated metric: the mean over documents and its standard error ({@code NaN} when
 * undefined, written as lm-eval's {@code "N/A"}).
 */
public record MetricValue(double value, double stderr, int n) {}
