package dev.seat.harness.gate;

import dev.seat.harness.metrics.KnownUnknownSeparation;
import dev.seat.harness.metrics.MetricValue;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on {@link KnownUnknownSeparation}: the checkpoint's silhouette between unknown and
 * known questions, alone or as a share of the baseline's (silhouettes differ in scale from model to
 * model; the share does not). Failure messages state value ± stderr, n, the layer and the bound.
 */
public final class SeparationAssert extends AbstractAssert<SeparationAssert, KnownUnknownSeparation> {

    SeparationAssert(KnownUnknownSeparation actual) {
        super(actual, SeparationAssert.class);
    }

    /** The checkpoint's silhouette, for {@code isAtLeast(min)}. */
    public MetricAssert silhouette() {
        isNotNull();
        return new MetricAssert(actual.checkpoint(), null, null).as(description());
    }

    /** Passes when the checkpoint's silhouette is at least {@code minShare} times the baseline's. */
    public SeparationAssert keepsTheBaselineSeparation(double minShare) {
        isNotNull();
        MetricValue base = actual.baseline().orElseThrow(() -> new IllegalStateException(
                "keepsTheBaselineSeparation needs a baseline: declare a Baseline parameter so the check is skipped without one"));
        MetricValue tuned = actual.checkpoint();
        double bound = minShare * base.mean();
        boolean passed = tuned.mean() >= bound;
        Measurements.record(new Measurement(tuned.name(), null, tuned.mean(), tuned.stderr(), tuned.n(),
                Measurement.SHARE_OF_BASELINE_AT_LEAST, minShare, base.mean(), passed));
        if (!passed) {
            failWithMessage("%s", String.format(Locale.ROOT, "%s: checkpoint %s ± %s (n=%d) is %s of the baseline's %s ± %s,"
                            + " expected at least %s", description(), MetricAssert.num(tuned.mean()),
                    MetricAssert.num(tuned.stderr()), tuned.n(), MetricAssert.num(tuned.mean() / base.mean()),
                    MetricAssert.num(base.mean()), MetricAssert.num(base.stderr()), MetricAssert.num(minShare)));
        }
        return this;
    }

    private String description() {
        return "unknown vs known separation (silhouette at residual-stream position " + actual.layer() + ")";
    }
}
