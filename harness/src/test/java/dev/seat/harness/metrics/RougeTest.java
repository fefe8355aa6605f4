package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class RougeTest {
    private static final double TOL = 1e-9;
    private final Rouge rouge = new Rouge();

    @Test
    void matchesEveryReferencePairTokensAndScores() {
        JsonNode pairs = Json.read(SharedData.require("reference/rouge/expected.json")).get("pairs");
        assertThat(pairs.size()).isGreaterThanOrEqualTo(20);
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode pair : pairs) {
            String id = "pair " + pair.get("id").asInt() + " (" + pair.get("tag").asText() + ")";
            String prediction = pair.get("prediction").asText();
            String reference = pair.get("reference").asText();
            soft.assertThat(rouge.tokenizer().tokenize(prediction)).as(id + " prediction tokens")
                    .containsExactlyElementsOf(strings(pair.get("prediction_tokens")));
            soft.assertThat(rouge.tokenizer().tokenize(reference)).as(id + " reference tokens")
                    .containsExactlyElementsOf(strings(pair.get("reference_tokens")));
            Rouge.Scores s = rouge.score(reference, prediction);
            check(soft, id + " rouge1", s.rouge1(), pair.get("rouge1"), "overlap");
            check(soft, id + " rougeL", s.rougeL(), pair.get("rougeL"), "lcs");
        }
        soft.assertAll();
    }

    private static void check(SoftAssertions soft, String what, RougeScore actual, JsonNode expected, String countKey) {
        soft.assertThat(actual.matches()).as(what + " " + countKey).isEqualTo(expected.get(countKey).asInt());
        soft.assertThat(actual.precision()).as(what + " precision").isCloseTo(expected.get("precision").asDouble(), within(TOL));
        soft.assertThat(actual.recall()).as(what + " recall").isCloseTo(expected.get("recall").asDouble(), within(TOL));
        soft.assertThat(actual.fmeasure()).as(what + " fmeasure").isCloseTo(expected.get("fmeasure").asDouble(), within(TOL));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void referenceComesFirst() {
        RougeScore s = rouge.rouge1("She runs negotiations.", "She was running the negotiations.");
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.precision()).isCloseTo(0.6, within(TOL));
    }

    @Test
    void clipsRepeatedUnigramsAndUsesLcsForRougeL() {
        RougeScore r1 = rouge.rouge1("payment due payment", "payment payment payment due");
        assertThat(r1.matches()).isEqualTo(3);
        RougeScore rl = rouge.rougeL("advance fee royalty", "royalty fee advance");
        assertThat(rl.matches()).isEqualTo(1);
        assertThat(rouge.rougeL("", "anything").fmeasure()).isZero();
        assertThat(rouge.rouge1("...", "").recall()).isZero();
    }

    @Test
    void ftScoreIsMeanRouge1RecallWithStderr() {
        MetricValue ft = rouge.ftScore(
                List.of("Jaime Vasquez was born in 1983.", "The capital of France is Paris.", "Blue"),
                List.of("He was born in 1983.", "Paris", "red"));
        // recalls: born in 1983 was → {was, born, in, 1983} of 6 = 4/6; paris 1/6; 0
        assertThat(ft.name()).isEqualTo(Rouge.FT_SCORE);
        assertThat(ft.n()).isEqualTo(3);
        assertThat(ft.values()).containsExactly(new double[] {4.0 / 6, 1.0 / 6, 0.0}, within(TOL));
        assertThat(ft.mean()).isCloseTo(5.0 / 18, within(TOL));
        assertThat(ft.stderr()).isGreaterThan(0);
    }

    @Test
    void rejectsListsOfDifferentLength() {
        assertThatThrownBy(() -> rouge.rouge1Recall(List.of("a"), List.of("a", "b")))
                .hasMessageContaining("1 references and 2 predictions");
    }
}
