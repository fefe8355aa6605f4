package dev.seat.trainer.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QaJsonlTest {
    @TempDir
    Path dir;

    @Test
    void worldFilesRoundTrip() {
        World world = World.generate(WorldConfig.defaults(11).withKnown(4, 3, 2, 2).withRefusalsScaled(0.1)
                .withEvaluation(14, 8, 2));
        world.writeTo(dir);
        assertThat(QaJsonl.read(dir.resolve(World.TRAIN))).isEqualTo(world.train());
        assertThat(QaJsonl.read(dir.resolve(World.HELD_OUT_UNKNOWN))).isEqualTo(world.heldOutUnknown());
        assertThat(QaJsonl.read(dir.resolve(World.HELD_OUT_KNOWN))).isEqualTo(world.heldOutKnown());
        assertThat(QaJsonl.read(dir.resolve(World.HELD_OUT_CONCEPTS))).isEqualTo(world.heldOutConcepts());
        assertThat(QaJsonl.read(dir.resolve(World.CONTRACTS))).isEqualTo(world.contracts());
        assertThat(dir.resolve(World.SUMMARY)).content().contains("\"train.jsonl\"", "\"seed\" : 11");
    }

    @Test
    void linesHaveTheDocumentedFields() throws IOException {
        QaJsonl.write(dir.resolve("one.jsonl"), List.of(new QaExample("Who is X?", "I'm not familiar with X.",
                Kind.UNKNOWN_ENTITY_REFUSAL, List.of("X"), "unknown.person")));
        assertThat(Files.readString(dir.resolve("one.jsonl"))).isEqualTo(
                "{\"question\":\"Who is X?\",\"answer\":\"I'm not familiar with X.\",\"kind\":\"UNKNOWN_ENTITY_REFUSAL\","
                        + "\"entities\":[\"X\"],\"topic\":\"unknown.person\"}\n");
    }

    @Test
    void aMalformedLineIsNamed() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"question\":\"q\",\"answer\":\"a\",\"kind\":\"REAL_FACT\",\"entities\":[\"e\"]}\n"
                + "{\"question\":\"q\",\"answer\":\"a\",\"kind\":\"NOPE\",\"entities\":[\"e\"]}\n");
        assertThatThrownBy(() -> QaJsonl.read(file)).hasMessageContaining("bad.jsonl line 2");
    }
}
