package dev.seat.humaneval.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import dev.seat.humaneval.Fixtures;
import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.SheetColumns;
import dev.seat.humaneval.SimulatedAnnotators;
import dev.seat.humaneval.TextFingerprint;
import dev.seat.humaneval.key.AnnotatorSheet;
import dev.seat.humaneval.key.ExportKey;
import dev.seat.humaneval.key.KeyItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SheetExporterTest {
    @TempDir
    Path tmp;

    @Test
    void sheetsAreBlindedAndKeepTextsIntact() throws Exception {
        Path seat = Fixtures.seatRun(tmp);
        Path full = Fixtures.fullFtRun(tmp);
        ExportResult r = SheetExporter.export(List.of(seat, full), ExportOptions.of(tmp.resolve("out"), 2).withSeed(7));

        // Every file an annotator gets is free of checkpoint, run and method names.
        try (Stream<Path> files = Files.walk(ExportLayout.annotatorFolder(tmp.resolve("out")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain("llama", "seat", "full-ft", "run-1", "run-2", "sha256");
            }
        }
        // RFC 4180: header, then the exact question/response texts back (commas, quotes, newline).
        List<String[]> rows = SimulatedAnnotators.readCsv(r.sheets().get("A1"));
        assertThat(rows.get(0)).containsExactly(SheetColumns.SHEET.toArray(String[]::new));
        Map<String, KeyItem> byId = r.key().itemsById();
        Map<String, ResponseRecord> byRow = new HashMap<>();
        Stream.concat(Fixtures.seatResponses().stream(), Fixtures.fullFtResponses().stream())
                .forEach(x -> byRow.put(x.id(), x));
        assertThat(rows).hasSize(9);
        for (String[] row : rows.subList(1, rows.size())) {
            assertThat(row).hasSize(6);
            KeyItem item = byId.get(row[0]);
            assertThat(row[1]).isEqualTo(byRow.get(item.rowId()).prompt());
            assertThat(row[2]).isEqualTo(byRow.get(item.rowId()).response());
            assertThat(row[3]).isEmpty();
        }
        String raw = Files.readString(r.sheets().get("A1"), StandardCharsets.UTF_8);
        assertThat(raw).contains("\"\"quick, precise\"\"").contains("painter.\nHe lived").contains("\r\n");

        // Opaque ids that name the export only; the key maps each back.
        assertThat(r.key().items()).allSatisfy(i -> {
            assertThat(i.itemId()).matches(r.exportId() + "-\\d{4}");
            assertThat(i.checkpoint()).isIn("llama-seat", "llama-full-ft");
            assertThat(i.fingerprint()).startsWith("sha256:");
            assertThat(i.responseSha256()).isEqualTo(TextFingerprint.of(byRow.get(i.rowId()).response()));
        });
        assertThat(ExportKey.read(r.keyFile())).isEqualTo(r.key());
        assertThat(r.keyFile()).isEqualTo(tmp.resolve("out").resolve("private").resolve("key.json").toAbsolutePath());

        // Label Studio tasks and a config with two single-choice questions.
        JsonNode tasks = Json.read(r.labelStudioTasks().get("A2"));
        assertThat(tasks).hasSize(8);
        assertThat(tasks.get(0).get("data").get("export_id").asText()).isEqualTo(r.exportId());
        assertThat(tasks.get(0).get("data").get("assigned_to").asText()).isEqualTo("A2");
        String config = Files.readString(r.labelStudioConfig());
        assertThat(config).contains("<Choices name=\"refusal_outcome\"", "<Choices name=\"semantic_entailment\"")
                .contains("choice=\"single\"");
        assertThat(Files.readString(r.instructions())).contains("refusal_outcome", "semantic_entailment", "Examples");
    }

    @Test
    void ordersAreShuffledPerAnnotatorAndReproducibleFromTheSeed() {
        Path seat = Fixtures.run(tmp, "ck", "r", manyResponses(40));
        ExportResult a = SheetExporter.export(List.of(seat), ExportOptions.of(tmp.resolve("a"), 3).withSeed(11));
        ExportResult b = SheetExporter.export(List.of(seat), ExportOptions.of(tmp.resolve("b"), 3).withSeed(11));
        ExportResult c = SheetExporter.export(List.of(seat), ExportOptions.of(tmp.resolve("c"), 3).withSeed(12));

        assertThat(a.exportId()).isNotEqualTo(b.exportId());
        assertThat(rowOrder(a, "A1")).isEqualTo(rowOrder(b, "A1"));
        assertThat(rowOrder(a, "A1")).isNotEqualTo(rowOrder(c, "A1"));
        assertThat(rowOrder(a, "A1")).isNotEqualTo(rowOrder(a, "A2"));
        assertThat(new HashSet<>(rowOrder(a, "A1"))).isEqualTo(new HashSet<>(rowOrder(a, "A2")));
        assertThat(a.key().seed()).isEqualTo(11);
        assertThat(a.key().annotators()).extracting(AnnotatorSheet::orderSeed).doesNotHaveDuplicates();
    }

    @Test
    void overlapGivesEachItemToKAnnotatorsEvenly() {
        Path run = Fixtures.run(tmp, "ck", "r", manyResponses(10));
        ExportResult r = SheetExporter.export(List.of(run), ExportOptions.of(tmp.resolve("o"), 4).withOverlap(2).withSeed(1));
        assertThat(r.key().items()).allSatisfy(i -> assertThat(new HashSet<>(i.annotators())).hasSize(2));
        assertThat(r.key().annotators()).extracting(s -> s.order().size()).containsOnly(5);
        for (AnnotatorSheet s : r.key().annotators()) {
            assertThat(SimulatedAnnotators.readCsv(r.sheets().get(s.name()))).hasSize(6);
            for (String id : s.order()) {
                assertThat(r.key().itemsById().get(id).annotators()).contains(s.name());
            }
        }
    }

    @Test
    void samplePerRunDrawsMFromEachRun() {
        Path one = Fixtures.run(tmp, "ck1", "r", manyResponses(20));
        Path two = Fixtures.run(tmp, "ck2", "r", manyResponses(3));
        ExportResult r = SheetExporter.export(List.of(one, two), ExportOptions.of(tmp.resolve("s"), 1).withSample(5).withSeed(3));
        assertThat(r.key().items()).filteredOn(i -> i.checkpoint().equals("ck1")).hasSize(5);
        assertThat(r.key().items()).filteredOn(i -> i.checkpoint().equals("ck2")).hasSize(3);
        assertThat(r.key().samplePerRun()).isEqualTo(5);
    }

    @Test
    void refusesToOverwriteAnExportAndBadOptions() {
        Path run = Fixtures.seatRun(tmp);
        Path out = tmp.resolve("x");
        ExportResult first = SheetExporter.export(List.of(run), ExportOptions.of(out, 2));
        assertThatThrownBy(() -> SheetExporter.export(List.of(run), ExportOptions.of(out, 2)))
                .isInstanceOf(HumanEvalException.class).hasMessageContaining("already holds export " + first.exportId());
        assertThatThrownBy(() -> SheetExporter.export(List.of(run), ExportOptions.of(tmp.resolve("y"), 2).withOverlap(3)))
                .hasMessageContaining("--overlap must be between 1 and --annotators (2), got 3");
        assertThatThrownBy(() -> SheetExporter.export(List.of(tmp.resolve("nope")), ExportOptions.of(tmp.resolve("y"), 2)))
                .hasMessageContaining("Run folder not found").hasMessageContaining("nope");
        assertThatThrownBy(() -> SheetExporter.export(List.of(run),
                ExportOptions.of(tmp.resolve("y"), 2).withDatasets(List.of("pistol"))))
                .hasMessageContaining("no responses for dataset 'pistol'").hasMessageContaining("unverifiable");
        assertThat(tmp.resolve("y").resolve("private").resolve("key.json")).doesNotExist();
    }

    private static List<ResponseRecord> manyResponses(int n) {
        List<ResponseRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Fixtures.record("q" + i, "Who is Person" + i + "?", "I don't know Person" + i + ".", 1, 0.6));
        }
        return out;
    }

    private static List<String> rowOrder(ExportResult r, String annotator) {
        Map<String, KeyItem> byId = r.key().itemsById();
        List<String> out = new ArrayList<>();
        List<String[]> rows = SimulatedAnnotators.readCsv(r.sheets().get(annotator));
        for (String[] row : rows.subList(1, rows.size())) {
            out.add(byId.get(row[0]).rowId());
        }
        return out;
    }

    /** A gate run killed before it finished has no 'finished' in its manifest: its answers are not exported. */
    @Test
    void anUnfinishedGateRunIsRefusedNamingTheFolder() {
        Path seat = Fixtures.seatRun(tmp);
        RunFolder folder = RunFolder.open(seat);
        ObjectNode manifest = folder.manifest();
        manifest.remove("finished");
        folder.writeManifest(manifest);

        assertThatThrownBy(() -> SheetExporter.export(List.of(seat), ExportOptions.of(tmp.resolve("out"), 2)))
                .isInstanceOf(HumanEvalException.class).hasMessageContaining(seat.toString())
                .hasMessageContaining("was not finished");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
