package dev.seat.humaneval.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.humaneval.ingest.LabelRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelStoreTest {
    @TempDir
    Path tmp;

    @Test
    void roundsAreAppendedLatestWinsPerAnnotatorAndItemAndHistoryStays() throws Exception {
        Path key = tmp.resolve("private").resolve("key.json");
        Files.createDirectories(key.getParent());
        Path raw1 = Files.writeString(tmp.resolve("sheet-A1.csv"), "first");
        Path raw2 = Files.writeString(tmp.resolve("sheet-A1-v2.csv"), "second");
        LabelStore store = LabelStore.forKey(key);
        assertThat(store.rounds()).isEmpty();

        int r1 = store.appendRound("EXPRT2", List.of(new LabelStore.Incoming(raw1, "CSV", Set.of("A1"), List.of(
                new LabelRow("A1", "EXPRT2-0001", true, true, null, "row 2"),
                new LabelRow("A1", "EXPRT2-0002", false, null, "hallucinates", "row 3")))));
        // A crash while writing a round leaves only a temporary folder, which is ignored.
        Files.createDirectories(store.dir().resolve(".round-2-123.tmp"));
        int r2 = store.appendRound("EXPRT2", List.of(new LabelStore.Incoming(raw2, "CSV", Set.of("A1"), List.of(
                new LabelRow("A1", "EXPRT2-0002", true, false, null, "row 3")))));

        assertThat(r1).isEqualTo(1);
        assertThat(r2).isEqualTo(2);
        assertThat(store.rounds()).extracting(Round::number).containsExactly(1, 2);
        assertThat(store.rounds().get(0).labels()).hasSize(2);
        var latest = store.latest().get("A1");
        assertThat(latest.get("EXPRT2-0001").round()).isEqualTo(1);
        assertThat(latest.get("EXPRT2-0002").round()).isEqualTo(2);
        assertThat(latest.get("EXPRT2-0002").refusal()).isTrue();
        assertThat(store.rounds().get(0).labels().get(1).comment()).isEqualTo("hallucinates");
        assertThat(store.dir().resolve("round-0001/raw/01-sheet-A1.csv")).hasContent("first");
        assertThat(store.dir().resolve("round-0002/raw/01-sheet-A1-v2.csv")).hasContent("second");
        assertThat(store.rounds().get(1).info().get("files").get(0).get("sha256").asText()).hasSize(64);
    }
}
