package dev.seat.harness.engine;

import java.lang.reflect.Method;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * What the ignorance and benchmark check nodes share: a test for one {@code @Check} method (its
 * source and display name), invoked with its resolved arguments.
 */
abstract class AbstractCheckDescriptor extends AbstractTestDescriptor implements Node<SeatExecutionContext> {
    final Method method;

    AbstractCheckDescriptor(UniqueId uniqueId, Class<?> suiteClass, Method method) {
        super(uniqueId, SuiteDefinition.checkDisplayName(method), MethodSource.from(suiteClass, method));
        this.method = method;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    /**
     * Invokes the check; an assertion failure of a check that used {@code @Threshold}s gets the keys
     * and values used appended to its message.
     */
    void invoke(Object instance, CheckParameters.Arguments args) {
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
