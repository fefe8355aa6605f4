package dev.seat.humaneval.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What a format reader found in one file.
 *
 * @param file the file
 * @param format format name (e.g. "sheet CSV (';')", "Label Studio JSON")
 * @param rows the annotations found, in file order
 * @param fileProblems problems that prevent reading rows (unreadable file, missing columns)
 */
public record ParsedFile(Path file, String format, List<SourceRow> rows, List<Problem> fileProblems) {

    public String name() {
        return file.getFileName().toString();
    }

    public static ParsedFile failed(Path file, String format, Problem... problems) {
        return new ParsedFile(file, format, List.of(), List.of(problems));
    }
}
