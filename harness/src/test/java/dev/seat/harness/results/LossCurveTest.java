package dev.seat.harness.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run record's loss curve: it survives a write and a read, long runs are thinned and say so, old records have none. */
class LossCurveTest {

    /** SEAT-like steps: loss = ce + kl, float32 values as the trainer logs them. */
    static List<LossCurve.Point> seatSteps(int n) {
        List<LossCurve.Point> steps = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            float ce = 9f / i;
            float kl = 0.01f * i;
            steps.add(new LossCurve.Point(i, (i - 1) / 25, ce + kl, Map.of("ce", (double) ce, "kl", (double) kl)));
        }
        return steps;
    }

    @Test
    void aCurveInARunRecordRoundTripsThroughItsFile(@TempDir Path dir) {
        LossCurve curve = LossCurve.of(seatSteps(500));
        ObjectNode record = Json.object().put("id", "seat-a0.8-s0-792e472c");
        record.set(LossCurve.KEY, curve.toJson());
        Json.write(dir.resolve("run.json"), record);

        LossCurve read = LossCurve.of(Json.read(dir.resolve("run.json"))).orElseThrow();

        assertThat(read.stepsTaken()).isEqualTo(500);
        assertThat(read.keptEvery()).isEqualTo(1);
        assertThat(read.partNames()).containsExactly("ce", "kl");
        assertThat(read.points()).hasSize(500);
        for (int i = 0; i < 500; i++) {
            LossCurve.Point a = curve.points().get(i);
            LossCurve.Point b = read.points().get(i);
            assertThat(b.step()).isEqualTo(a.step());
            assertThat(b.epoch()).isEqualTo(a.epoch());
            assertThat((float) b.loss()).as("step %d's loss at float precision", a.step()).isEqualTo((float) a.loss());
            assertThat((float) (double) b.parts().get("kl")).isEqualTo((float) (double) a.parts().get("kl"));
        }
    }

    @Test
    void aPlainCrossEntropyCurveHasNoParts() {
        List<LossCurve.Point> steps = List.of(new LossCurve.Point(1, 0, 9.3, Map.of()), new LossCurve.Point(2, 0, 8.1, Map.of()));
        JsonNode json = LossCurve.of(steps).toJson();
        assertThat(json.has("parts")).isFalse();
        assertThat(LossCurve.of(Json.object().set(LossCurve.KEY, json)).orElseThrow().partNames()).isEmpty();
    }

    @Test
    void aLongRunKeepsEveryKthStepAndItsFirstAndLastAndSaysSo() {
        LossCurve curve = LossCurve.of(seatSteps(1000), 300);

        assertThat(curve.keptEvery()).isEqualTo(4);
        assertThat(curve.stepsTaken()).isEqualTo(1000);
        assertThat(curve.points().get(0).step()).isEqualTo(1);
        assertThat(curve.points().get(1).step()).isEqualTo(4);
        assertThat(curve.points().get(curve.points().size() - 1).step()).isEqualTo(1000);
        assertThat(curve.points()).hasSize(251);
        JsonNode json = curve.toJson();
        assertThat(json.get("note").asText()).contains("every 4th of 1000 steps");
        assertThat(LossCurve.of(Json.object().set(LossCurve.KEY, json)).orElseThrow().keptEvery()).isEqualTo(4);
        assertThat(LossCurve.of(seatSteps(LossCurve.MAX_POINTS)).keptEvery()).as("up to the cap every step is kept")
                .isEqualTo(1);
    }

    @Test
    void aNonFiniteLossIsWrittenAsNullAndReadAsNaN() {
        JsonNode json = LossCurve.of(List.of(new LossCurve.Point(1, 0, Double.NaN, Map.of()),
                new LossCurve.Point(2, 0, 1.5, Map.of()))).toJson();
        assertThat(json.get("loss").get(0).isNull()).isTrue();
        assertThat(Json.compact(json)).doesNotContain("NaN");
        assertThat(LossCurve.of(Json.object().set(LossCurve.KEY, json)).orElseThrow().points().get(0).loss()).isNaN();
    }

    @Test
    void aRecordFromBeforeCurvesHasNoneAndAMalformedOneIsNamed() {
        assertThat(LossCurve.of(Json.object().put("id", "full-s0-db2897bd"))).isEmpty();
        ObjectNode ragged = Json.object();
        ragged.putObject(LossCurve.KEY).putArray("step").add(1).add(2);
        ((ObjectNode) ragged.get(LossCurve.KEY)).putArray("epoch").add(0).add(0);
        ((ObjectNode) ragged.get(LossCurve.KEY)).putArray("loss").add(1.0);
        assertThatThrownBy(() -> LossCurve.of(ragged)).hasMessageContaining("loss_curve has 2 steps but loss 1 values");
        ObjectNode noLoss = Json.object();
        noLoss.putObject(LossCurve.KEY).putArray("step");
        assertThatThrownBy(() -> LossCurve.of(noLoss)).hasMessageContaining("needs the arrays 'step', 'epoch' and 'loss'")
                .hasMessageContaining("[step]");
    }
}
