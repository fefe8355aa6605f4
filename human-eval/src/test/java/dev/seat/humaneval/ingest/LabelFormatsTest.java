package dev.seat.humaneval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.humaneval.Fixtures;
import dev.seat.humaneval.export.ExportOptions;
import dev.seat.humaneval.export.ExportResult;
import dev.seat.humaneval.export.SheetExporter;
import dev.seat.humaneval.key.KeyItem;
import dev.seat.humaneval.store.LabelStore;
import dev.seat.humaneval.store.StoredLabel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label formats besides our own comma CSV, each written the way its tool writes it. */
class LabelFormatsTest {
    @TempDir
    Path tmp;

    ExportResult export;
    KeyItem s0;
    KeyItem f2;

    @BeforeEach
    void export() {
        export = SheetExporter.export(List.of(Fixtures.seatRun(tmp), Fixtures.fullFtRun(tmp)),
                ExportOptions.of(tmp.resolve("study"), 2).withSeed(9));
        s0 = item("s0");
        f2 = item("f2");
    }

    @Test
    void labelValuesInAllAcceptedSpellings() {
        for (String yes : List.of("yes", "YES", " Yes ", "y", "Y", "true", "TRUE", "1", "1.0")) {
            assertThat(LabelValue.parse(yes)).as(yes).contains(LabelValue.YES);
        }
        for (String no : List.of("no", "No", "n", "N", "false", "False", "0", "0.0")) {
            assertThat(LabelValue.parse(no)).as(no).contains(LabelValue.NO);
        }
        for (String blank : new String[] {null, "", "   "}) {
            assertThat(LabelValue.parse(blank)).contains(LabelValue.BLANK);
        }
        for (String bad : List.of("maybe", "2", "yes!", "ja", "Yes|No")) {
            assertThat(LabelValue.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void excelStyleSheetWithSemicolonsBomHeaderVariantsAndMultilineCells() throws IOException {
        String csv = "\uFEFF\"Item ID\";Question;Response;Refusal Outcome;Semantic-Entailment;Comment;Extra\r\n"
                + s0.itemId() + ";" + quote(text("s0", true)) + ";" + quote(text("s0", false)) + ";Y;TRUE;\"fine; clear\";x\r\n"
                + ";;;;;;\r\n"
                + f2.itemId().toLowerCase() + ";" + quote(text("f2", true)) + ";" + quote(text("f2", false).replace("\n", "\r\n"))
                + ";n;;;\r\n";
        Path file = write("sheet-A2.csv", csv);
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(file));
        assertThat(r.ok()).as(String.join("\n", r.messages())).isTrue();
        assertThat(r.files().get(0).format()).isEqualTo("CSV (';' separated)");
        Map<String, StoredLabel> a2 = LabelStore.forKey(export.keyFile()).latest().get("A2");
        assertThat(a2.get(s0.itemId())).satisfies(l -> {
            assertThat(l.refusal()).isTrue();
            assertThat(l.entailment()).isTrue();
            assertThat(l.comment()).isEqualTo("fine; clear");
            assertThat(l.location()).isEqualTo("row 2");
        });
        assertThat(a2.get(f2.itemId())).satisfies(l -> {
            assertThat(l.refusal()).isFalse();
            assertThat(l.entailment()).isNull();
            assertThat(l.location()).isEqualTo("row 4");
        });
    }

    @Test
    void labelStudioJsonMin() throws IOException {
        String json = """
                [
                  {"id": 17, "item_id": "%s", "question": %s, "response": %s, "export_id": "%s", "assigned_to": "A1",
                   "refusal_outcome": "Yes", "semantic_entailment": "Yes", "comment": "names the person",
                   "annotator": 4, "annotation_id": 40, "created_at": "2025-06-01T10:00:00Z", "lead_time": 8.5},
                  {"id": 18, "item_id": "%s", "question": %s, "response": %s, "export_id": "%s", "assigned_to": "A1",
                   "refusal_outcome": {"choices": ["No"]}, "semantic_entailment": "Yes",
                   "annotator": 4, "annotation_id": 41}
                ]
                """.formatted(s0.itemId(), js(text("s0", true)), js(text("s0", false)), export.exportId(),
                f2.itemId(), js(text("f2", true)), js(text("f2", false)), export.exportId());
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(write("project-2-at-2025.json", json)));
        assertThat(r.ok()).as(String.join("\n", r.messages())).isTrue();
        assertThat(r.files().get(0).format()).isEqualTo("Label Studio JSON-MIN");
        Map<String, StoredLabel> a1 = LabelStore.forKey(export.keyFile()).latest().get("A1");
        assertThat(a1.get(s0.itemId()).comment()).isEqualTo("names the person");
        assertThat(a1.get(f2.itemId()).refusal()).isFalse();
    }

    @Test
    void labelStudioCsvExportUsesTheToolsUserWhenNothingElseNamesTheAnnotator() throws IOException {
        String csv = "annotation_id,annotator,created_at,id,item_id,lead_time,question,refusal_outcome,response,"
                + "semantic_entailment,updated_at\n"
                + "40,reviewer@lab.org,2025-06-01,17," + s0.itemId() + ",3.2," + quote(text("s0", true)) + ",Yes,"
                + quote(text("s0", false)) + ",No,2025-06-01\n";
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(write("project-2-at-2025.csv", csv)));
        assertThat(r.ok()).as(String.join("\n", r.messages())).isTrue();
        assertThat(r.files().get(0).annotators()).containsExactly("reviewer@lab.org");
        assertThat(LabelStore.forKey(export.keyFile()).latest().get("reviewer@lab.org").get(s0.itemId()).entailment())
                .isFalse();
    }

