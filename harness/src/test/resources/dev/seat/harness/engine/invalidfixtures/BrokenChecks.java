package dev.seat.harness.engine.invalidfixtures;

import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Responses;

/** Check methods the engine must reject at discovery, naming the problem. */
@IgnoranceSuite(dataset = "madeup", defaultQuestions = "/dev/seat/harness/engine/fixtures/made-up-questions.jsonl")
public class BrokenChecks {
    @Check
    static void isStatic(Responses r) {}

    @Check
    int returnsSomething(Responses r) {
        return 0;
    }

    @Check
    void wantsAString(String s) {}

    @Check
    void fine(Responses r) {}
}
