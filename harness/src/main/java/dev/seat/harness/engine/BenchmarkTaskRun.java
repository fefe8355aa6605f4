package dev.seat.harness.engine;

import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.gate.BenchmarkBaseline;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One benchmark entry of a suite while it runs: the checkpoint's result and the baseline's, each
 * measured once and remembered, failure included, so every check of the entry reports the same
 * problem without measuring again.
 */
final class BenchmarkTaskRun {
    private final BenchmarkSuiteRun suite;
    private final String name;
    private BenchmarkResult result;
    private RuntimeException resultFailure;
    private boolean failureReported;
    private BenchmarkResult baseline;
    private RuntimeException baselineFailure;

    BenchmarkTaskRun(BenchmarkSuiteRun suite, String name) {
        this.suite = suite;
        this.name = name;
    }

    BenchmarkSuiteRun suite() {
        return suite;
    }

    /** The task or group name. */
    String name() {
        return name;
    }

    /**
     * Measures the checkpoint on the entry now, so that a selected entry's numbers are written
     * even when every check is skipped; a failure is kept for the checks to report.
     */
    void measure() {
        try {
            result();
        } catch (RuntimeException e) {
            // kept in resultFailure: the checks that need the result report it, else the entry's node
        }
    }

    /** The checkpoint's result on the entry. */
    synchronized BenchmarkResult result() {
        if (resultFailure != null) {
            failureReported = true;
            throw resultFailure;
        }
        if (result == null) {
            try {
                result = suite.run().benchmarks().checkpointResult(name, limit(), numFewshot());
            } catch (RuntimeException e) {
                resultFailure = e;
                throw e;
            }
        }
        return result;
    }

    BenchmarkBaseline baseline() {
        Path dir = suite.run().config().baseline().orElseThrow(() -> new IllegalStateException(CheckParameters.NO_BASELINE));
        return new BenchmarkBaseline(dir, this::baselineResult);
    }

    private synchronized BenchmarkResult baselineResult() {
        if (baselineFailure != null) {
            throw baselineFailure;
        }
        if (baseline == null) {
            try {
                baseline = suite.run().benchmarks().baselineResult(name, limit(), numFewshot());
            } catch (RuntimeException e) {
                baselineFailure = e;
                throw e;
            }
        }
        return baseline;
    }

    /** Why the entry could not be measured, if no check has reported it. */
    synchronized Optional<RuntimeException> unreportedFailure() {
        return failureReported ? Optional.empty() : Optional.ofNullable(resultFailure);
    }

    /** Writes what was measured into {@code metrics.json}. */
    void writeResults() {
        suite.run().benchmarks().writeMetrics(name);
    }

    private Integer limit() {
        return suite.definition().limit(suite.run().config());
    }

    private Integer numFewshot() {
        return suite.definition().numFewshot(suite.run().config());
    }
}
