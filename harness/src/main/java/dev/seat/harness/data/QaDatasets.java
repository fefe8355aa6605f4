package dev.seat.harness.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import dev.seat.harness.tasks.JsonRows;
import dev.seat.harness.tasks.ParquetRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads question/answer datasets in the public releases' formats: a JSON array or JSON Lines of
 * records with {@code question} (or LUNAR's {@code instruction}, or {@code prompt}) and optional
 * {@code answer} (or {@code response}/{@code output}), {@code id}, {@code entity}/{@code entities},
 * and PISTOL's {@code edge}; or the same records as rows of a Parquet file (as Hub datasets such as
 * TOFU ship them). A malformed record is reported with file and line (a Parquet file's row number).
 */
public final class QaDatasets {
    private QaDatasets() {}

    public static List<QaItem> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": dataset file not found");
        }
        if (file.getFileName().toString().endsWith(".parquet")) {
            List<QaItem> out = new ArrayList<>();
            for (JsonRows.Row row : ParquetRows.read(file)) {
                out.add(item(file, (int) row.line(), out.size(), row.node()));
            }
            return out;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DatasetException(file + ": not UTF-8 text; save the dataset as UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dataset " + file, e);
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1);
        }
        return trimmed.startsWith("[") ? readArray(file, trimmed) : readLines(file, text);
    }

    private static List<QaItem> readArray(Path file, String text) {
        List<QaItem> out = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.createParser(text)) {
            p.nextToken(); // [
            int index = 0;
            while (p.nextToken() != null && p.currentToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                int line = p.currentLocation().getLineNr();
                JsonNode node = Json.MAPPER.readTree(p);
                out.add(item(file, line, index++, node));
            }
        } catch (JsonProcessingException e) {
            throw new DatasetException(file + (e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr())
                    + ": malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dataset " + file, e);
        }
        return out;
    }

    private static List<QaItem> readLines(Path file, String text) {
        List<QaItem> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int index = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DatasetException(file + " line " + (i + 1) + ": malformed JSON: " + e.getOriginalMessage());
            }
            out.add(item(file, i + 1, index++, node));
        }
        return out;
    }

    private static QaItem item(Path file, int line, int index, JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new DatasetException(file + " line " + line + ": expected a JSON object, found " + n);
        }
        String question = firstText(n, "question", "instruction", "prompt");
        if (question == null) {
            throw new DatasetException(file + " line " + line
                    + ": record has no 'question' (or 'instruction'/'prompt') string; keys found: " + keys(n));
        }
        String answer = firstText(n, "answer", "response", "output");
        String id = n.hasNonNull("id") ? n.get("id").asText() : Integer.toString(index);
        List<String> entities = new ArrayList<>();
        if (n.hasNonNull("entity")) {
            entities.add(n.get("entity").asText());
        }
        if (n.has("entities") && n.get("entities").isArray()) {
            n.get("entities").forEach(e -> entities.add(e.asText()));
        }
        return new QaItem(id, question, answer, entities);
    }

    private static String firstText(JsonNode n, String... keys) {
        for (String k : keys) {
            JsonNode v = n.get(k);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return null;
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }
}
