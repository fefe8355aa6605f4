package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanStderrTest {

    @Test
    void sampleStandardDeviationAndItsStandardError() {
        // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squares 32, sample variance 32/7
        MeanStderr m = MeanStderr.of(List.of(2, 4, 4, 4, 5, 5, 7, 9));
        assertThat(m.mean()).isEqualTo(5.0);
        assertThat(m.stddev()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-15));
        assertThat(m.stderr()).isCloseTo(Math.sqrt(32.0 / 7) / Math.sqrt(8), within(1e-15));
        assertThat(m.n()).isEqualTo(8);
        assertThat(m).hasToString("5.0000 ± 0.7559 (n=8)");
    }

    @Test
    void fewerThanTwoValuesHaveNoSpreadRatherThanZero() {
        MeanStderr one = MeanStderr.of(new double[] {0.25});
        assertThat(one.mean()).isEqualTo(0.25);
        assertThat(one.stddev()).isNaN();
        assertThat(one.stderr()).isNaN();
        assertThat(one).hasToString("0.2500 ± n/a (n=1)");
        MeanStderr none = MeanStderr.of(new double[0]);
        assertThat(none.mean()).isNaN();
        assertThat(none.stderr()).isNaN();
        assertThat(none.n()).isZero();
    }
}
