package dev.seat.humaneval.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.SheetColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Label Studio exports of a project set up with {@code labeling-config.xml}.
 *
 * <ul>
 *   <li><b>JSON</b>: tasks with {@code data} and {@code annotations}; each annotation that was
 *       not cancelled is one row; its {@code result} entries named {@code refusal_outcome},
 *       {@code semantic_entailment} and {@code comment} give the values; {@code completed_by}
 *       (a user id or an object with email/id) is the tool's user. A task without annotations
 *       is one unlabelled row.</li>
 *   <li><b>JSON-MIN</b>: one flat object per annotation with the data fields, the answers
 *       under the question names (a string, or {@code {"choices": [...]}}) and {@code annotator}.</li>
 * </ul>
 */
public final class LabelStudioReader {
    private LabelStudioReader() {}

    static boolean looksLikeFullExport(JsonNode first) {
        return first.has("annotations") || first.path("data").isObject();
    }

    public static ParsedFile readFull(Path file, List<JsonNode> tasks) {
        List<SourceRow> rows = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            JsonNode task = tasks.get(t);
            JsonNode data = task.path("data");
            String where = "task " + (t + 1) + (task.has("id") ? " (id " + task.get("id").asText() + ")" : "");
            List<JsonNode> annotations = new ArrayList<>();
            task.path("annotations").forEach(a -> {
                if (!a.path("was_cancelled").asBoolean(false)) {
                    annotations.add(a);
                }
            });
            if (annotations.isEmpty()) {
                rows.add(row(where, data, null, null, null, null));
                continue;
            }
            for (int a = 0; a < annotations.size(); a++) {
                JsonNode ann = annotations.get(a);
                String refusal = null, entailment = null, comment = null;
                for (JsonNode r : ann.path("result")) {
                    String from = r.path("from_name").asText("");
                    JsonNode value = r.path("value");
                    if (from.equals(Criterion.REFUSAL.column())) {
                        refusal = JsonRecords.text(value.has("choices") ? value.get("choices") : value);
                    } else if (from.equals(Criterion.ENTAILMENT.column())) {
                        entailment = JsonRecords.text(value.has("choices") ? value.get("choices") : value);
                    } else if (from.equals(SheetColumns.COMMENT)) {
                        comment = JsonRecords.text(value.has("text") ? value.get("text") : value);
                    }
                }
                String loc = where + ", annotation " + (a + 1);
                rows.add(row(loc, data, user(ann.path("completed_by")), refusal, entailment, comment));
            }
        }
        return new ParsedFile(file, "Label Studio JSON", rows, List.of());
    }

    public static ParsedFile readMin(Path file, List<JsonNode> records) {
        List<SourceRow> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String where = "record " + (i + 1) + (r.has("id") ? " (task id " + r.get("id").asText() + ")" : "");
            rows.add(row(where, r, user(r.path("annotator")),
                    JsonRecords.text(r.get(Criterion.REFUSAL.column())),
                    JsonRecords.text(r.get(Criterion.ENTAILMENT.column())),
                    JsonRecords.text(r.get(SheetColumns.COMMENT))));
        }
        return new ParsedFile(file, "Label Studio JSON-MIN", rows, List.of());
    }

    private static SourceRow row(String where, JsonNode data, String user, String refusal, String entailment,
                                 String comment) {
        return new SourceRow(where,
                JsonRecords.text(data.get(SheetColumns.ITEM_ID)),
                JsonRecords.text(data.get(SheetColumns.QUESTION)),
                JsonRecords.text(data.get(SheetColumns.RESPONSE)),
                JsonRecords.text(data.get(SheetColumns.EXPORT_ID)),
                JsonRecords.text(data.get(SheetColumns.ASSIGNED_TO)),
                user, refusal, entailment, comment);
    }

    private static String user(JsonNode completedBy) {
        if (completedBy == null || completedBy.isMissingNode() || completedBy.isNull()) {
            return null;
        }
        if (completedBy.isObject()) {
            if (completedBy.hasNonNull("email")) {
                return completedBy.get("email").asText();
            }
            return completedBy.hasNonNull("id") ? "label-studio-user-" + completedBy.get("id").asText() : null;
        }
        String s = completedBy.asText();
        return s.contains("@") ? s : "label-studio-user-" + s;
    }
}
