package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TriviaQA in the Hugging Face {@code trivia_qa/rc.nocontext} layout ({@code question},
 * {@code answer: {value, aliases, ..}}), taken as it is, or in MosaicML's gauntlet layout
 * ({@code context: "Question: ..\nAnswer:"}, {@code answer}, {@code aliases}), whose question is
 * the text between {@code "Question: "} and {@code "\nAnswer:"}.
 */
public final class TriviaQaLayout {
    private static final String PREFIX = "Question: ";
    private static final String SUFFIX = "\nAnswer:";

    private TriviaQaLayout() {}

    public static List<ObjectNode> load(Path file, Path labels) {
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonRows.Row row : JsonRows.read(file)) {
            ObjectNode n = row.node();
            JsonNode answer = n.get("answer");
            if (n.has("question") && answer != null && answer.path("aliases").isArray()) {
                docs.add(n);
            } else if (n.has("context") && n.path("aliases").isArray()) {
                String context = n.get("context").asText();
                if (!context.startsWith(PREFIX) || !context.endsWith(SUFFIX)) {
                    throw row.error("\"context\" should read \"Question: ...\\nAnswer:\", got \"" + context + "\"");
                }
                ObjectNode doc = Json.object();
                doc.put("question", context.substring(PREFIX.length(), context.length() - SUFFIX.length()));
                ObjectNode a = doc.putObject("answer");
                a.put("value", ArcLayouts.requireField(row, "answer").asText());
                a.set("aliases", n.get("aliases"));
                docs.add(doc);
            } else {
                throw row.error("fits none of the layouts: Hugging Face {\"question\", \"answer\": {\"aliases\"}} "
                        + "or MosaicML {\"context\", \"answer\", \"aliases\"}; fields present: " + ArcLayouts.fieldNames(n));
            }
        }
        return docs;
    }
}
