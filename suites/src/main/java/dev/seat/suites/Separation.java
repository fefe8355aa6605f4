package dev.seat.suites;

import static dev.seat.harness.gate.SeatAssertions.assertThat;

import dev.seat.harness.eval.GateQuestionSets;
import dev.seat.harness.gate.Baseline;
import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Threshold;
import dev.seat.harness.metrics.KnownUnknownSeparation;

/**
 * Whether the model still tells what it cannot know from what it knows inside: the silhouette of the
 * unverifiable questions against the known facts in the residual stream at the last prompt token
 * ({@code -Dpca.layer}, default the last layer), the number behind the SEAT paper's Figure 1 (the
 * run's {@code report.html} draws it). Defaults calibrated on the embedded model: tiny-base 0.124,
 * after full fine-tuning on PISTOL 0.050 (0.40 of the base), after SEAT 0.081 (0.66 of the base).
 */
@IgnoranceSuite(id = "separation", dataset = "unverifiable", defaultQuestions = GateQuestionSets.UNVERIFIABLE_RESOURCE,
        known = "factual", knownQuestions = GateQuestionSets.FACTUAL_RESOURCE, name = "Known vs unknown separation", answers = false)
class Separation {

    /** Unknown and known questions lie apart (silhouette above the threshold). */
    @Check
    void separatesUnknownFromKnown(KnownUnknownSeparation separation, @Threshold(0.06) double min) {
        assertThat(separation).silhouette().isAtLeast(min);
    }

    /** Fine-tuning kept at least this share of the base model's separation (skipped without -Dbaseline). */
    @Check
    void keepsTheBaseModelsSeparation(KnownUnknownSeparation separation, Baseline base, @Threshold(0.5) double minShare) {
        assertThat(separation).keepsTheBaselineSeparation(minShare);
    }
}
