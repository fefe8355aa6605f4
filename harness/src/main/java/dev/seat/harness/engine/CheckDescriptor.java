package dev.seat.harness.engine;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A {@link Check} method: passes or fails on aggregate metrics. Skipped, with the reason, when one
 * of its parameters cannot be provided in this configuration (see {@link CheckParameters}). When
 * the check used {@link Threshold}s, a failure message ends with the keys and values used, so CI
 * output says how to override them.
 *
 * <p>Unique id segment {@code [check:<method name>]}; source: the method.
 */
final class CheckDescriptor extends AbstractTestDescriptor implements Node<SeatExecutionContext> {
    static final String SEGMENT = "check";

    private final Method method;

    CheckDescriptor(UniqueId uniqueId, Class<?> suiteClass, Method method) {
        super(uniqueId, SuiteDefinition.checkDisplayName(method), MethodSource.from(suiteClass, method));
        this.method = method;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return SuiteDescriptor.TAGS;
    }

    @Override
    public SkipResult shouldBeSkipped(SeatExecutionContext context) {
        Optional<String> reason = CheckParameters.unavailableReason(method, context.suite());
        return reason.map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }

    @Override
    public SeatExecutionContext execute(SeatExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        SuiteRun suite = context.suite();
        invoke(method, suite.instance(), CheckParameters.resolve(method, suite));
        return context;
    }

    /**
     * Invokes a check; an assertion failure of a check that used {@link Threshold}s gets the keys
     * and values used appended to its message.
     */
    static void invoke(Method method, Object instance, CheckParameters.Arguments args) {
        try {
            ReflectionSupport.invokeMethod(method, instance, args.values());
        } catch (AssertionError e) {
            if (args.thresholds().isEmpty()) {
                throw e;
            }
            StringBuilder msg = new StringBuilder(String.valueOf(e.getMessage())).append("\nthreshold");
            msg.append(args.thresholds().size() > 1 ? "s:" : ":");
            args.thresholds().forEach(t -> msg.append("\n  ").append(t.describe()));
            AssertionError withThresholds = new AssertionError(msg.toString(), e.getCause());
            withThresholds.setStackTrace(e.getStackTrace());
            throw withThresholds;
        }
    }
}
