package dev.seat.trainer.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.results.Json;
import dev.seat.trainer.FineTune;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldConfigTest {

    @Test
    void overridesReplaceNamedFieldsOnly() {
        WorldConfig c = WorldConfig.defaults(1).with(Map.of("unknownWorks", "300", "unknownTowns", " 90"));

        assertThat(c.unknownWorks()).isEqualTo(300);
        assertThat(c.unknownTowns()).isEqualTo(90);
        assertThat(c.unknownAuthors()).isEqualTo(WorldConfig.defaults(1).unknownAuthors());
    }

    @Test
    void badOverridesNameTheField() {
        assertThatThrownBy(() -> WorldConfig.defaults(1).with(Map.of("unknownWork", "240")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown world field 'unknownWork'").hasMessageContaining("unknownWorks");
        assertThatThrownBy(() -> WorldConfig.defaults(1).with(Map.of("unknownWorks", "many")))
                .hasMessageContaining("unknownWorks must be a whole number, got 'many'");
        assertThatThrownBy(() -> WorldConfig.defaults(1).with(Map.of("unknownWorks", "-3")))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void theSummaryRecordsAConfigThatRebuildsTheSameWorld() {
        WorldConfig c = WorldConfig.defaults(3).withKnown(5, 4, 3, 1).withRefusalsScaled(0.1).withEvaluation(14, 10, 2);
        World w = World.generate(c);

        WorldConfig back = WorldConfig.fromJson(w.summary().get("config"));

        assertThat(back).isEqualTo(c);
        assertThat(World.generate(back).train()).isEqualTo(w.train());
    }

    @Test
    void aCheckpointsWorldComesFromItsRecordedConfig(@TempDir Path dir) throws Exception {
        WorldConfig c = WorldConfig.defaults(3).withKnown(5, 4, 3, 1).withRefusalsScaled(0.1).withEvaluation(14, 10, 2);
        var record = Json.object().put("world_seed", 3);
        record.set("world", World.generate(c).summary());
        Files.writeString(dir.resolve("training_config.json"), Json.MAPPER.writeValueAsString(record));

        assertThat(FineTune.worldOf(dir).config()).isEqualTo(c);

        Files.writeString(dir.resolve("training_config.json"), "{\"world_seed\": 3}");
        assertThat(FineTune.worldOf(dir).config()).isEqualTo(WorldConfig.defaults(3));
    }
}
