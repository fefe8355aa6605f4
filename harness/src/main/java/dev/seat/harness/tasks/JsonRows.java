package dev.seat.harness.tasks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON objects from a JSON Lines file (one object a line, blank lines skipped) or from a
 * file holding one JSON array of objects; which of the two is decided by the first character.
 * Every row keeps the line it starts on, so errors can name it.
 */
public final class JsonRows {
    private JsonRows() {}

    /** One object of a data file and the 1-based line it starts on. */
    public record Row(Path file, long line, ObjectNode node) {
        /** An error about this row, naming file and line. */
        public DataFileException error(String message) {
            return DataFileException.atLine(file, line, message);
        }
    }

    /** The rows of {@code file}; a {@code .parquet} file is read by {@link ParquetRows}. */
    public static List<Row> read(Path file) {
        if (file.getFileName().toString().endsWith(".parquet")) {
            return ParquetRows.read(file);
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return text.stripLeading().startsWith("[") ? readArray(file, text) : readLines(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Row> readLines(Path file, String text) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(text))) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw DataFileException.atLine(file, lineNo, "not valid JSON (" + e.getOriginalMessage() + ")");
                }
                if (!(node instanceof ObjectNode object)) {
                    throw DataFileException.atLine(file, lineNo, "expected a JSON object, got " + node.getNodeType());
                }
                rows.add(new Row(file, lineNo, object));
            }
        }
        return rows;
    }

    private static List<Row> readArray(Path file, String text) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            try {
                parser.nextToken(); // START_ARRAY
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    long line = parser.currentTokenLocation().getLineNr();
                    if (token == null) {
                        throw DataFileException.atLine(file, line, "the JSON array is not closed");
                    }
                    if (token != JsonToken.START_OBJECT) {
                        throw DataFileException.atLine(file, line, "expected a JSON object in the array, got " + token);
                    }
                    rows.add(new Row(file, line, parser.readValueAsTree()));
                }
            } catch (JsonProcessingException e) {
                throw DataFileException.atLine(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                        "not valid JSON (" + e.getOriginalMessage() + ")");
            }
        }
        return rows;
    }
}
