package dev.seat.harness.gate;

import dev.seat.harness.metrics.MetricValue;
import java.util.Locale;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an aggregate metric (higher is better for every seat metric asserted here). When
 * the value was computed from {@link Responses}, failure messages list the five worst answers;
 * {@link #isNotWorseThan(Baseline, double)} computes the same metric on the baseline's answers.
 */
public final class MetricAssert extends AbstractAssert<MetricAssert, MetricValue> {
    private static final int EXAMPLES = 5;

    private final Responses responses;
    private final Function<Responses, MetricValue> metric;

    MetricAssert(MetricValue actual, Responses responses, Function<Responses, MetricValue> metric) {
        super(actual, MetricAssert.class);
        this.responses = responses;
        this.metric = metric;
    }

    /** Passes when the mean is at least {@code threshold}. */
    public MetricAssert isAtLeast(double threshold) {
        isNotNull();
        record(Measurement.AT_LEAST, threshold, null, actual.mean() >= threshold);
        if (!(actual.mean() >= threshold)) {
            fail(headline() + ", expected at least " + num(threshold), Examples.worst(responses, actual, EXAMPLES));
        }
        return this;
    }

    /** Passes when the mean is at most {@code threshold}. */
    public MetricAssert isAtMost(double threshold) {
        isNotNull();
        record(Measurement.AT_MOST, threshold, null, actual.mean() <= threshold);
        if (!(actual.mean() <= threshold)) {
            fail(headline() + ", expected at most " + num(threshold), Examples.best(responses, actual, EXAMPLES));
        }
        return this;
    }

    /**
     * Passes when the mean is at most {@code maxDrop} below the same metric measured on the
     * baseline's answers to the same questions.
     */
    public MetricAssert isNotWorseThan(Baseline baseline, double maxDrop) {
        isNotNull();
        if (metric == null) {
            throw new IllegalStateException("isNotWorseThan(Baseline, ...) needs a metric of Responses, e.g. "
                    + "assertThat(responses).rouge1Recall().isNotWorseThan(baseline, 0.1)");
        }
        Responses base = baseline.responses();
        MetricValue baseValue = metric.apply(base);
        return compare(baseValue, "baseline " + base.checkpointName(), maxDrop, base);
    }

    /** Passes when the mean is at most {@code maxDrop} below {@code baseline}'s mean. */
    public MetricAssert isNotWorseThan(MetricValue baseline, double maxDrop) {
        isNotNull();
        return compare(baseline, "baseline", maxDrop, null);
    }

    private MetricAssert compare(MetricValue base, String baseName, double maxDrop, Responses baseResponses) {
        double drop = base.mean() - actual.mean();
        record(Measurement.DROP_AT_MOST, maxDrop, base.mean(), drop <= maxDrop);
        if (!(drop <= maxDrop)) {
            String head = String.format(Locale.ROOT, "%s dropped from %s ± %s (%s, n=%d) to %s ± %s (%s, n=%d): "
                            + "drop %s exceeds the allowed %s",
                    actual.name() + where(), num(base.mean()), num(base.stderr()), baseName, base.n(),
                    num(actual.mean()), num(actual.stderr()), responses == null ? "checkpoint" : "checkpoint "
                            + responses.checkpointName(), actual.n(), num(drop), num(maxDrop));
            String examples = baseResponses != null && base.n() == actual.n()
                    ? Examples.regressions(responses, actual, baseResponses, base, EXAMPLES)
                    : Examples.worst(responses, actual, EXAMPLES);
            fail(head, examples);
        }
        return this;
    }

    private void record(String comparison, double bound, Double baseline, boolean passed) {
        Measurements.record(new Measurement(actual.name(), responses == null ? null : responses.dataset(), actual.mean(),
                actual.stderr(), actual.n(), comparison, bound, baseline, passed));
    }

    private String headline() {
        return String.format(Locale.ROOT, "%s%s = %s ± %s (n=%d)", actual.name(), where(), num(actual.mean()),
                num(actual.stderr()), actual.n());
    }

    private String where() {
        return responses == null ? "" : " on '" + responses.dataset() + "' (checkpoint " + responses.checkpointName() + ")";
    }

    private void fail(String headline, String examples) {
        failWithMessage("%s", examples.isEmpty() ? headline : headline + "\n" + examples);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
