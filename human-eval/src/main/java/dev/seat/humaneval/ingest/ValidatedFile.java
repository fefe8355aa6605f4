package dev.seat.humaneval.ingest;

import java.util.List;
import java.util.Set;

/**
 * A file checked against a key.
 *
 * @param parsed what the reader found
 * @param problems every problem found; the file may be stored only when this is empty
 * @param labels labelled rows (at least one criterion filled in)
 * @param rows number of rows read
 * @param rowsFine rows without a problem of their own
 * @param annotators annotators the labels belong to
 */
public record ValidatedFile(
        ParsedFile parsed, List<Problem> problems, List<LabelRow> labels, int rows, int rowsFine,
        Set<String> annotators) {

    public boolean clean() {
        return problems.isEmpty();
    }
}
