package dev.seat.harness.engine;

import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One benchmark entry (task or group) of a {@link BenchmarkSuite}, parent of the suite's checks
 * for that entry. Skipped, with the reason, when {@code benchmarks} does not select it. The entry
 * is measured when its first check asks for a result; when the checks are done the results go
 * into the run folder's {@code metrics.json} under the entry's name.
 *
 * <p>Unique id segment {@code [task:<name>]}; no source (it is neither a class nor a method).
 */
final class BenchmarkTaskDescriptor extends AbstractTestDescriptor implements Node<SeatExecutionContext> {
    static final String SEGMENT = "task";

    private final String name;

    BenchmarkTaskDescriptor(UniqueId uniqueId, String name) {
        super(uniqueId, name);
        this.name = name;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return BenchmarkSuiteDescriptor.TAGS;
    }

    @Override
    public SkipResult shouldBeSkipped(SeatExecutionContext context) {
        BenchmarkSelection selection = BenchmarkSelection.of(context.config());
        return selection.selects(name) ? SkipResult.doNotSkip() : SkipResult.skip(selection.notSelectedReason(name));
    }

    @Override
    public SeatExecutionContext before(SeatExecutionContext context) {
        return context.withBenchmarkTask(new BenchmarkTaskRun(context.benchmarkSuite(), name));
    }

    @Override
    public void after(SeatExecutionContext context) {
        context.benchmarkTask().writeResults();
    }
}
