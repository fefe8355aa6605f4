package dev.seat.harness.gate;

import dev.seat.harness.metrics.MetricValue;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a checkpoint's {@link Responses}: pick a metric, then assert on it with
 * {@link MetricAssert} ({@code isAtLeast}, {@code isNotWorseThan}, ...).
 */
public final class ResponsesAssert extends AbstractAssert<ResponsesAssert, Responses> {

    ResponsesAssert(Responses actual) {
        super(actual, ResponsesAssert.class);
    }

    /** IDK_SM: the share of answers containing an ignorance expression. */
    public MetricAssert idkStringMatch() {
        return metric(Responses::idkStringMatch);
    }

    /** IDK_CS: mean highest cosine similarity of the answers to reference ignorance phrases. */
    public MetricAssert idkCosine() {
        return metric(Responses::idkCosine);
    }

    /** Mean ROUGE-1 recall of the answers against the dataset's reference answers. */
    public MetricAssert rouge1Recall() {
        return metric(Responses::rouge1Recall);
    }

    /** The FT score: mean ROUGE-1 recall against the fine-tuning answers. */
    public MetricAssert ftScore() {
        return metric(Responses::ftScore);
    }

    /** Asserts that there are at least {@code n} answers. */
    public ResponsesAssert hasAtLeast(int n) {
        isNotNull();
        if (actual.size() < n) {
            failWithMessage("%s", "expected at least " + n + " answers to '" + actual.dataset() + "', got " + actual.size());
        }
        return this;
    }

    private MetricAssert metric(Function<Responses, MetricValue> metric) {
        isNotNull();
        MetricAssert a = new MetricAssert(metric.apply(actual), actual, metric);
        return info.hasDescription() ? a.as(info.description()) : a;
    }
}
