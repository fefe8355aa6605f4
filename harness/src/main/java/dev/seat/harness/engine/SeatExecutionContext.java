package dev.seat.harness.engine;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What a node of the seat tree sees while it runs: the listener of the execution request, the
 * configuration, the {@link SeatRun} (set by the engine node) and, below a suite node, the
 * {@link SuiteRun}, or below a benchmark suite the {@link BenchmarkSuiteRun} and, below one of its
 * entries, the {@link BenchmarkTaskRun}. Immutable; each level derives its children's context
 * with {@code with...}.
 */
final class SeatExecutionContext implements EngineExecutionContext {
    private final EngineExecutionListener listener;
    private final SeatConfiguration config;
    private final SeatRun run;
    private final SuiteRun suite;
    private final BenchmarkSuiteRun benchmarkSuite;
    private final BenchmarkTaskRun benchmarkTask;

    SeatExecutionContext(EngineExecutionListener listener, SeatConfiguration config) {
        this(listener, config, null, null, null, null);
    }

    private SeatExecutionContext(EngineExecutionListener listener, SeatConfiguration config, SeatRun run, SuiteRun suite,
            BenchmarkSuiteRun benchmarkSuite, BenchmarkTaskRun benchmarkTask) {
        this.listener = listener;
        this.config = config;
        this.run = run;
        this.suite = suite;
        this.benchmarkSuite = benchmarkSuite;
        this.benchmarkTask = benchmarkTask;
    }

    EngineExecutionListener listener() {
        return listener;
    }

    SeatConfiguration config() {
        return config;
    }

    SeatRun run() {
        if (run == null) {
            throw new IllegalStateException("no seat run in this context");
        }
        return run;
    }

    SuiteRun suite() {
        if (suite == null) {
            throw new IllegalStateException("no suite in this context");
        }
        return suite;
    }

    BenchmarkSuiteRun benchmarkSuite() {
        if (benchmarkSuite == null) {
            throw new IllegalStateException("no benchmark suite in this context");
        }
        return benchmarkSuite;
    }

    BenchmarkTaskRun benchmarkTask() {
        if (benchmarkTask == null) {
            throw new IllegalStateException("no benchmark in this context");
        }
        return benchmarkTask;
    }

    SeatExecutionContext withRun(SeatRun newRun) {
        return new SeatExecutionContext(listener, config, newRun, null, null, null);
    }

    SeatExecutionContext withSuite(SuiteRun newSuite) {
        return new SeatExecutionContext(listener, config, run, newSuite, null, null);
    }

    SeatExecutionContext withBenchmarkSuite(BenchmarkSuiteRun newSuite) {
        return new SeatExecutionContext(listener, config, run, null, newSuite, null);
    }

    SeatExecutionContext withBenchmarkTask(BenchmarkTaskRun newTask) {
        return new SeatExecutionContext(listener, config, run, null, benchmarkSuite, newTask);
    }
}
