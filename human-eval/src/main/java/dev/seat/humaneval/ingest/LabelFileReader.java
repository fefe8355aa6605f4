package dev.seat.humaneval.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the reader for a returned file: {@code .csv}/{@code .tsv}/{@code .txt} are sheets or
 * Label Studio CSV exports ({@link CsvLabelReader}); {@code .json}/{@code .jsonl} are Argilla
 * records when they carry {@code <question>.responses} keys or nested responses
 * ({@link ArgillaReader}), Label Studio JSON when records have {@code annotations}/{@code data},
 * and Label Studio JSON-MIN otherwise ({@link LabelStudioReader}).
 */
public final class LabelFileReader {
    private LabelFileReader() {}

    public static ParsedFile read(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return ParsedFile.failed(file, "?", Problem.ofFile(name, "file not found (" + file + ")", null));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return ParsedFile.failed(file, "?", Problem.ofFile(name, "cannot read the file: " + e.getMessage(), null));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) {
            return CsvLabelReader.read(file, bytes);
        }
        if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return readJson(file, bytes, !lower.endsWith(".json"));
        }
        return ParsedFile.failed(file, "?", Problem.ofFile(name, "unsupported file type",
                "a sheet as .csv (UTF-8; from Excel: Save As → CSV UTF-8), a Label Studio export"
                        + " (.json JSON or JSON-MIN, .csv) or Argilla records (.json / .jsonl)"));
    }

    private static ParsedFile readJson(Path file, byte[] bytes, boolean jsonLines) {
        String name = file.getFileName().toString();
        List<JsonNode> records;
        try {
            records = JsonRecords.read(TextDecoding.utf8(bytes), jsonLines);
        } catch (TextDecoding.NotUtf8 e) {
            return ParsedFile.failed(file, "JSON", Problem.ofFile(name,
                    "the file is not UTF-8 text (line " + e.line + ")", "UTF-8 JSON"));
        } catch (JsonRecords.Unreadable e) {
            return ParsedFile.failed(file, "JSON", Problem.ofFile(name, e.getMessage(),
                    "a Label Studio JSON / JSON-MIN export or Argilla records as JSON or JSON Lines"));
        }
        for (int i = 0; i < records.size(); i++) {
            if (!records.get(i).isObject()) {
                return ParsedFile.failed(file, "JSON", new Problem(name, "record " + (i + 1), null,
                        records.get(i).toString(), "not a JSON object", "one object per task / record"));
            }
        }
        if (records.isEmpty()) {
            return new ParsedFile(file, "JSON", List.of(), List.of());
        }
        JsonNode first = records.get(0);
        if (ArgillaReader.looksLikeArgilla(first)) {
            return ArgillaReader.read(file, records);
        }
        if (LabelStudioReader.looksLikeFullExport(first)) {
            return LabelStudioReader.readFull(file, records);
        }
        return LabelStudioReader.readMin(file, records);
    }
}
