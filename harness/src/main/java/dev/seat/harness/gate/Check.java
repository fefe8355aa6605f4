package dev.seat.harness.gate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A pass/fail check of an {@link IgnoranceSuite}: a non-static, non-private {@code void} method
 * whose parameters the engine provides: {@link Responses}, {@link dev.seat.harness.model.Checkpoint},
 * {@link Baseline}, {@link dev.seat.harness.metrics.ActivationDrift} and {@code double}
 * parameters annotated with {@link Threshold}. The check fails when the method throws (an
 * assertion of {@link SeatAssertions}); it is skipped, with the reason, when a parameter cannot be
 * provided (no baseline, no question set).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Check {
    /** Display name; defaults to the method name. */
    String value() default "";
}
