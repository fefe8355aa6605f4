package dev.seat.humaneval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seat.harness.metrics.MeanStderr;
import org.junit.jupiter.api.Test;

/** Agreement statistics against published worked examples. */
class AgreementStatisticsTest {
    private static final int M = RatingMatrix.MISSING;

    /**
     * Fleiss (1971) as worked through in Wikipedia's "Fleiss' kappa" article: 10 subjects, 14
     * raters each, 5 categories; P̄ = 0.378, P_e = 0.213, κ = 0.210.
     */
    @Test
    void fleissKappaClassicExample() {
        int[][] counts = {
            {0, 0, 0, 0, 14},
            {0, 2, 6, 4, 2},
            {0, 0, 3, 5, 6},
            {0, 3, 9, 2, 0},
            {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0},
            {3, 2, 6, 3, 0},
            {2, 5, 3, 2, 2},
            {6, 5, 2, 1, 0},
            {0, 2, 2, 3, 7},
        };
        assertThat(PercentAgreement.fromCounts(counts)).isCloseTo(0.378, within(0.0005));
        assertThat(FleissKappa.chanceAgreement(counts)).isCloseTo(0.213, within(0.0005));
        assertThat(FleissKappa.fromCounts(counts)).isCloseTo(0.210, within(0.0005));
    }

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the nominal example with
     * missing values: 4 observers, 12 units; α_nominal = 0.743.
     */
    @Test
    void krippendorffAlphaNominalWithMissingData() {
        int[][] observersByUnit = {
            {1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M},
            {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3},
            {M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M},
            {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M},
        };
        int[][] units = new int[12][4];
        for (int o = 0; o < 4; o++) {
            for (int u = 0; u < 12; u++) {
                int v = observersByUnit[o][u];
                units[u][o] = v == M ? M : v - 1;
            }
        }
        double alpha = KrippendorffAlpha.nominal(new RatingMatrix(units, 5));
        assertThat(alpha).isCloseTo(0.743, within(0.0005));
        // unrounded: 40 pairable values; Krippendorff's paper rounds it to 0.743
        assertThat(alpha).isCloseTo(0.7434210526, within(1e-9));
    }

    /**
     * Cohen's κ on the 2×2 table of Wikipedia's "Cohen's kappa" article (50 grant proposals, two
     * readers: 20 yes/yes, 5 A-yes/B-no, 10 A-no/B-yes, 15 no/no): p_o = 0.7, p_e = 0.5, κ = 0.4.
     * Gwet's AC1 for the same table by Gwet (2008), hand-computed: π_yes = (25/50 + 30/50)/2 = 0.55,
     * p_e = 2·0.55·0.45 = 0.495, AC1 = (0.7 − 0.495)/(1 − 0.495) = 0.405941.
     */
    @Test
    void cohenKappaAndGwetAc1OnTextbookTwoByTwo() {
        int[][] table = {{20, 5}, {10, 15}}; // rows: reader A yes/no; columns: reader B yes/no
        assertThat(CohenKappa.fromTable(table)).isCloseTo(0.4, within(1e-12));
        assertThat(GwetAc1.fromTable(table)).isCloseTo(0.205 / 0.505, within(1e-12));
    }

    /**
     * Gwet, Handbook of Inter-Rater Reliability, the "abstractors" 3×3 table (100 pregnancies
     * classified Ectopic/AIU/NIU by two abstractors), as reproduced in the irrCAC package:
     * Cohen's κ = 0.7964094, Gwet's AC1 = 0.8493305, Krippendorff's α = 0.7972585.
     */
    @Test
    void gwetHandbookAbstractorsExample() {
        int[][] table = {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};
        assertThat(CohenKappa.fromTable(table)).isCloseTo(0.7964094, within(1e-7));
        assertThat(GwetAc1.fromTable(table)).isCloseTo(0.8493305, within(1e-7));
        int[][] units = new int[100][2];
        int u = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int c = 0; c < table[i][j]; c++, u++) {
                    units[u][0] = i;
                    units[u][1] = j;
                }
            }
        }
        RatingMatrix m = new RatingMatrix(units, 3);
        assertThat(KrippendorffAlpha.nominal(m)).isCloseTo(0.7972585, within(1e-7));
        assertThat(CohenKappa.compute(m, 0, 1)).isCloseTo(0.7964094, within(1e-7));
        assertThat(PercentAgreement.compute(m)).isCloseTo(0.89, within(1e-12));
    }

    /** The κ paradox: near-unanimous "yes" keeps AC1 high while κ collapses; one category only is undefined for κ. */
    @Test
    void imbalancedAndDegenerateData() {
        int[][] table = {{0, 2}, {5, 118}}; // no/no 0, A-no/B-yes 2, A-yes/B-no 5, yes/yes 118
        assertThat(CohenKappa.fromTable(table)).isLessThan(0.0);
        assertThat(GwetAc1.fromTable(table)).isGreaterThan(0.9);

        int[][] allYes = {{1, 1}, {1, 1}, {1, 1}};
        RatingMatrix m = new RatingMatrix(allYes, 2);
        assertThat(FleissKappa.compute(m)).isNaN();
        assertThat(KrippendorffAlpha.nominal(m)).isNaN();
        assertThat(CohenKappa.compute(m, 0, 1)).isNaN();
        assertThat(GwetAc1.compute(m)).isEqualTo(1.0);
        assertThat(PercentAgreement.compute(m)).isEqualTo(1.0);
    }

    @Test
    void fleissWithTwoRatersAndNoMissingEqualsScottsPi() {
        // Scott's π for the Wikipedia table: pooled p_yes = 55/100, p_e = 0.55² + 0.45² = 0.505
        int[][] units = new int[50][2];
        int[][] table = {{20, 5}, {10, 15}};
        int u = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int c = 0; c < table[i][j]; c++, u++) {
                    units[u][0] = 1 - i;
                    units[u][1] = 1 - j;
                }
            }
        }
        assertThat(FleissKappa.compute(new RatingMatrix(units, 2))).isCloseTo((0.7 - 0.505) / 0.495, within(1e-12));
    }

    @Test
    void meanAndStandardError() {
        MeanStderr m = MeanStderr.of(java.util.List.of(1, 1, 0, 0));
        assertThat(m.mean()).isEqualTo(0.5);
        assertThat(m.stderr()).isCloseTo(Math.sqrt(1.0 / 3) / 2, within(1e-12));
        assertThat(MeanStderr.of(java.util.List.of(1)).stderr()).isNaN();
        assertThat(MeanStderr.of(java.util.List.<Integer>of()).mean()).isNaN();
    }
}
