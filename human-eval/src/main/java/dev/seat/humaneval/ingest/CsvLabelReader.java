package dev.seat.humaneval.ingest;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvValidationException;
import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.SheetColumns;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads returned sheets and Label Studio CSV exports.
 *
 * <p>Accepts UTF-8 with or without a byte order mark, comma, semicolon or tab separators
 * (chosen by which one makes the header contain {@code item_id}), RFC 4180 quoting with fields
 * spanning lines, header cells in any case with spaces for underscores, extra columns (ignored),
 * columns in any order and completely empty rows (skipped). Rows are reported as spreadsheet rows
 * (the header is row 1). An {@code annotator} column (Label Studio's CSV export) names the
 * tool's user.
 */
public final class CsvLabelReader {
    private static final char[] SEPARATORS = {',', ';', '\t'};

    private CsvLabelReader() {}

    public static ParsedFile read(Path file, byte[] bytes) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = TextDecoding.utf8(bytes);
        } catch (TextDecoding.NotUtf8 e) {
            return ParsedFile.failed(file, "CSV", Problem.ofFile(name,
                    "the file is not UTF-8 text (first bad byte at line " + e.line + ", byte " + e.byteOffset + ")",
                    "a CSV saved as UTF-8 (in Excel: Save As → CSV UTF-8)"));
        }
        if (text.isBlank()) {
            return ParsedFile.failed(file, "CSV", Problem.ofFile(name, "the file is empty",
                    "a sheet with the header " + String.join(",", SheetColumns.SHEET)));
        }
        char sep = detectSeparator(text);
        String format = "CSV (" + (sep == '\t' ? "tab" : "'" + sep + "'") + " separated)";
        List<String[]> records = new ArrayList<>();
        List<Long> startLines = new ArrayList<>();
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(text))
                .withCSVParser(new RFC4180ParserBuilder().withSeparator(sep).build())
                .build()) {
            long before = 0;
            String[] rec;
            while ((rec = reader.readNext()) != null) {
                records.add(rec);
                startLines.add(before + 1);
                before = reader.getLinesRead();
            }
        } catch (IOException | CsvValidationException | RuntimeException e) {
            return ParsedFile.failed(file, format, Problem.ofFile(name,
                    "not a readable CSV file (" + e.getMessage() + ")",
                    "RFC 4180 CSV: fields with separators, quotes or line breaks in double quotes, quotes doubled"));
        }

        String[] header = records.get(0);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.putIfAbsent(SheetColumns.normalizeHeader(header[i]), i);
        }
        List<Problem> missing = new ArrayList<>();
        for (String required : SheetColumns.REQUIRED) {
            if (!col.containsKey(required)) {
                missing.add(new Problem(name, "row 1 (header)", required, null,
                        "missing column; the header has: " + String.join(", ", cleanHeader(header)),
                        "a header with " + String.join(", ", SheetColumns.SHEET)
                                + " (comment is optional; order and extra columns do not matter)"));
            }
        }
        if (!missing.isEmpty()) {
            return new ParsedFile(file, format, List.of(), missing);
        }

        List<SourceRow> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            String[] rec = records.get(r);
            if (allBlank(rec)) {
                continue;
            }
            long line = startLines.get(r);
            String location = "row " + (r + 1) + (line != r + 1 ? " (line " + line + ")" : "");
            rows.add(new SourceRow(location,
                    cell(rec, col, SheetColumns.ITEM_ID),
                    cell(rec, col, SheetColumns.QUESTION),
                    cell(rec, col, SheetColumns.RESPONSE),
                    cell(rec, col, SheetColumns.EXPORT_ID),
                    cell(rec, col, SheetColumns.ASSIGNED_TO),
                    cell(rec, col, "annotator"),
                    cell(rec, col, Criterion.REFUSAL.column()),
                    cell(rec, col, Criterion.ENTAILMENT.column()),
                    cell(rec, col, SheetColumns.COMMENT)));
        }
        return new ParsedFile(file, format, rows, List.of());
    }

    private static List<String> cleanHeader(String[] header) {
        List<String> out = new ArrayList<>();
        for (String h : header) {
            out.add(h.strip().replace("\uFEFF", ""));
        }
        return out;
    }

    /** The separator whose split of the first line yields an item_id column; comma otherwise. */
    static char detectSeparator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        for (char sep : SEPARATORS) {
            for (String cell : first.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1)) {
                String c = cell.strip();
                if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                    c = c.substring(1, c.length() - 1);
                }
                if (SheetColumns.normalizeHeader(c).equals(SheetColumns.ITEM_ID)) {
                    return sep;
                }
            }
        }
        int commas = count(first, ','), semis = count(first, ';'), tabs = count(first, '\t');
        if (semis > commas && semis >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }

    private static boolean allBlank(String[] rec) {
        for (String s : rec) {
            if (s != null && !s.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String cell(String[] rec, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        if (i == null) {
            return null;
        }
        return i < rec.length ? rec[i] : "";
    }
}
