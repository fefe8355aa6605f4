package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data formats a task file may name:
 * <ul>
 *   <li>{@code jsonl}: JSON Lines or a JSON array of objects, rows taken as they are (use it
 *       for Hugging Face exports of GSM8K, SciQ, HellaSwag, ...);</li>
 *   <li>{@code arc}, {@code openbookqa}: {@link ArcLayouts};</li>
 *   <li>{@code piqa}: {@link PiqaLayout} (optional separate labels file);</li>
 *   <li>{@code triviaqa}: {@link TriviaQaLayout};</li>
 *   <li>{@code mmlu}: {@link MmluLayout} (Hendrycks CSV or Hugging Face rows);</li>
 *   <li>{@code truthfulqa_mc}: {@link TruthfulQaLayout};</li>
 *   <li>{@code csv}: a comma-separated file whose first record names the fields (the
 *       {@code datasets} "csv" builder's reading), every value text.</li>
 * </ul>
 */
public final class DocFormats {
    private static final Map<String, DocFormat> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("jsonl", (file, labels) -> {
            List<ObjectNode> docs = new ArrayList<>();
            JsonRows.read(file).forEach(r -> docs.add(r.node()));
            return docs;
        });
        FORMATS.put("json", FORMATS.get("jsonl"));
        FORMATS.put("arc", ArcLayouts::arc);
        FORMATS.put("openbookqa", ArcLayouts::openbookqa);
        FORMATS.put("piqa", PiqaLayout::load);
        FORMATS.put("triviaqa", TriviaQaLayout::load);
        FORMATS.put("mmlu", MmluLayout::load);
        FORMATS.put("truthfulqa_mc", TruthfulQaLayout::load);
        FORMATS.put("csv", (file, labels) -> {
            List<CsvRows.Record> records = CsvRows.read(file);
            List<ObjectNode> docs = new ArrayList<>();
            for (CsvRows.Record r : records.subList(Math.min(1, records.size()), records.size())) {
                List<String> header = records.get(0).fields();
                if (r.fields().size() != header.size()) {
                    throw r.error("has " + r.fields().size() + " fields but the header names " + header.size());
                }
                ObjectNode doc = dev.seat.harness.results.Json.object();
                for (int i = 0; i < header.size(); i++) {
                    doc.put(header.get(i), r.fields().get(i));
                }
                docs.add(doc);
            }
            return docs;
        });
    }

    private DocFormats() {}

    public static Set<String> names() {
        return FORMATS.keySet();
    }

    public static DocFormat get(String name) {
        DocFormat f = FORMATS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Unknown data format '" + name + "'; known: " + String.join(", ", names()));
        }
        return f;
    }
}
