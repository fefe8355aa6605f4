package dev.seat.harness.engine;

import java.lang.reflect.Method;
import org.junit.platform.commons.support.ReflectionSupport;
import dev.seat.harness.gate.Measurement;
import dev.seat.harness.gate.Measurements;
import dev.seat.harness.report.CheckOutcome;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
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
    /** What the last invocation used and measured, for its {@link CheckOutcome}. */
    private volatile List<CheckParameters.ThresholdUse> thresholdsUsed = List.of();
    private volatile List<Measurement> measured = List.of();

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
        thresholdsUsed = args.thresholds();
        try (Measurements m = Measurements.open()) {
            try {
                ReflectionSupport.invokeMethod(method, instance, args.values());
            } finally {
                measured = m.list();
            }
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

    /** The suite's display name, class and question set (or benchmark) of this check, for its outcome. */
    abstract CheckOutcome where(SeatExecutionContext context);

    @Override
    public void nodeSkipped(SeatExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        record(context, "SKIPPED", result.getReason().orElse(""));
    }

    @Override
    public void nodeFinished(SeatExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        String status = switch (result.getStatus()) {
            case SUCCESSFUL -> "PASSED";
            case FAILED -> "FAILED";
            case ABORTED -> "SKIPPED";
        };
        record(context, status, result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse(""));
    }

    private void record(SeatExecutionContext context, String status, String message) {
        CheckOutcome at = where(context);
        List<CheckOutcome.ThresholdValue> thresholds = thresholdsUsed.stream()
                .map(t -> new CheckOutcome.ThresholdValue(t.key(), t.value(), t.configured())).toList();
        context.run().recordCheck(new CheckOutcome(at.suite(), at.suiteClass(), at.dataset(), method.getName(), status,
                message, thresholds, measured));
    }
}
