package dev.seat.humaneval;

import java.util.List;

/** Column and field names shared by the sheet, Label Studio and Argilla formats. */
public final class SheetColumns {
    public static final String ITEM_ID = "item_id";
    public static final String QUESTION = "question";
    public static final String RESPONSE = "response";
    public static final String COMMENT = "comment";
    /** Label Studio / Argilla data field carrying the export id. */
    public static final String EXPORT_ID = "export_id";
    /** Label Studio / Argilla data field naming the annotator the task was exported for. */
    public static final String ASSIGNED_TO = "assigned_to";

    /** The sheet's columns, in order. */
    public static final List<String> SHEET = List.of(
            ITEM_ID, QUESTION, RESPONSE, Criterion.REFUSAL.column(), Criterion.ENTAILMENT.column(), COMMENT);

    /** Columns a returned sheet must still have. */
    public static final List<String> REQUIRED = List.of(
            ITEM_ID, QUESTION, RESPONSE, Criterion.REFUSAL.column(), Criterion.ENTAILMENT.column());

    private SheetColumns() {}

    /**
     * Header cell as compared: trimmed, lower case, spaces and hyphens as underscores, so
     * {@code "Refusal Outcome"} matches {@code refusal_outcome}.
     */
    public static String normalizeHeader(String cell) {
        String s = cell == null ? "" : cell.strip();
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1).strip();
        }
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s-]+", "_");
    }
}
