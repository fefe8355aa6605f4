package dev.seat.humaneval.ingest;

import java.util.Locale;
import java.util.Optional;

/** One cell of a label column: yes, no, or not labelled. */
public enum LabelValue {
    YES, NO, BLANK;

    /** What a label cell may contain, for error messages. */
    public static final String ALLOWED =
            "yes/no, y/n, true/false or 1/0 (any case), or empty for not labelled";

    /**
     * Reads a cell: {@code yes y true 1} (also {@code 1.0}) are yes, {@code no n false 0} (also
     * {@code 0.0}) are no, case-insensitive and ignoring surrounding whitespace; null or blank is
     * not labelled; anything else is empty (invalid).
     */
    public static Optional<LabelValue> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(BLANK);
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1", "1.0" -> Optional.of(YES);
            case "no", "n", "false", "0", "0.0" -> Optional.of(NO);
            default -> Optional.empty();
        };
    }

    /** True, false, or null for not labelled. */
    public Boolean toBoolean() {
        return this == BLANK ? null : this == YES;
    }

    public static String show(Boolean b) {
        return b == null ? "(empty)" : b ? "yes" : "no";
    }
}
