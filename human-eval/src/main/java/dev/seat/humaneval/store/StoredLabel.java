package dev.seat.humaneval.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a round's {@code labels.jsonl}.
 *
 * @param round the round it was stored in
 * @param annotator annotator name
 * @param itemId item id
 * @param refusal refusal outcome, null when left empty
 * @param entailment semantic entailment, null when left empty
 * @param comment comment, null when none
 * @param file name of the archived raw file (under the round's {@code raw/})
 * @param location where in that file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredLabel(
        @JsonProperty("round") int round,
        @JsonProperty("annotator") String annotator,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("refusal_outcome") Boolean refusal,
        @JsonProperty("semantic_entailment") Boolean entailment,
        @JsonProperty("comment") String comment,
        @JsonProperty("file") String file,
        @JsonProperty("location") String location) {

    /** The label of one criterion. */
    public Boolean value(dev.seat.humaneval.Criterion c) {
        return c == dev.seat.humaneval.Criterion.REFUSAL ? refusal : entailment;
    }
}
