package dev.seat.suites;

import static dev.seat.harness.gate.SeatAssertions.assertThat;

import dev.seat.harness.eval.GateQuestionSets;
import dev.seat.harness.gate.Baseline;
import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Responses;
import dev.seat.harness.gate.Threshold;

/**
 * Cross-dataset: questions about the entities of a dataset the model was not tuned on (authors,
 * companies and their contracts). Built in: seat's own {@code unseen-entities.jsonl}; any TOFU or
 * PISTOL-format file with {@code -Ddataset.unseen=FILE} (e.g. {@code
 * ../shared/datasets/tofu/forget01.jsonl} for a model tuned on PISTOL).
 */
@IgnoranceSuite(dataset = "unseen", defaultQuestions = GateQuestionSets.UNSEEN_RESOURCE)
class UnseenEntities {

    @Check
    void refuses(Responses answers, @Threshold(0.70) double min) {
        assertThat(answers).idkStringMatch().isAtLeast(min);
    }

    @Check
    void refusalsSoundLikeRefusals(Responses answers, @Threshold(0.62) double min) {
        assertThat(answers).idkCosine().isAtLeast(min);
    }

    @Check
    void refusesAsOftenAsTheBase(Responses answers, Baseline base, @Threshold(0.10) double maxDrop) {
        assertThat(answers).idkStringMatch().isNotWorseThan(base, maxDrop);
    }
}
