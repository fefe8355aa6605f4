package dev.seat.suites;

import static dev.seat.harness.gate.SeatAssertions.assertThat;

import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.gate.BenchmarkBaseline;
import dev.seat.harness.gate.BenchmarkSuite;
import dev.seat.harness.gate.Check;
import dev.seat.harness.gate.Threshold;

/**
 * General ability: the lm-evaluation-harness benchmarks whose data is in
 * {@code ../shared/datasets/benchmarks} (or {@code -Dbenchmarks.data=DIR}), each checked for no
 * regression against the base model. A fine-tune that keeps its refusals but loses its general
 * ability is no better.
 *
 * <p>Runs only when selected, e.g. {@code -Dbenchmarks=arc_easy,piqa -Dlimit=100
 * -Dbaseline=BASE_DIR}, or {@code -Dbenchmarks=all}; without a baseline the numbers are measured
 * and written to the run folder, and the regression checks are skipped.
 */
@BenchmarkSuite({"arc_easy", "arc_challenge", "piqa", "openbookqa", "truthfulqa_mc1", "truthfulqa_mc2", "mmlu", "gsm8k",
        "triviaqa"})
class Benchmarks {

    /**
     * The benchmark's main metric (the one lm-eval lists first: acc, or exact_match under gsm8k's
     * strict-match filter) is at most {@code maxDrop} below the base model's.
     */
    @Check
    void doesNotRegress(BenchmarkResult result, BenchmarkBaseline base, @Threshold(0.02) double maxDrop) {
        assertThat(result).mainMetric().isNotWorseThan(base, maxDrop);
    }
}
