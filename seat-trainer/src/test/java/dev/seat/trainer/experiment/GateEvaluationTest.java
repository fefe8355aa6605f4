package dev.seat.trainer.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.model.Checkpoint;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment's measurements on the embedded base itself, on small seeded subsets of each set. */
class GateEvaluationTest {

    @Test
    void theBaseKnowsItsFactsRefusesTheUnknownAndHasNoDriftFromItself(@TempDir Path results) {
        Path base = RepoPaths.defaultCheckpoint();
        assumeTrue(Files.isRegularFile(base.resolve("config.json")), base + " is absent: needs the embedded model");
        World world = FineTune.worldOf(base);
        List<QaItem> ft = ExperimentData.contracts(world.contracts().subList(0, 4));
        try (Checkpoint cp = Checkpoint.load(base); Evaluator evaluator = new Evaluator(EvalSettings.defaults()
                .withMaxNewTokens(32).withResults(results).withCache(false))) {
            GateEvaluation gate = GateEvaluation.world(world, ft, GateEvaluation.Cross.tofu(), 16, evaluator, false, cp);

            ObjectNode m = gate.evaluate(cp);

            assertThat(gate.sizes().get("known").asInt()).isEqualTo(16);
            assertThat(m.get("drift").asDouble()).isZero();
            assertThat(m.get("retained").asDouble()).as("ROUGE-1 on facts the base knows").isGreaterThan(0.9);
            assertThat(m.get("known_refused").asDouble()).isLessThan(0.1);
            assertThat(m.get("idk_sm").asDouble()).as("refusals on unknown entities").isGreaterThan(0.7);
            assertThat(m.get("ft").asDouble()).as("the base never saw these contracts").isLessThan(0.3);
            assertThat(List.of("retained_novel", "known_refused_novel")).allSatisfy(k -> assertThat(m.has(k)).as(k).isTrue());
        }
    }
}
