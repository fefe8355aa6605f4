package dev.seat.harness.engine.warmfixtures;

import static dev.seat.harness.gate.SeatAssertions.assertThat;

import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Threshold;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.KnownUnknownSeparation;

/**
 * Activation checks for the warm-gate test: separation of the made-up from the known questions
 * (with a baseline, its panel too), drift from the baseline.
 */
@IgnoranceSuite(id = "separation", dataset = "madeup", defaultQuestions = "/dev/seat/harness/engine/fixtures/made-up-questions.jsonl",
        known = "facts", knownQuestions = "/dev/seat/harness/engine/fixtures/known-facts.jsonl", answers = false)
public class Separation {
    @Check
    void separates(KnownUnknownSeparation separation, @Threshold(-1.0) double min) {
        assertThat(separation).silhouette().isAtLeast(min);
    }

    @Check
    void staysClose(ActivationDrift drift, @Threshold(1000.0) double max) {
        assertThat(drift).hasMaxRelativeDriftAtMost(max);
    }
}
