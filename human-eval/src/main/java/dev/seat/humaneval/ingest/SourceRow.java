package dev.seat.humaneval.ingest;

/**
 * One annotator's answer for one item as found in a returned file, before validation. Text
 * fields are exactly as in the file.
 *
 * @param location where it is, for messages ("row 5", "task 3 (id 17), annotation 1", ...)
 * @param itemId item id cell
 * @param question question text, or null when the format does not carry it
 * @param response response text, or null when the format does not carry it
 * @param exportId export id field, or null when the format does not carry it
 * @param assignedTo annotator the task was exported for (Label Studio / Argilla data), or null
 * @param sourceUser the tool's user who answered (Label Studio completed_by, Argilla user), or null
 * @param refusal raw refusal_outcome value, null or blank when not labelled
 * @param entailment raw semantic_entailment value, null or blank when not labelled
 * @param comment free-text comment, may be null
 */
public record SourceRow(
        String location,
        String itemId,
        String question,
        String response,
        String exportId,
        String assignedTo,
        String sourceUser,
        String refusal,
        String entailment,
        String comment) {

    public String raw(dev.seat.humaneval.Criterion c) {
        return c == dev.seat.humaneval.Criterion.REFUSAL ? refusal : entailment;
    }
}
