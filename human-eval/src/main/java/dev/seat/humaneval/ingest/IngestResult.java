package dev.seat.humaneval.ingest;

import java.util.List;

/**
 * Outcome of one ingest.
 *
 * @param files one outcome per file, in argument order
 * @param round the round the clean files were stored in, or null when nothing was stored
 */
public record IngestResult(List<FileOutcome> files, Integer round) {

    /** True when no file was rejected. */
    public boolean ok() {
        return files.stream().noneMatch(f -> f.status() == FileOutcome.Status.REJECTED);
    }

    public List<FileOutcome> rejected() {
        return files.stream().filter(f -> f.status() == FileOutcome.Status.REJECTED).toList();
    }

    public List<String> messages() {
        return files.stream().flatMap(f -> f.messages().stream()).toList();
    }
}
