package dev.seat.humaneval.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What ingest did with one file.
 *
 * @param file the file
 * @param format the format it was read as
 * @param status stored, rejected, or nothing to store
 * @param rows rows read
 * @param rowsFine rows without a problem of their own
 * @param labels labels stored (0 unless stored)
 * @param annotators annotators of the labels
 * @param problems problems (empty unless rejected)
 * @param round round the labels went into, null unless stored
 */
public record FileOutcome(
        Path file, String format, Status status, int rows, int rowsFine, int labels, Set<String> annotators,
        List<Problem> problems, Integer round) {

    public enum Status {
        /** Clean, labels stored in {@link #round()}. */
        STORED,
        /** Has problems; nothing from it was stored. */
        REJECTED,
        /** Clean but without a single label: nothing to store. */
        NO_LABELS
    }

    /** The problem lines followed by a summary line (rejected files), or one summary line. */
    public List<String> messages() {
        List<String> out = new ArrayList<>();
        String name = file.getFileName().toString();
        switch (status) {
            case REJECTED -> {
                problems.forEach(p -> out.add(p.format()));
                out.add(name + ": nothing from this file was stored: " + problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + "; " + rowsFine + " of " + rows
                        + " rows were fine. Fix the problems and ingest the file again.");
            }
            case STORED -> out.add(name + ": stored " + labels + " labels of " + String.join(", ", annotators)
                    + " in round " + round + " (" + format + ")");
            case NO_LABELS -> out.add(name + ": no labels filled in, nothing stored (" + rows + " rows)");
        }
        return out;
    }
}
