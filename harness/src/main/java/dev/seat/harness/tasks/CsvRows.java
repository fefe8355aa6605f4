package dev.seat.harness.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a comma-separated file as written by Python's {@code csv} module (RFC 4180): fields
 * may be quoted, quotes inside quoted fields are doubled, quoted fields may span lines. Every
 * record keeps the line it starts on.
 */
public final class CsvRows {
    private CsvRows() {}

    /** One record and the 1-based line it starts on. */
    public record Record(Path file, long line, List<String> fields) {
        public DataFileException error(String message) {
            return DataFileException.atLine(file, line, message);
        }
    }

    public static List<Record> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        long line = 1;
        long recordLine = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0) {
                        throw DataFileException.atLine(file, line, "a quote inside an unquoted field");
                    }
                    quoted = true;
                    fieldWasQuoted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                }
                case '\r' -> {
                    // part of a \r\n line end; a lone \r is treated the same way
                }
                case '\n' -> {
                    boolean blankLine = fields.isEmpty() && field.length() == 0 && !fieldWasQuoted;
                    if (!blankLine) { // Python's csv reader skips blank lines too
                        fields.add(field.toString());
                        records.add(new Record(file, recordLine, List.copyOf(fields)));
                    }
                    fields.clear();
                    field.setLength(0);
                    fieldWasQuoted = false;
                    line++;
                    recordLine = line;
                }
                default -> {
                    if (fieldWasQuoted) {
                        throw DataFileException.atLine(file, line, "text after the closing quote of a field");
                    }
                    field.append(c);
                }
            }
            i++;
        }
        if (quoted) {
            throw DataFileException.atLine(file, recordLine, "a quoted field is not closed before the end of the file");
        }
        if (field.length() > 0 || !fields.isEmpty() || fieldWasQuoted) {
            fields.add(field.toString());
            records.add(new Record(file, recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
