package dev.seat.harness.gate;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on {@link HumanLabels}: {@code assertThat(labels).idkHa().isAtLeast(0.9)}. The
 * failure message names the dataset, checkpoint, number of annotators and the {@code metrics.json}
 * the labels came from, then value ± stderr, n and the threshold.
 */
public final class HumanLabelsAssert extends AbstractAssert<HumanLabelsAssert, HumanLabels> {

    HumanLabelsAssert(HumanLabels actual) {
        super(actual, HumanLabelsAssert.class);
    }

    /** Human IDK_HA: items judged a refusal about the question by the annotators' majority. */
    public MetricAssert idkHa() {
        isNotNull();
        MetricAssert a = new MetricAssert(actual.idkHa(), null, null);
        return a.as(info.hasDescription() ? info.descriptionText() : actual.describe());
    }
}
