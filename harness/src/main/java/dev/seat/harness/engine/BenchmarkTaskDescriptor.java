package dev.seat.harness.engine;

import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One benchmark entry (task or group) of a {@link BenchmarkSuite}, parent of the suite's checks
 * for that entry. Skipped, with the reason, when {@code benchmarks} does not select it. Running
 * it measures the checkpoint on the entry (the baseline is measured when a check asks for it);
 * when the checks are done the results go into the run folder's {@code metrics.json} under the
 * entry's name. A measurement failure is reported by every check that needs the result, and by
 * this node when none did (e.g. all skipped for want of a baseline).
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
        return SeatTags.BENCHMARK;
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
    public SeatExecutionContext execute(SeatExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        context.benchmarkTask().measure();
        return context;
    }

    @Override
    public void after(SeatExecutionContext context) {
        BenchmarkTaskRun task = context.benchmarkTask();
        task.writeResults();
        task.unreportedFailure().ifPresent(e -> {
            throw e;
        });
    }
}
