package dev.seat.harness.tasks;

/**
 * A benchmark task's aggregated metric as lm-eval reports it: the mean over documents and its
 * standard error ({@code NaN} when undefined, written as lm-eval's {@code "N/A"}). Unlike the
 * gate's {@link dev.seat.harness.metrics.MetricValue} it keeps no per-item values, since group
 * results pool their subtasks' aggregates.
 */
public record TaskMetric(double value, double stderr, int n) {}
