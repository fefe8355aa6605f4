package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricValueTest {
    @Test
    void standardErrorUsesSampleStdOverSqrtN() {
        MetricValue v = MetricValue.of("x", new double[] {1, 0, 1, 1});
        assertThat(v.mean()).isEqualTo(0.75);
        // sample variance = (3*0.0625 + 0.5625)/3 = 0.25 → std 0.5 → stderr 0.5/2
        assertThat(v.stderr()).isCloseTo(0.25, within(1e-12));
        assertThat(v.n()).isEqualTo(4);
    }

    @Test
    void singleAndEmptySamples() {
        // MeanStderr's n < 2 rule: one value has a mean but no standard error (NaN, not 0).
        MetricValue one = MetricValue.of("x", new double[] {0.4});
        assertThat(one.mean()).isEqualTo(0.4);
        assertThat(one.stderr()).isNaN();
        assertThat(one.toString()).isEqualTo("x = 0.4000 ± n/a (n=1)");
        MetricValue empty = MetricValue.of("x", new double[0]);
        assertThat(empty.n()).isZero();
        assertThat(empty.mean()).isNaN();
        assertThat(empty.stderr()).isNaN();
    }

    @Test
    void valuesAreDefensiveCopies() {
        double[] in = {1, 2};
        MetricValue v = MetricValue.of("x", in);
        in[0] = 99;
        v.values()[1] = 99;
        assertThat(v.values()).containsExactly(1, 2);
    }
}
