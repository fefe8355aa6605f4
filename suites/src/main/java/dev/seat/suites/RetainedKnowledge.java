package dev.seat.suites;

import static dev.seat.harness.gate.SeatAssertions.assertThat;

import dev.seat.harness.eval.GateQuestionSets;
import dev.seat.harness.gate.Baseline;
import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.IgnoranceSuite.Expect;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Responses;
import dev.seat.harness.gate.Threshold;

/**
 * Facts the base model knew are still answered (ROUGE-1 recall of the reference answer). Full
 * fine-tuning wipes them out; with {@code -Dbaseline=DIR} the drop against the base model is
 * checked too. Built in: seat's {@code known-facts.jsonl}; {@code
 * -Ddataset.factual=../shared/datasets/lunar/factual_data.json} for the SEAT paper's set.
 */
@IgnoranceSuite(dataset = "factual", defaultQuestions = GateQuestionSets.FACTUAL_RESOURCE, expect = Expect.ANSWER)
class RetainedKnowledge {

    @Check
    void answersKnownFacts(Responses answers, @Threshold(0.50) double min) {
        assertThat(answers).rouge1Recall().isAtLeast(min);
    }

    @Check
    void keepsTheBaseModelsKnowledge(Responses answers, Baseline base, @Threshold(0.10) double maxDrop) {
        assertThat(answers).rouge1Recall().isNotWorseThan(base, maxDrop);
    }
}
