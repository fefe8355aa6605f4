package dev.seat.humaneval.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.SheetColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Argilla (2.x) records of a dataset with text fields {@code question}, {@code response},
 * label questions {@code refusal_outcome} and {@code semantic_entailment} and an optional text
 * question {@code comment}, with {@code item_id} as metadata or as the record id.
 *
 * <p>Both shapes of {@code records.to_list()} / {@code to_json()} are read: flattened
 * ({@code "refusal_outcome.responses": [...]}, {@code "refusal_outcome.responses.users": [...]},
 * {@code "refusal_outcome.responses.status": [...]}, fields and metadata at top level) and nested
 * ({@code "fields"}, {@code "metadata"}, {@code "responses": {"refusal_outcome": [{"value", "user_id"}]}}).
 * Each user's answers to one record are one row; responses with status {@code draft} or
 * {@code discarded} are left out. A record nobody answered is one unlabelled row.
 */
public final class ArgillaReader {
    private static final String[] QUESTIONS = {
        Criterion.REFUSAL.column(), Criterion.ENTAILMENT.column(), SheetColumns.COMMENT
    };

    private ArgillaReader() {}

    static boolean looksLikeArgilla(JsonNode first) {
        return JsonRecords.hasFieldEndingWith(first, ".responses")
                || (first.path("responses").isObject() && first.path("fields").isObject());
    }

    public static ParsedFile read(Path file, List<JsonNode> records) {
        List<SourceRow> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            boolean nested = r.path("fields").isObject();
            JsonNode fields = nested ? r.path("fields") : r;
            JsonNode metadata = nested ? r.path("metadata") : r;
            String itemId = JsonRecords.text(metadata.get(SheetColumns.ITEM_ID));
            if (itemId == null) {
                itemId = JsonRecords.text(fields.get(SheetColumns.ITEM_ID));
            }
            if (itemId == null) {
                itemId = JsonRecords.text(r.get("id"));
            }
            Map<String, Map<String, String>> byUser = nested ? nestedAnswers(r) : flatAnswers(r);
            String where = "record " + (i + 1);
            if (byUser.isEmpty()) {
                byUser.put(null, Map.of());
            }
            for (var e : byUser.entrySet()) {
                Map<String, String> answers = e.getValue();
                rows.add(new SourceRow(
                        e.getKey() == null ? where : where + ", user " + e.getKey(),
                        itemId,
                        JsonRecords.text(fields.get(SheetColumns.QUESTION)),
                        JsonRecords.text(fields.get(SheetColumns.RESPONSE)),
                        JsonRecords.text(metadata.get(SheetColumns.EXPORT_ID)),
                        JsonRecords.text(metadata.get(SheetColumns.ASSIGNED_TO)),
                        e.getKey(),
                        answers.get(Criterion.REFUSAL.column()),
                        answers.get(Criterion.ENTAILMENT.column()),
                        answers.get(SheetColumns.COMMENT)));
            }
        }
        return new ParsedFile(file, "Argilla records", rows, List.of());
    }

    private static Map<String, Map<String, String>> flatAnswers(JsonNode r) {
        Map<String, Map<String, String>> byUser = new LinkedHashMap<>();
        for (String q : QUESTIONS) {
            JsonNode values = r.path(q + ".responses");
            JsonNode users = r.path(q + ".responses.users");
            JsonNode status = r.path(q + ".responses.status");
            for (int k = 0; k < values.size(); k++) {
                if (skipped(status.path(k))) {
                    continue;
                }
                String user = users.has(k) ? users.get(k).asText() : "user-" + (k + 1);
                byUser.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(q, JsonRecords.text(values.get(k)));
            }
        }
        return byUser;
    }

    private static Map<String, Map<String, String>> nestedAnswers(JsonNode r) {
        Map<String, Map<String, String>> byUser = new LinkedHashMap<>();
        for (String q : QUESTIONS) {
            JsonNode list = r.path("responses").path(q);
            for (int k = 0; k < list.size(); k++) {
                JsonNode resp = list.get(k);
                if (skipped(resp.path("status"))) {
                    continue;
                }
                String user = resp.hasNonNull("user_id") ? resp.get("user_id").asText() : "user-" + (k + 1);
                byUser.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(q, JsonRecords.text(resp.get("value")));
            }
        }
        return byUser;
    }

    private static boolean skipped(JsonNode status) {
        String s = status.isMissingNode() || status.isNull() ? "" : status.asText();
        return s.equalsIgnoreCase("draft") || s.equalsIgnoreCase("discarded");
    }
}
