package dev.seat.harness.engine;

import dev.seat.harness.report.CheckOutcome;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;

/**
 * A {@link Check} method of a {@link BenchmarkSuite} on one benchmark entry: passes or fails on
 * the entry's metrics. Skipped, with the reason, when it asks for a {@link BenchmarkBaseline} and
 * none is configured. A failure message ends with the thresholds used and how to override them.
 *
 * <p>Unique id segment {@code [check:<method name>]} under the entry's node; source: the method;
 * legacy reporting name {@code <method>[<entry>]}, so Surefire's report tells the entries apart.
 */
final class BenchmarkCheckDescriptor extends AbstractCheckDescriptor {
    private final String benchmark;

    BenchmarkCheckDescriptor(UniqueId uniqueId, Class<?> suiteClass, Method method, String benchmark) {
        super(uniqueId, suiteClass, method);
        this.benchmark = benchmark;
    }

    @Override
    public String getLegacyReportingName() {
        return method.getName() + "[" + benchmark + "]";
    }

    @Override
    public Set<TestTag> getTags() {
        return SeatTags.BENCHMARK;
    }

    @Override
    public SkipResult shouldBeSkipped(SeatExecutionContext context) {
        Optional<String> reason = BenchmarkCheckParameters.unavailableReason(method, context.benchmarkTask());
        return reason.map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }

    @Override
    CheckOutcome where(SeatExecutionContext context) {
        BenchmarkSuiteDefinition suite = context.benchmarkTask().suite().definition();
        return new CheckOutcome(suite.displayName(), suite.type().getName(), benchmark, null, null, null, null, null);
    }

    @Override
    public SeatExecutionContext execute(SeatExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        BenchmarkTaskRun task = context.benchmarkTask();
        invoke(task.suite().instance(), BenchmarkCheckParameters.resolve(method, task));
        return context;
    }
}
