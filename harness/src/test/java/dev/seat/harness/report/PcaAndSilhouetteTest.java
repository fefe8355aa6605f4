package dev.seat.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seat.harness.metrics.Silhouette;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PCA through EJML's SVD, and the silhouette that measures Figure 1's separation. */
class PcaAndSilhouetteTest {

    @Test
    void pcaFindsTheDirectionOfMostVarianceWithAFixedSign() {
        Random rnd = new Random(7);
        float[][] rows = new float[200][];
        for (int i = 0; i < rows.length; i++) {
            double t = rnd.nextGaussian() * 5; // spread along (3, 4) / 5
            double noise = rnd.nextGaussian() * 0.1;
            rows[i] = new float[] {(float) (1 + 0.6 * t - 0.8 * noise), (float) (-2 + 0.8 * t + 0.6 * noise), 0f};
        }
        Pca pca = Pca.fit(rows, 2);
        assertThat(pca.component(0)).containsExactly(new double[] {0.6, 0.8, 0}, within(5e-3)); // positive largest loading
        assertThat(pca.explainedVarianceRatio()[0]).isGreaterThan(0.99);
        double sum = 0;
        for (float[] r : rows) {
            sum += pca.project(r)[0];
        }
        assertThat(sum / rows.length).as("fitted rows are centred").isCloseTo(0, within(1e-4));
        float[] moved = {rows[0][0] + 0.6f * 2, rows[0][1] + 0.8f * 2, 0};
        assertThat(pca.project(moved)[0] - pca.project(rows[0])[0]).isCloseTo(2, within(1e-3));
    }

    @Test
    void pcaRefusesTooFewRowsOrRaggedRows() {
        assertThatThrownBy(() -> Pca.fit(new float[][] {{1, 2}}, 1)).hasMessageContaining("at least two rows");
        assertThatThrownBy(() -> Pca.fit(new float[][] {{1, 2}, {1}}, 1)).hasMessageContaining("row 1 has 1 columns");
    }

    @Test
    void silhouetteIsNearOneForFarApartGroupsAndNearZeroForMixedOnes() {
        Random rnd = new Random(3);
        float[][] apart = new float[40][];
        float[][] mixed = new float[40][];
        boolean[] first = new boolean[40];
        for (int i = 0; i < 40; i++) {
            first[i] = i < 20;
            apart[i] = new float[] {(float) ((first[i] ? 10 : -10) + rnd.nextGaussian()), (float) rnd.nextGaussian()};
            mixed[i] = new float[] {(float) rnd.nextGaussian(), (float) rnd.nextGaussian()};
        }
        assertThat(Silhouette.of(apart, first).mean()).isGreaterThan(0.85);
        assertThat(Silhouette.of(mixed, first).mean()).isBetween(-0.1, 0.1);
        assertThat(Silhouette.of(apart, first).n()).isEqualTo(40);
        assertThatThrownBy(() -> Silhouette.of(new float[][] {{0}, {1}, {2}}, new boolean[] {true, false, false}))
                .hasMessageContaining("at least two points in each group, got 1 and 2");
    }
}
