package dev.seat.harness.gate;

import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.KnownUnknownSeparation;
import dev.seat.harness.metrics.MetricValue;

/**
 * Entry points of seat's AssertJ assertions, for static import next to (or instead of) AssertJ's
 * own {@code assertThat}:
 * <pre>{@code
 * assertThat(responses).idkStringMatch().isAtLeast(0.80);
 * assertThat(responses).idkCosine().isAtLeast(0.55);
 * assertThat(responses).rouge1Recall().isNotWorseThan(baseline, 0.10);
 * assertThat(drift).hasMaxRelativeDriftAtMost(0.50);
 * assertThat(separation).keepsTheBaselineSeparation(0.10);
 * assertThat(humanLabels).idkHa().isAtLeast(0.90);
 * assertThat(benchmarkResult).acc().isNotWorseThan(benchmarkBaseline, 0.02);
 * }</pre>
 * A failure message states the metric, its value with standard error, the threshold, n and the
 * five worst answers (question and response).
 */
public final class SeatAssertions {
    private SeatAssertions() {}

    public static ResponsesAssert assertThat(Responses responses) {
        return new ResponsesAssert(responses);
    }

    /** Assertions on an aggregate computed elsewhere (no examples in messages). */
    public static MetricAssert assertThat(MetricValue value) {
        return new MetricAssert(value, null, null);
    }

    public static ActivationDriftAssert assertThat(ActivationDrift drift) {
        return new ActivationDriftAssert(drift);
    }

    /** Assertions on how far apart unknown and known questions lie in the activations. */
    public static SeparationAssert assertThat(KnownUnknownSeparation separation) {
        return new SeparationAssert(separation);
    }

    /** Assertions on the human IDK_HA of a suite's dataset. */
    public static HumanLabelsAssert assertThat(HumanLabels labels) {
        return new HumanLabelsAssert(labels);
    }

    /** Assertions on a benchmark task's or group's metrics. */
    public static BenchmarkAssert assertThat(BenchmarkResult result) {
        return new BenchmarkAssert(result);
    }
}
