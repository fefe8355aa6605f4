package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Metric arithmetic and answer filters, against values worked out from lm-eval's definitions. */
class MetricsTest {
    private static final TaskDefinition GSM8K = TaskRegistry.builtins().task("gsm8k");
    private static final TaskDefinition TRIVIAQA = TaskRegistry.builtins().task("triviaqa");

    @Test
    void accAndAccNormDisagreeWhenLengthsDiffer() {
        // "cat" -3.0 (-1.0 per char) vs "elephant" -4.0 (-0.5 per char): acc picks 0, acc_norm picks 1
        double[] lls = {-3.0, -4.0};
        List<String> choices = List.of("cat", "elephant");
        assertThat(ChoiceScores.acc(lls, 0)).isEqualTo(1.0);
        assertThat(ChoiceScores.accNorm(lls, choices, 0)).isEqualTo(0.0);
        assertThat(ChoiceScores.accNorm(lls, choices, 1)).isEqualTo(1.0);
    }

    @Test
    void accNormDividesByTheChoiceLengthWithoutTheDelimiter() {
        // per character: -1/1 = -1.0 vs -3/4 = -0.75, choice 1 wins; counting the leading space
        // (-1/2 = -0.5 vs -3/5 = -0.6) choice 0 would win
        assertThat(ChoiceScores.accNorm(new double[] {-1.0, -3.0}, List.of("a", "abcd"), 1)).isEqualTo(1.0);
    }

    @Test
    void tiesGoToTheFirstChoice() {
        assertThat(ChoiceScores.argmax(new double[] {-1.0, -1.0, -2.0})).isZero();
    }

    @Test
    void mc2IsTheNormalisedMassOnTheTrueAnswers() {
        double[] lls = {Math.log(0.2), Math.log(0.1), Math.log(0.3), Math.log(0.4)};
        assertThat(ChoiceScores.mc2(lls, List.of(1, 1, 0, 0))).isCloseTo(0.3, within(1e-12));
        // unnormalised probabilities: the mass is relative to the answers' total
        double[] small = {Math.log(0.02), Math.log(0.06)};
        assertThat(ChoiceScores.mc2(small, List.of(1, 0))).isCloseTo(0.25, within(1e-12));
        // very negative log-likelihoods still give the ratio
        assertThat(ChoiceScores.mc2(new double[] {-1000.0, -1000.0 - Math.log(3)}, List.of(1, 0))).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void mc2CountsOnlyTheAnswersBeforeTheFirstFalseOneAsTrue() {
        double[] lls = {Math.log(0.1), Math.log(0.2), Math.log(0.3), Math.log(0.4)};
        assertThat(ChoiceScores.mc2(lls, List.of(1, 0, 1, 0))).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void gsm8kStrictAndFlexibleFilters() {
        String reference = "So the total is 1234\n#### 1234";
        assertScores("Natalia sold 48/2 = 24 clips in May.\n#### 1,234.", reference, "1,234.", 1, "1,234.", 1);
        assertScores("The answer is $18.00.", "x\n#### 18", "[invalid]", 0, "$18.00.", 0);
        assertScores("She makes 9 * 2 = $18 every day.\n#### 18", "x\n#### 18", "18", 1, "18", 1);
        assertScores("He has 3 apples and 5 pears, so 8 in total.", "x\n#### 8", "[invalid]", 0, "8", 1);
        assertScores("It costs $1,500 in total.\n#### $1,500", "x\n#### 1500", "[invalid]", 0, "$1,500", 1);
        assertScores("No numbers here", "x\n#### 7", "[invalid]", 0, "[invalid]", 0);
    }

    private static void assertScores(String generation, String reference, String strict, double strictScore,
            String flexible, double flexibleScore) {
        AnswerFilter strictFilter = GSM8K.filters().get(0);
        AnswerFilter flexibleFilter = GSM8K.filters().get(1);
        assertThat(strictFilter.name()).isEqualTo("strict-match");
        assertThat(flexibleFilter.name()).isEqualTo("flexible-extract");
        ExactMatch em = GSM8K.metrics().get(0).exactMatch();
        assertThat(strictFilter.apply(generation)).isEqualTo(strict);
        assertThat(flexibleFilter.apply(generation)).isEqualTo(flexible);
        assertThat(em.score(strict, reference)).as("strict on %s", generation).isEqualTo(strictScore);
        assertThat(em.score(flexible, reference)).as("flexible on %s", generation).isEqualTo(flexibleScore);
    }

    @Test
    void gsm8kExactMatchIgnoresCommasDollarsATrailingDotAndCase() {
        ExactMatch em = GSM8K.metrics().get(0).exactMatch();
        assertThat(em.normalize("$1,234.")).isEqualTo("1234");
        assertThat(em.normalize("Step one\nstep two\n#### 1,234")).isEqualTo("1234");
        assertThat(em.normalize("12.5")).isEqualTo("12.5");
    }

    @Test
    void triviaqaStripsLeadingSpaceThenIgnoresCaseAndPunctuation() {
        AnswerFilter filter = TRIVIAQA.filters().get(0);
        ExactMatch em = TRIVIAQA.metrics().get(0).exactMatch();
        List<String> aliases = List.of("Onion skins", "Onion", "Allium cepa");
        assertThat(filter.apply(" ONION")).isEqualTo("ONION");
        assertThat(em.scoreAny(filter.apply(" ONION"), aliases)).isEqualTo(1.0);
        assertThat(em.scoreAny(filter.apply(" allium-cepa"), aliases)).isEqualTo(0.0);
        assertThat(em.scoreAny("U.S.A", List.of("USA"))).isEqualTo(1.0);
        assertThat(em.scoreAny(filter.apply(" The Onion!"), aliases)).isEqualTo(0.0);
        assertThat(em.scoreAny(filter.apply("  Onion "), aliases)).as("trailing space is kept").isEqualTo(0.0);
    }

    @Test
    void stderrIsSampleStdOverRootN() {
        List<Double> xs = List.of(1.0, 0.0, 1.0, 1.0);
        // mean 0.75, sample variance (3 * 0.0625 + 0.5625) / 3 = 0.25, stderr sqrt(0.25) / 2
        assertThat(Stats.mean(xs)).isEqualTo(0.75);
        assertThat(Stats.meanStderr(xs)).isCloseTo(0.25, within(1e-12));
        assertThat(Stats.meanStderr(List.of(1.0))).isNaN();
    }

    @Test
    void pooledStderrMatchesLmEvalsFormula() {
        // sizes 4 and 2, stderrs 0.25 and 0.5: ((3 * 0.0625 * 4) + (1 * 0.25 * 2)) / (6 - 2) / 6 = 0.05208..
        double pooled = Stats.pooledStderr(List.of(0.25, 0.5), List.of(4, 2));
        assertThat(pooled).isCloseTo(Math.sqrt((0.75 + 0.5) / 4 / 6), within(1e-12));
        assertThat(Stats.weightedMean(List.of(0.75, 0.0), List.of(4, 2))).isCloseTo(0.5, within(1e-12));
    }
}
