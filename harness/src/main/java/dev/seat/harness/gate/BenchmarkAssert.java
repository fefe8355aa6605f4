package dev.seat.harness.gate;

import dev.seat.harness.eval.BenchmarkResult;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link BenchmarkResult}: pick a metric, then assert on it with
 * {@link BenchmarkMetricAssert} ({@code isAtLeast}, {@code isNotWorseThan}, ...).
 *
 * <pre>{@code
 * assertThat(result).acc().isNotWorseThan(baseline, 0.02);
 * assertThat(result).accNorm().isAtLeast(0.25);
 * assertThat(result).metric("exact_match", "strict-match").isNotWorseThan(baseline, 0.02);
 * assertThat(result).mainMetric().isNotWorseThan(baseline, 0.02);
 * }</pre>
 *
 * Asking for a metric the benchmark does not report fails the check, naming the metrics it reports.
 */
public final class BenchmarkAssert extends AbstractAssert<BenchmarkAssert, BenchmarkResult> {

    BenchmarkAssert(BenchmarkResult actual) {
        super(actual, BenchmarkAssert.class);
    }

    /** {@code acc}: share of documents whose gold choice has the highest log-likelihood. */
    public BenchmarkMetricAssert acc() {
        return metric("acc", "none");
    }

    /** {@code acc_norm}: like {@code acc}, log-likelihood divided by the choice's length in characters. */
    public BenchmarkMetricAssert accNorm() {
        return metric("acc_norm", "none");
    }

    /** A metric under the first filter ({@code none} for multiple choice). */
    public BenchmarkMetricAssert metric(String metric) {
        isNotNull();
        return metric(metric, actual.mainFilter());
    }

    /** A metric under a filter, e.g. {@code metric("exact_match", "strict-match")} for gsm8k. */
    public BenchmarkMetricAssert metric(String metric, String filter) {
        isNotNull();
        if (!actual.metrics().getOrDefault(filter, java.util.Map.of()).containsKey(metric)) {
            failWithMessage("%s", "benchmark " + actual.name() + " has no metric " + BenchmarkResult.label(metric, filter)
                    + "; it reports " + String.join(", ", actual.labels()));
        }
        BenchmarkMetricAssert a = new BenchmarkMetricAssert(actual, metric, filter);
        return info.hasDescription() ? a.as(info.description()) : a;
    }

    /** The metric lm-eval lists first for the benchmark ({@link BenchmarkResult#mainMetric()}). */
    public BenchmarkMetricAssert mainMetric() {
        isNotNull();
        return metric(actual.mainMetric(), actual.mainFilter());
    }
}
