package dev.seat.harness.gate;

import dev.seat.harness.metrics.ActivationDrift;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/** Assertions on {@link ActivationDrift}; failure messages carry the per-layer table. */
public final class ActivationDriftAssert extends AbstractAssert<ActivationDriftAssert, ActivationDrift> {

    ActivationDriftAssert(ActivationDrift actual) {
        super(actual, ActivationDriftAssert.class);
    }

    /**
     * Passes when no layer's mean L2 drift exceeds {@code max} times the mean norm of the base
     * model's activations at that layer.
     */
    public ActivationDriftAssert hasMaxRelativeDriftAtMost(double max) {
        isNotNull();
        Measurements.record(new Measurement(ActivationDrift.NAME + "_max_relative", null, actual.maxRelative(), Double.NaN,
                actual.n(), Measurement.AT_MOST, max, null, actual.maxRelative() <= max));
        if (!(actual.maxRelative() <= max)) {
            int l = actual.worstLayer();
            failWithMessage("%s", String.format(Locale.ROOT,
                    "activation drift (n=%d prompts): relative drift %.4f at %s exceeds %.4f%n%s", actual.n(),
                    actual.maxRelative(), l == 0 ? "the embedding output" : "layer " + (l - 1), max, actual.table()));
        }
        return this;
    }
}
