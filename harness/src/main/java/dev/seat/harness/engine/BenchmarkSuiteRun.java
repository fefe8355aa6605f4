package dev.seat.harness.engine;



/**
 * One benchmark suite while it runs: its definition, the instance its checks are invoked on, and
 * the {@link SeatRun} whose benchmark results its tasks share.
 */
final class BenchmarkSuiteRun {
    private final BenchmarkSuiteDefinition definition;
    private final SeatRun run;
    private final Object instance;

    /**
     * @throws SeatConfigurationException when the suite names an unknown benchmark or cannot be
     *     instantiated
     */
    BenchmarkSuiteRun(BenchmarkSuiteDefinition definition, SeatRun run) {
        this.definition = definition;
        this.run = run;
        definition.benchmarks().forEach(name -> run.benchmarks().requireKnown(name, definition.type()));
        this.instance = SuiteRun.instantiate(definition.type());
    }

    BenchmarkSuiteDefinition definition() {
        return definition;
    }

    SeatRun run() {
        return run;
    }

    Object instance() {
        return instance;
    }
}
