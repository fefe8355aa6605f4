package dev.seat.humaneval.ingest;

/**
 * A validated label: one annotator's judgement of one item. A null criterion was left empty.
 *
 * @param annotator annotator name
 * @param itemId canonical item id
 * @param refusal refusal outcome, null when not labelled
 * @param entailment semantic entailment, null when not labelled
 * @param comment comment, null when none
 * @param location where it was in the file
 */
public record LabelRow(
        String annotator, String itemId, Boolean refusal, Boolean entailment, String comment, String location) {}
