package dev.seat.trainer.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.TrainConfig;
import dev.seat.trainer.experiment.ExperimentData;
import dev.seat.trainer.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A SEAT run names the training items that get no KL term because their question names no entity. */
class EntityReportTest {

    @Test
    void itemsWithoutAnEntityAreCountedAndNamedInTheRunRecord() {
        Path base = RepoPaths.defaultCheckpoint();
        assumeTrue(Files.isRegularFile(base.resolve("config.json")), base + " is absent: entity report test skipped");
        World world = FineTune.worldOf(base);
        assumeTrue(world != null, base + " records no world_seed: entity report test skipped");
        List<QaItem> items = new ArrayList<>(ExperimentData.contracts(world.contracts().subList(0, 2)));
        items.add(new QaItem("no-entity", "what is two plus two?", "four.", List.of()));
        try (Checkpoint cp = Checkpoint.load(base)) {
            TrainConfig tc = TrainConfig.builder(1e-4, 1).schedule("constant").warmupRatio(0.0).build();
            FineTune.Outcome o = FineTune.run(cp, items, MethodConfig.defaults(Method.SEAT), tc,
                    FineTune.Options.defaults().world(world));
            JsonNode kl = o.record().path("kl");
            assertThat(kl.path("examples_without_entity").asInt()).isEqualTo(1);
            assertThat(kl.path("without_entity")).hasSize(1);
            assertThat(kl.path("without_entity").get(0).path("id").asText()).isEqualTo("no-entity");
            assertThat(kl.path("without_entity").get(0).path("question").asText()).isEqualTo("what is two plus two?");
        }
    }
}
