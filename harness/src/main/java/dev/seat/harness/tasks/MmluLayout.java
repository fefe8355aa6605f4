package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MMLU in the Hugging Face {@code cais/mmlu} layout ({@code question}, {@code subject},
 * {@code choices: [4]}, {@code answer: 0..3}). Reads Hendrycks' original CSV files (no header;
 * question, A, B, C, D, answer letter; subject from the file name {@code <subject>_<split>.csv})
 * or JSON rows in the Hugging Face layout, whose answer may also be a letter.
 */
public final class MmluLayout {
    private MmluLayout() {}

    public static List<ObjectNode> load(Path file, Path labels) {
        return file.getFileName().toString().endsWith(".csv") ? fromCsv(file) : fromJson(file);
    }

    private static List<ObjectNode> fromCsv(Path file) {
        String subject = subjectOf(file);
        List<ObjectNode> docs = new ArrayList<>();
        for (CsvRows.Record r : CsvRows.read(file)) {
            if (r.fields().size() != 6) {
                throw r.error("expected 6 fields (question, A, B, C, D, answer) with no header, got " + r.fields().size());
            }
            ObjectNode doc = Json.object();
            doc.put("question", r.fields().get(0));
            doc.put("subject", subject);
            ArrayNode choices = doc.putArray("choices");
            for (int i = 1; i <= 4; i++) {
                choices.add(r.fields().get(i));
            }
            String answer = r.fields().get(5).trim();
            if (!answer.matches("[ABCD]")) {
                throw r.error("answer must be one of A, B, C, D, got '" + answer + "'"
                        + (answer.equals("answer") ? " (this looks like a header row; MMLU CSVs have none)" : ""));
            }
            doc.put("answer", answer.charAt(0) - 'A');
            docs.add(doc);
        }
        return docs;
    }

    private static List<ObjectNode> fromJson(Path file) {
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonRows.Row row : JsonRows.read(file)) {
            ObjectNode n = row.node();
            ArcLayouts.requireField(row, "question");
            JsonNode choices = ArcLayouts.requireField(row, "choices");
            JsonNode answer = ArcLayouts.requireField(row, "answer");
            if (!choices.isArray() || choices.size() != 4) {
                throw row.error("\"choices\" must be a list of 4, got " + choices);
            }
            if (answer.isTextual() && answer.asText().matches("[ABCD]")) {
                n.put("answer", answer.asText().charAt(0) - 'A');
            } else if (!answer.isIntegralNumber() || answer.asInt() < 0 || answer.asInt() > 3) {
                throw row.error("\"answer\" must be 0..3 or A..D, got " + answer);
            }
            if (!n.has("subject")) {
                n.put("subject", subjectOf(file));
            }
            docs.add(n);
        }
        return docs;
    }

    /** {@code abstract_algebra_test.csv} → {@code abstract_algebra}. */
    static String subjectOf(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return name.replaceFirst("_(test|dev|val|validation|train|auxiliary_train)$", "");
    }
}
