package dev.seat.harness.engine;

import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.text.ChatFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The tests' {@link AnswerProvider} (registered in the test resources), asked when
 * {@code test.answersAhead} is set: it generates the plan's answers into the response cache in this
 * JVM, as a cluster's provider would elsewhere; the value {@code fail} makes it throw instead.
 */
public final class AnswersAheadInThisJvm implements AnswerProvider {
    static final String PARAMETER = "test.answersAhead";
    /** The plans it was asked for, in order. */
    static final List<GatePlan> PLANS = new ArrayList<>();

    @Override
    public String parameter() {
        return PARAMETER;
    }

    @Override
    public void answer(GatePlan plan, String value) {
        PLANS.add(plan);
        if (value.equals("fail")) {
            throw new IllegalStateException("the cluster is not reachable");
        }
        try (Checkpoint model = Checkpoint.load(plan.checkpoint());
                Evaluator evaluator = new Evaluator(plan.settings())) {
            for (GatePlan.Ask ask : plan.asks()) {
                ChatFormat format = ask.chatFormat().map(f -> ChatFormat.forCheckpoint(model.dir(), f))
                        .orElse(model.chatFormat());
                evaluator.run(model, ask.set(), format);
            }
        }
    }
}
