package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * TruthfulQA multiple-choice rows in the Hugging Face {@code truthful_qa/multiple_choice}
 * layout ({@code question}, {@code mc1_targets: {choices: [..], labels: [..]}}, same for
 * {@code mc2_targets}). Reads that layout or the authors' {@code data/v1/mc_task.json}, whose
 * targets are {@code {"answer text": 0/1}} objects; the answers keep the file's order.
 */
public final class TruthfulQaLayout {
    private TruthfulQaLayout() {}

    public static List<ObjectNode> load(Path file, Path labels) {
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonRows.Row row : JsonRows.read(file)) {
            ObjectNode n = row.node();
            ArcLayouts.requireField(row, "question");
            for (String key : List.of("mc1_targets", "mc2_targets")) {
                JsonNode targets = ArcLayouts.requireField(row, key);
                if (targets.path("choices").isArray() && targets.path("labels").isArray()) {
                    continue;
                }
                if (!targets.isObject() || targets.isEmpty()) {
                    throw row.error("\"" + key + "\" must be {\"choices\": [..], \"labels\": [..]} or {\"answer\": 0/1, ..}, got " + targets);
                }
                ObjectNode converted = n.objectNode();
                ArrayNode choices = converted.putArray("choices");
                ArrayNode labelList = converted.putArray("labels");
                for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isInt() || (e.getValue().asInt() != 0 && e.getValue().asInt() != 1)) {
                        throw row.error("\"" + key + "\" label of \"" + e.getKey() + "\" must be 0 or 1, got " + e.getValue());
                    }
                    choices.add(e.getKey());
                    labelList.add(e.getValue().asInt());
                }
                n.set(key, converted);
            }
            docs.add(n);
        }
        return docs;
    }
}
