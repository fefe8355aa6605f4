package dev.seat.harness.engine.benchmarkfixtures;

import static dev.seat.harness.gate.SeatAssertions.assertThat;

import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.gate.BenchmarkBaseline;
import dev.seat.harness.gate.BenchmarkSuite;
import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.Threshold;

/**
 * Benchmark suite for engine tests, over two hand-written tasks the tests write (task files passed
 * with benchmarks.tasks): the same documents with two prompts.
 */
@BenchmarkSuite({"tiny_qa", "tiny_qa_cloze"})
public class TinyBenchmarks {
    @Check
    void doesNotRegress(BenchmarkResult result, BenchmarkBaseline base, @Threshold(0.02) double maxDrop) {
        assertThat(result).acc().isNotWorseThan(base, maxDrop);
    }

    @Check("acc_norm is at least the threshold")
    void accNormAtLeast(BenchmarkResult result, @Threshold(0.0) double min) {
        assertThat(result).accNorm().isAtLeast(min);
    }
}
