package dev.seat.harness.engine.benchmarkfixtures;

import dev.seat.harness.gate.BenchmarkSuite;
import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.Responses;

/** A benchmark suite whose check asks for something benchmark suites do not provide. */
@BenchmarkSuite("tiny_qa")
public class BrokenBenchmark {
    @Check
    void wantsAnswers(Responses responses) {
    }

    @Check
    void fine() {
    }
}
