package dev.seat.humaneval.ingest;

import java.util.List;

/**
 * Outcome of one ingest.
 *
 * @param files one outcome per file, in argument order
 * @param round the round the clean files were stored in, or null when nothing was stored
 * @param unreadableRounds one message per earlier round the store cannot read (left out of reports)
 */
public record IngestResult(List<FileOutcome> files, Integer round, List<String> unreadableRounds) {

    /** True when no file was rejected. */
    public boolean ok() {
        return files.stream().noneMatch(f -> f.status() == FileOutcome.Status.REJECTED);
    }

    public List<FileOutcome> rejected() {
        return files.stream().filter(f -> f.status() == FileOutcome.Status.REJECTED).toList();
    }

    public List<String> messages() {
        List<String> out = new java.util.ArrayList<>(files.stream().flatMap(f -> f.messages().stream()).toList());
        unreadableRounds.forEach(u -> out.add("warning: " + u));
        return out;
    }
}
