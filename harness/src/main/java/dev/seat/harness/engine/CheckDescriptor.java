package dev.seat.harness.engine;

import dev.seat.harness.report.CheckOutcome;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;

/**
 * A {@link Check} method: passes or fails on aggregate metrics. Skipped, with the reason, when one
 * of its parameters cannot be provided in this configuration (see {@link CheckParameters}). When
 * the check used {@link Threshold}s, a failure message ends with the keys and values used, so CI
 * output says how to override them.
 *
 * <p>Unique id segment {@code [check:<method name>]}; source: the method.
 */
final class CheckDescriptor extends AbstractCheckDescriptor {
    static final String SEGMENT = "check";

    CheckDescriptor(UniqueId uniqueId, Class<?> suiteClass, Method method) {
        super(uniqueId, suiteClass, method);
    }

    @Override
    public Set<TestTag> getTags() {
        return SeatTags.GATE;
    }

    @Override
    public SkipResult shouldBeSkipped(SeatExecutionContext context) {
        Optional<String> reason = CheckParameters.unavailableReason(method, context.suite());
        return reason.map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }

    @Override
    CheckOutcome where(SeatExecutionContext context) {
        SuiteRun suite = context.suite();
        return new CheckOutcome(suite.definition().displayName(), suite.definition().type().getName(),
                suite.definition().annotation().dataset(), null, null, null, null, null);
    }

    @Override
    public SeatExecutionContext execute(SeatExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        SuiteRun suite = context.suite();
        invoke(suite.instance(), CheckParameters.resolve(method, suite));
        return context;
    }
}