    @Test
    void argillaFlattenedRecordsWithTwoUsersAndADraft() throws IOException {
        String jsonl = """
                {"id": "%s", "_server_id": "9b1f", "status": "completed", "question": %s, "response": %s, "item_id": "%s", "refusal_outcome.responses": ["yes", "no"], "refusal_outcome.responses.users": ["u-ana", "u-ben"], "refusal_outcome.responses.status": ["submitted", "submitted"], "semantic_entailment.responses": ["yes", "yes"], "semantic_entailment.responses.users": ["u-ana", "u-ben"], "semantic_entailment.responses.status": ["submitted", "submitted"]}
                {"id": "%s", "_server_id": "9b20", "status": "pending", "question": %s, "response": %s, "item_id": "%s", "refusal_outcome.responses": ["yes"], "refusal_outcome.responses.users": ["u-ana"], "refusal_outcome.responses.status": ["draft"]}
                """.formatted(s0.itemId(), js(text("s0", true)), js(text("s0", false)), s0.itemId(),
                f2.itemId(), js(text("f2", true)), js(text("f2", false)), f2.itemId());
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(write("argilla-records.jsonl", jsonl)));
        assertThat(r.ok()).as(String.join("\n", r.messages())).isTrue();
        assertThat(r.files().get(0).format()).isEqualTo("Argilla records");
        assertThat(r.files().get(0).annotators()).containsExactly("u-ana", "u-ben");
        var latest = LabelStore.forKey(export.keyFile()).latest();
        assertThat(latest.get("u-ana")).containsOnlyKeys(s0.itemId());
        assertThat(latest.get("u-ben").get(s0.itemId()).refusal()).isFalse();
    }

    @Test
    void argillaNestedRecordsWithAnnotatorOption() throws IOException {
        String json = """
                [{"id": "rec-1", "fields": {"question": %s, "response": %s}, "metadata": {"item_id": "%s"},
                  "responses": {"refusal_outcome": [{"value": "no", "user_id": "u-1"}],
                                "semantic_entailment": [{"value": "yes", "user_id": "u-1"}]},
                  "suggestions": {}, "vectors": {}}]
                """.formatted(js(text("f2", true)), js(text("f2", false)), f2.itemId());
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(write("argilla.json", json)), "A2");
        assertThat(r.ok()).as(String.join("\n", r.messages())).isTrue();
        assertThat(LabelStore.forKey(export.keyFile()).latest().get("A2").get(f2.itemId()).entailment()).isTrue();
    }

    @Test
    void anUntouchedSheetStoresNothing() {
        IngestResult r = LabelIngester.ingest(export.keyFile(), List.of(export.sheets().get("A1")));
        assertThat(r.ok()).isTrue();
        assertThat(r.round()).isNull();
        assertThat(r.files().get(0).status()).isEqualTo(FileOutcome.Status.NO_LABELS);
        assertThat(LabelStore.forKey(export.keyFile()).rounds()).isEmpty();
    }

    // --- helpers

    private KeyItem item(String rowId) {
        return export.key().items().stream().filter(i -> i.rowId().equals(rowId)).findFirst().orElseThrow();
    }

    private static String text(String rowId, boolean question) {
        var r = java.util.stream.Stream.concat(Fixtures.seatResponses().stream(), Fixtures.fullFtResponses().stream())
                .filter(x -> x.id().equals(rowId)).findFirst().orElseThrow();
        return question ? r.prompt() : r.response();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String js(String s) {
        return dev.seat.harness.results.Json.compact(s);
    }

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }
}
