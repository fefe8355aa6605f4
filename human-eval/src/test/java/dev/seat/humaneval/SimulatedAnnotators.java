package dev.seat.humaneval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriter;
import com.opencsv.RFC4180ParserBuilder;
import dev.seat.harness.results.Json;
import dev.seat.humaneval.key.ExportKey;
import dev.seat.humaneval.key.KeyItem;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fills exported sheets the way annotators and their tools would. Labels are given per response
 * row id ("s0", "f3", ...) as "R,E" with 1/0 or empty, e.g. "1,0" or "0," or ",".
 */
public final class SimulatedAnnotators {
    private SimulatedAnnotators() {}

    /** Reads a CSV written by the exporter (or by {@link #writeCsv}). */
    public static List<String[]> readCsv(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            char sep = text.substring(0, text.indexOf('\n')).contains(";") ? ';' : ',';
            try (CSVReader r = new CSVReaderBuilder(new StringReader(text))
                    .withCSVParser(new RFC4180ParserBuilder().withSeparator(sep).build()).build()) {
                return r.readAll();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Writes rows as CSV with the given separator, optional BOM, CRLF line ends. */
    public static void writeCsv(Path file, List<String[]> rows, char sep, boolean bom) {
        StringWriter sw = new StringWriter();
        try (CSVWriter w = new CSVWriter(sw, sep, '"', '"', "\r\n")) {
            for (String[] r : rows) {
                w.writeNext(r, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, (bom ? "\uFEFF" : "") + sw, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row id of each item id. */
    public static Map<String, String> rowIds(ExportKey key) {
        Map<String, String> out = new java.util.HashMap<>();
        for (KeyItem i : key.items()) {
            out.put(i.itemId(), i.rowId());
        }
        return out;
    }

    /**
     * The exported sheet with refusal_outcome/semantic_entailment filled from {@code labels}
     * (row id → "R,E"), each value mapped through {@code spell} ("1" → "yes", ...).
     */
    public static List<String[]> filledSheet(Path sheet, ExportKey key, Map<String, String> labels,
                                             Function<String, String> spell) {
        Map<String, String> rowIds = rowIds(key);
        List<String[]> rows = readCsv(sheet);
        List<String[]> out = new ArrayList<>();
        out.add(rows.get(0));
        for (String[] r : rows.subList(1, rows.size())) {
            String[] copy = r.clone();
            String[] re = labels.getOrDefault(rowIds.get(r[0]), ",").split(",", -1);
            copy[3] = re[0].isEmpty() ? "" : spell.apply(re[0]);
            copy[4] = re[1].isEmpty() ? "" : spell.apply(re[1]);
            out.add(copy);
        }
        return out;
    }

    /** A Label Studio JSON export of the exported tasks file, annotated by user {@code userId}. */
    public static void writeLabelStudioExport(Path tasksFile, Path target, ExportKey key, Map<String, String> labels,
                                              int userId) {
        Map<String, String> rowIds = rowIds(key);
        JsonNode tasks = Json.read(tasksFile);
        ArrayNode export = Json.MAPPER.createArrayNode();
        int id = 100;
        for (JsonNode t : tasks) {
            ObjectNode task = export.addObject();
            task.put("id", ++id);
            task.put("project", 3);
            task.set("data", t.get("data").deepCopy());
            ArrayNode annotations = task.putArray("annotations");
            String re = labels.get(rowIds.get(t.get("data").get("item_id").asText()));
            if (re == null) {
                continue;
            }
            ObjectNode ann = annotations.addObject();
            ann.put("id", id * 10);
            ann.put("completed_by", userId);
            ann.put("was_cancelled", false);
            ArrayNode result = ann.putArray("result");
            String[] parts = re.split(",", -1);
            addChoice(result, Criterion.REFUSAL.column(), parts[0]);
            addChoice(result, Criterion.ENTAILMENT.column(), parts[1]);
        }
        Json.write(target, export);
    }

    private static void addChoice(ArrayNode result, String name, String v) {
        if (v.isEmpty()) {
            return;
        }
        ObjectNode r = result.addObject();
        r.put("from_name", name);
        r.put("to_name", "response");
        r.put("type", "choices");
        r.putObject("value").putArray("choices").add(v.equals("1") ? "Yes" : "No");
    }

    public static String yesNo(String v) {
        return v.equals("1") ? "yes" : "no";
    }
}
