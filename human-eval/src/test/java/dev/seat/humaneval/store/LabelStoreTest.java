package dev.seat.humaneval.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.humaneval.HumanEvalException;
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

    @Test
    void aRoundWrittenWithAValueBeyondJacksonsDefaultLimitReadsBack() throws Exception {
        // rounds stored before ingest limited comments: Jackson's default reader stops at 20M characters
        Path key = tmp.resolve("private").resolve("key.json");
        Files.createDirectories(key.getParent());
        Path raw = Files.writeString(tmp.resolve("sheet-A1.csv"), "raw");
        LabelStore store = LabelStore.forKey(key);
        String huge = "y".repeat(20_100_000);
        store.appendRound("EXPRT2", List.of(new LabelStore.Incoming(raw, "CSV", Set.of("A1"), List.of(
                new LabelRow("A1", "EXPRT2-0001", true, true, huge, "row 2")))));
        assertThat(store.read().unreadable()).isEmpty();
        assertThat(store.latest().get("A1").get("EXPRT2-0001").comment()).hasSize(huge.length());
    }

    @Test
    void aLabelThatWouldNotReadBackIsNeverStored() throws Exception {
        Path key = tmp.resolve("private").resolve("key.json");
        Files.createDirectories(key.getParent());
        Path raw = Files.writeString(tmp.resolve("sheet-A1.csv"), "raw");
        LabelStore store = LabelStore.forKey(key);
        // a lone surrogate (from a JSON escape such as backslash-ud800) has no UTF-8 form: written, it would read back as '?'
        assertThatThrownBy(() -> store.appendRound("EXPRT2", List.of(new LabelStore.Incoming(raw, "CSV", Set.of("A1"),
                List.of(new LabelRow("A1", "EXPRT2-0001", true, true, "ok", "row 2"),
                        new LabelRow("A1", "EXPRT2-0002", true, false, "bad \ud800 text", "row 3"))))))
                .isInstanceOf(HumanEvalException.class)
                .hasMessageContaining("Nothing stored")
                .hasMessageContaining("annotator A1 for item EXPRT2-0002 (row 3 of raw/01-sheet-A1.csv)");
        assertThat(store.read().rounds()).isEmpty();
        try (var left = Files.list(store.dir())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aLabelLineWithoutAnnotatorIsNamedNotANullPointer() throws Exception {
        Path key = tmp.resolve("private").resolve("key.json");
        Path round = tmp.resolve("private/labels/round-0001");
        Files.createDirectories(round);
        Files.writeString(round.resolve("round.json"), "{\"round\": 1}");
        Files.writeString(round.resolve("labels.jsonl"), "{\"round\": 1, \"item_id\": \"EXPRT2-0001\"}\n");
        LabelStore.Contents c = LabelStore.forKey(key).read();
        assertThat(c.rounds()).isEmpty();
        assertThat(c.unreadable()).singleElement().asString().contains("labels.jsonl line 1: not a stored label (no annotator or item_id)");
    }
}
