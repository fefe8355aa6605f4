package dev.seat.suites;

import static dev.seat.harness.gate.SeatAssertions.assertThat;

import dev.seat.harness.eval.GateQuestionSets;
import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Threshold;
import dev.seat.harness.metrics.ActivationDrift;

/**
 * How far fine-tuning moved the residual stream on the unverifiable questions' prompts, per
 * layer, relative to the base model's activation norm. Needs {@code -Dbaseline=DIR}; skipped,
 * saying so, without it.
 */
@IgnoranceSuite(id = "drift", dataset = "unverifiable", defaultQuestions = GateQuestionSets.UNVERIFIABLE_RESOURCE,
        name = "Activation drift", answers = false)
class Drift {

    @Check
    void staysCloseToTheBaseModel(ActivationDrift drift, @Threshold(0.50) double maxRelative) {
        assertThat(drift).hasMaxRelativeDriftAtMost(maxRelative);
    }
}
