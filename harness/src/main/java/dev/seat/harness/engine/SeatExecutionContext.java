package dev.seat.harness.engine;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What a node of the seat tree sees while it runs: the listener of the execution request, the
 * configuration, the {@link SeatRun} (set by the engine node) and, below a suite node, the
 * {@link SuiteRun}. Immutable; each level derives its children's context with {@code with...}.
 */
final class SeatExecutionContext implements EngineExecutionContext {
    private final EngineExecutionListener listener;
    private final SeatConfiguration config;
    private final SeatRun run;
    private final SuiteRun suite;

    SeatExecutionContext(EngineExecutionListener listener, SeatConfiguration config) {
        this(listener, config, null, null);
    }

    private SeatExecutionContext(EngineExecutionListener listener, SeatConfiguration config, SeatRun run, SuiteRun suite) {
        this.listener = listener;
        this.config = config;
        this.run = run;
        this.suite = suite;
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

    SeatExecutionContext withRun(SeatRun newRun) {
        return new SeatExecutionContext(listener, config, newRun, null);
    }

    SeatExecutionContext withSuite(SuiteRun newSuite) {
        return new SeatExecutionContext(listener, config, run, newSuite);
    }
}
