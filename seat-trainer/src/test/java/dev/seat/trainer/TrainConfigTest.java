package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TrainConfig's named defaults, the builder, and the train command's flags that share them. */
class TrainConfigTest {

    @Test
    void defaultsAreTheDocumentedOnesAndAdamWsConstantsComeFromAdamW() {
        TrainConfig d = TrainConfig.defaults(1e-3, 20);
        assertThat(d).isEqualTo(new TrainConfig(1e-3, 20, 16, 1, "cosine", 0.05, 0.0, 0.9, 0.999, 1e-8, 1.0, 0, 0));
        assertThat(d.beta1()).isEqualTo(AdamW.DEFAULT_BETA1);
        assertThat(d.beta2()).isEqualTo(AdamW.DEFAULT_BETA2);
        assertThat(d.eps()).isEqualTo(AdamW.DEFAULT_EPS);
    }

    @Test
    void theBuilderSetsEachSettingByNameAndToBuilderRoundTrips() {
        TrainConfig c = TrainConfig.builder(2e-3, 3).batchSize(8).gradAccumulation(2).schedule("linear").warmupRatio(0.1)
                .weightDecay(0.01).betas(0.8, 0.99).eps(1e-6).clipNorm(0.5).seed(7).saveEvery(4).build();
        assertThat(c).isEqualTo(new TrainConfig(2e-3, 3, 8, 2, "linear", 0.1, 0.01, 0.8, 0.99, 1e-6, 0.5, 7, 4));
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().seed(8).build().seed()).isEqualTo(8);
    }
}
