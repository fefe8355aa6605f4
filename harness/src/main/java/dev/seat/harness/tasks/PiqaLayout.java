package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PIQA rows ({@code goal}, {@code sol1}, {@code sol2}). The authors' release keeps the labels
 * in a separate file, one {@code 0}/{@code 1} a line aligned with the rows
 * ({@code valid-labels.lst}); Hugging Face exports carry a {@code label} field instead. Either
 * way the documents get an integer {@code label}.
 */
public final class PiqaLayout {
    private PiqaLayout() {}

    public static List<ObjectNode> load(Path file, Path labelsFile) {
        List<JsonRows.Row> rows = JsonRows.read(file);
        List<Integer> labels = labelsFile == null ? null : readLabels(labelsFile);
        if (labels != null && labels.size() != rows.size()) {
            throw new DataFileException(labelsFile + " has " + labels.size() + " labels but " + file + " has "
                    + rows.size() + " rows; the two files must be aligned line by line");
        }
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonRows.Row row = rows.get(i);
            ObjectNode n = row.node();
            for (String field : List.of("goal", "sol1", "sol2")) {
                ArcLayouts.requireField(row, field);
            }
            if (labels != null) {
                n.put("label", labels.get(i));
            } else if (!n.has("label")) {
                throw row.error("no \"label\" field and no labels file; PIQA's original release keeps labels in "
                        + "a separate file: set \"labels\" in the task's dataset, e.g. \"piqa/valid-labels.lst\"");
            } else if (!n.get("label").isInt()) {
                n.put("label", Integer.parseInt(n.get("label").asText().trim()));
            }
            docs.add(n);
        }
        return docs;
    }

    private static List<Integer> readLabels(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty() && i == lines.size() - 1) {
                break;
            }
            if (!s.equals("0") && !s.equals("1")) {
                throw DataFileException.atLine(file, i + 1, "expected a label 0 or 1, got '" + s + "'");
            }
            labels.add(Integer.parseInt(s));
        }
        return labels;
    }
}
