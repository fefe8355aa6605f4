package dev.seat.humaneval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.results.Json;
import dev.seat.humaneval.Fixtures;
import dev.seat.humaneval.RoundTripTest;
import dev.seat.humaneval.SimulatedAnnotators;
import dev.seat.humaneval.export.ExportOptions;
import dev.seat.humaneval.export.ExportResult;
import dev.seat.humaneval.export.SheetExporter;
import dev.seat.humaneval.store.LabelStore;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every validation problem gives its own message naming file, row, column, value and what is
 * allowed, says how many rows were fine, and leaves the label storage byte for byte as it was.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    ExportResult export;
    String id;
    Map<String, String> before;

    @BeforeEach
    void exportAndStoreOneGoodRound() throws IOException {
        Path seat = Fixtures.seatRun(tmp);
        Path full = Fixtures.fullFtRun(tmp);
        export = SheetExporter.export(List.of(seat, full), ExportOptions.of(tmp.resolve("study"), 2).withSeed(5));
        id = export.exportId();
        Path good = tmp.resolve("good").resolve("sheet-A1.csv");
        SimulatedAnnotators.writeCsv(good, goodRows(), ',', false);
        assertThat(LabelIngester.ingest(export.keyFile(), List.of(good)).ok()).isTrue();
        before = snapshot();
    }

    @Test
    void unknownItemId() throws IOException {
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> rows.get(1)[0] = id + "-9999");
        assertRejected(r, "sheet-A1.csv: row 2, column 'item_id': unknown item id: export " + id
                + " has no such item (value: '" + id + "-9999'); allowed: an item id of export " + id + " (e.g. ");
        assertSummary(r, 1, 7, 8);
    }

    @Test
    void itemIdOfAnotherExportInOneRow() throws IOException {
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> rows.get(2)[0] = "ZZZZZZ-0001");
        assertRejected(r, "row 3, column 'item_id': this item id belongs to export ZZZZZZ, not to export " + id);
    }

    @Test
    void emptyItemId() throws IOException {
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> rows.get(1)[0] = "");
        assertRejected(r, "row 2, column 'item_id': the item id is empty (value: '')");
    }

    @Test
    void duplicatedItemId() throws IOException {
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> rows.add(rows.get(1).clone()));
        assertRejected(r, "row 10", "column 'item_id': duplicated item id: it also appears at row 2 for annotator A1",
                "(value: '" + rows0()[0] + "')", "allowed: each item once per annotator");
        assertSummary(r, 1, 8, 9);
    }

    @Test
    void conflictingLabelsForOneItem() throws IOException {
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> {
            String[] copy = rows.get(1).clone();
            copy[3] = copy[3].equals("1") ? "0" : "1";
            rows.add(copy);
        });
        assertRejected(r, "row 10", "column 'refusal_outcome': conflicting labels for one item",
                "at row 2 but refusal_outcome=", "(annotator A1)");
    }

    @Test
    void sheetOfAnotherExport() throws IOException {
        ExportResult other = SheetExporter.export(
                List.of(tmp.resolve("results/llama-seat/run-2")), ExportOptions.of(tmp.resolve("other"), 2).withSeed(5));
        Path file = tmp.resolve("bad").resolve("sheet-A1.csv");
        SimulatedAnnotators.writeCsv(file, SimulatedAnnotators.filledSheet(other.sheets().get("A1"), other.key(),
                RoundTripTest.A1Labels(), v -> v), ',', false);
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(file));
        assertRejected(r, "sheet-A1.csv: this file belongs to export " + other.exportId()
                + ", but the key is for export " + id + "; ingest it with the key of export " + other.exportId());
        assertSummary(r, 1, 0, 4);
        assertUnchanged();
    }

    @Test
    void missingColumn() throws IOException {
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> {
            for (int i = 0; i < rows.size(); i++) {
                String[] row = rows.get(i);
                rows.set(i, new String[] {row[0], row[1], row[2], row[3], row[5]});
            }
        });
        assertRejected(r, "sheet-A1.csv: row 1 (header), column 'semantic_entailment': missing column; the header has:"
                + " item_id, question, response, refusal_outcome, comment; allowed: a header with item_id, question,"
                + " response, refusal_outcome, semantic_entailment, comment");
    }

    @Test
    void editedQuestionAndResponse() throws IOException {
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> {
            rows.get(1)[1] = rows.get(1)[1] + " (edited)";
            rows.get(3)[2] = rows.get(3)[2].replace('e', 'E');
        });
        assertRejected(r, "row 2, column 'question': the question text differs from the exported text (edited?)",
                "(edited)'); allowed: the question exactly as exported");
        assertRejected(r, "row 4", "column 'response': the response text differs from the exported text");
        assertSummary(r, 2, 6, 8);
    }

    @Test
    void invalidLabelValue() throws IOException {
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> rows.get(5)[4] = "maybe");
        assertRejected(r, "column 'semantic_entailment': not a label (value: 'maybe'); allowed: yes/no, y/n,"
                + " true/false or 1/0 (any case), or empty for not labelled");
        assertSummary(r, 1, 7, 8);
    }

    @Test
    void annotatorCannotBeTold() throws IOException {
        IngestResult r = ingestMutated("my labels.csv", rows -> { });
        assertRejected(r, "my labels.csv: cannot tell whose labels these are", "allowed: keep the exported file name,"
                + " or pass --annotator NAME");
        assertSummary(r, 1, 8, 8);
    }

    @Test
    void annotatorTheExportDoesNotHave() throws IOException {
        IngestResult r = ingestMutated("sheet-A7.csv", rows -> { });
        assertRejected(r, "the file name names annotator A7, which export " + id + " does not have",
                "allowed: annotators A1, A2");
    }

    @Test
    void notUtf8() throws IOException {
        Path file = tmp.resolve("bad").resolve("sheet-A1.csv");
        Files.createDirectories(file.getParent());
        Files.write(file, "item_id,question,response,refusal_outcome,semantic_entailment,comment\r\nx,y,z,1,1,caf\u00e9\r\n"
                .getBytes(Charset.forName("windows-1252")));
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(file));
        assertRejected(r, "sheet-A1.csv: the file is not UTF-8 text (first bad byte at line 2",
                "allowed: a CSV saved as UTF-8");
        assertUnchanged();
    }

    @Test
    void unsupportedFileType() throws IOException {
        Path file = tmp.resolve("bad").resolve("sheet-A1.xlsx");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {0x50, 0x4b, 3, 4});
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(file));
        assertRejected(r, "sheet-A1.xlsx: unsupported file type; allowed: a sheet as .csv");
        assertUnchanged();
    }

    @Test
    void malformedJson() throws IOException {
        Path file = tmp.resolve("bad").resolve("export.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[{\"id\": 1, \"data\": {\"item_id\": \"x\"},\n  \"annotations\": [}]");
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(file));
        assertRejected(r, "export.json: not valid JSON at line 2");
        assertUnchanged();
    }

    @Test
    void labelStudioExportWithTwoChoicesAndAConflict() throws IOException {
        Path file = tmp.resolve("bad").resolve("project-1.json");
        SimulatedAnnotators.writeLabelStudioExport(export.labelStudioTasks().get("A2"), file, export.key(),
                RoundTripTest.A1Labels(), 3);
        var tasks = (com.fasterxml.jackson.databind.node.ArrayNode) Json.read(file);
        var choices = (com.fasterxml.jackson.databind.node.ArrayNode)
                tasks.get(0).get("annotations").get(0).get("result").get(0).get("value").get("choices");
        choices.removeAll().add("Yes").add("No");
        var second = ((com.fasterxml.jackson.databind.node.ObjectNode) tasks.get(1).get("annotations").get(0)).deepCopy();
        var flipped = (com.fasterxml.jackson.databind.node.ArrayNode) second.get("result").get(1).get("value").get("choices");
        String was = flipped.get(0).asText();
        flipped.removeAll().add(was.equals("Yes") ? "No" : "Yes");
        ((com.fasterxml.jackson.databind.node.ArrayNode) tasks.get(1).get("annotations")).add(second);
        Json.write(file, tasks);

        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(file));
        assertRejected(r, "project-1.json: task 1 (id 101), annotation 1, column 'refusal_outcome': not a label"
                + " (value: 'Yes|No')");
        assertRejected(r, "task 2 (id 102), annotation 2, column 'semantic_entailment': conflicting labels for one"
                + " item", "at task 2 (id 102), annotation 1", "(annotator A2)");
        assertSummary(r, 2, 7, 9);
    }

    @Test
    void argillaRecordWithUnknownItem() throws IOException {
        Path file = tmp.resolve("bad").resolve("argilla.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"id": "%s-0777", "status": "completed", "refusal_outcome.responses": ["yes"], "refusal_outcome.responses.users": ["u-1"], "refusal_outcome.responses.status": ["submitted"]}
                """.formatted(id));
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(file));
        assertRejected(r, "argilla.jsonl: record 1, user u-1, column 'item_id': unknown item id");
        assertUnchanged();
    }

    @Test
    void aCleanFileIsStoredWhileABadOneNextToItIsNot() throws IOException {
        Path bad = tmp.resolve("bad").resolve("sheet-A1.csv");
        List<String[]> rows = goodRows();
        rows.get(1)[3] = "perhaps";
        SimulatedAnnotators.writeCsv(bad, rows, ',', false);
        Path good = tmp.resolve("good2").resolve("sheet-A2.csv");
        SimulatedAnnotators.writeCsv(good, SimulatedAnnotators.filledSheet(export.sheets().get("A2"), export.key(),
                RoundTripTest.A1Labels(), v -> v), ',', false);
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(bad, good));
        assertThat(r.ok()).isFalse();
        assertThat(r.files()).extracting(FileOutcome::status)
                .containsExactly(FileOutcome.Status.REJECTED, FileOutcome.Status.STORED);
        var latest = LabelStore.forKey(export.keyFile()).latest();
        assertThat(latest.get("A2")).hasSize(8);
        assertThat(latest.get("A1").values()).allSatisfy(l -> assertThat(l.round()).isEqualTo(1));
        assertThat(snapshot()).containsAllEntriesOf(before);
    }

    @Test
    void aCommentBeyondTheLimitIsRefusedNamingSheetRowAndColumn() throws IOException {
        String longComment = "x".repeat(SheetValidator.MAX_COMMENT_CHARS + 1);
        IngestResult r = ingestMutated("sheet-A1.csv", rows -> rows.get(3)[5] = longComment);
        assertRejected(r, "sheet-A1.csv: row 4, column 'comment': the cell holds "
                + (SheetValidator.MAX_COMMENT_CHARS + 1) + " characters", "allowed: at most 10000 characters");
        assertSummary(r, 1, 7, 8);
    }

    @Test
    void anUnreadableRoundIsNamedAndLocksOutNeitherIngestNorReport() throws IOException {
        Path labels = LabelStore.forKey(export.keyFile()).dir().resolve("round-0001").resolve("labels.jsonl");
        String text = Files.readString(labels);
        Files.writeString(labels, text.substring(0, text.indexOf('\n') + 20)); // torn second line

        Path good = tmp.resolve("good2").resolve("sheet-A2.csv");
        SimulatedAnnotators.writeCsv(good, SimulatedAnnotators.filledSheet(export.sheets().get("A2"), export.key(),
                RoundTripTest.A1Labels(), v -> v), ',', false);
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(good));
        assertThat(r.ok()).isTrue();
        assertThat(r.round()).isEqualTo(2);
        assertThat(r.unreadableRounds()).singleElement().asString()
                .contains("round 1 (").contains("round-0001").contains("labels.jsonl line ").contains("left out");
        assertThat(r.messages()).last().asString().startsWith("warning: round 1");

        var report = dev.seat.humaneval.report.HumanEvalReport.compute(export.keyFile());
        assertThat(report.annotators()).containsExactly("A2");
        assertThat(report.unreadableRounds()).singleElement().asString().contains("round-0001");
        assertThat(dev.seat.humaneval.report.MarkdownReport.render(report))
                .contains("**Not counted:** 1 stored round(s) could not be read").contains("round-0001");
    }

    // --- helpers

    private List<String[]> goodRows() {
        return SimulatedAnnotators.filledSheet(export.sheets().get("A1"), export.key(), RoundTripTest.A1Labels(), v -> v);
    }

    private String[] rows0() {
        return goodRows().get(1);
    }

    private IngestResult ingestMutated(String name, Consumer<List<String[]>> mutate) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String[] r : goodRows()) {
            rows.add(r.clone());
        }
        mutate.accept(rows);
        Path file = tmp.resolve("bad").resolve(name);
        SimulatedAnnotators.writeCsv(file, rows, ',', false);
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(file));
        assertUnchanged();
        return r;
    }

    private void assertRejected(IngestResult r, String... fragments) {
        assertThat(r.ok()).isFalse();
        assertThat(r.round()).isNull();
        FileOutcome f = r.files().get(0);
        assertThat(f.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(f.labels()).isZero();
        List<String> lines = f.messages();
        assertThat(lines).as("no problem line contains all of " + Arrays.toString(fragments) + "\n" + String.join("\n", lines))
                .anySatisfy(line -> assertThat(line).contains(fragments));
        assertThat(lines.get(lines.size() - 1)).contains("nothing from this file was stored");
    }

    private void assertSummary(IngestResult r, int problems, int fine, int rows) {
        List<String> lines = r.files().get(0).messages();
        assertThat(lines.get(lines.size() - 1)).contains(problems + " problem" + (problems == 1 ? "" : "s") + "; "
                + fine + " of " + rows + " rows were fine");
    }

    private void assertUnchanged() throws IOException {
        assertThat(snapshot()).as("label storage changed").isEqualTo(before);
    }

    private Map<String, String> snapshot() throws IOException {
        Path dir = LabelStore.forKey(export.keyFile()).dir();
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return out;
    }
}
