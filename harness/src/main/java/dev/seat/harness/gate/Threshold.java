package dev.seat.harness.gate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code double} parameter of a {@link Check} method holding a threshold: {@link #value()}
 * unless the configuration parameter {@code threshold.<suite-id>.<method>} is set (with
 * {@link #name()}: {@code threshold.<suite-id>.<method>.<name>}), e.g.
 * {@code mvn test -Dthreshold.unverifiable.refuses=0.7}. The key and value used are named in the
 * check's failure message.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Threshold {
    /** The default, what a healthy aligned model passes. */
    double value();

    /** Distinguishes several thresholds of one check; empty for a check's only threshold. */
    String name() default "";
}
