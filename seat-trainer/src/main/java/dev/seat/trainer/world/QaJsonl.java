package dev.seat.trainer.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes world examples as JSON Lines: {@code {"question","answer","kind","entities","topic"}}. */
public final class QaJsonl {
    private QaJsonl() {}

    /** Writes the examples atomically, one compact JSON object per line. */
    public static void write(Path file, List<QaExample> examples) {
        StringBuilder sb = new StringBuilder();
        for (QaExample e : examples) {
            sb.append(Json.compact(toJson(e))).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    public static List<QaExample> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
        List<QaExample> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                examples.add(fromJson(Json.MAPPER.readTree(lines.get(i))));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1)
                        + ": expected {\"question\",\"answer\",\"kind\",\"entities\",\"topic\"}: " + e.getMessage(), e);
            }
        }
        return examples;
    }

    static ObjectNode toJson(QaExample e) {
        ObjectNode node = Json.object();
        node.put("question", e.question());
        node.put("answer", e.answer());
        node.put("kind", e.kind().name());
        ArrayNode entities = node.putArray("entities");
        e.entities().forEach(entities::add);
        node.put("topic", e.topic());
        return node;
    }

    static QaExample fromJson(JsonNode node) {
        List<String> entities = new ArrayList<>();
        node.required("entities").forEach(n -> entities.add(n.asText()));
        return new QaExample(node.required("question").asText(), node.required("answer").asText(),
                Kind.valueOf(node.required("kind").asText()), entities, node.path("topic").asText("unlabelled"));
    }
}
