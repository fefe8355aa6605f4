package dev.seat.suites;

import static dev.seat.harness.gate.SeatAssertions.assertThat;

import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.IgnoranceSuite.Expect;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Responses;
import dev.seat.harness.gate.Threshold;

/**
 * The fine-tuning set was learned: FT score (ROUGE-1 recall of the greedy answers against the
 * fine-tuning answers). Needs {@code -Ddataset.ft=FILE}; skipped, saying so, without it.
 */
@IgnoranceSuite(dataset = "ft", expect = Expect.ANSWER,
        whenMissing = "no fine-tuning set configured: pass -Ddataset.ft=FILE (the question/answer file the checkpoint "
                + "was tuned on, e.g. ../shared/datasets/pistol/sample_data_1.json)")
class LearnedFacts {

    @Check
    void learnedTheFineTuningSet(Responses answers, @Threshold(0.80) double min) {
        assertThat(answers).ftScore().isAtLeast(min);
    }
}
