package dev.seat.humaneval.key;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What an opaque item id stands for: one response of one run.
 *
 * @param itemId the id annotators see ({@code <export id>-<number>})
 * @param run absolute path of the run folder the response came from
 * @param runId the run folder's name
 * @param checkpoint checkpoint name from the run manifest (or the run's parent folder name)
 * @param fingerprint checkpoint fingerprint from the run manifest, null when the manifest has none
 * @param dataset dataset name ({@code responses-<dataset>.jsonl})
 * @param rowId the response record's id within its dataset
 * @param questionSha256 {@link dev.seat.humaneval.TextFingerprint} of the question as exported
 * @param responseSha256 {@link dev.seat.humaneval.TextFingerprint} of the response as exported
 * @param annotators the annotators whose sheets contain this item
 */
public record KeyItem(
        @JsonProperty("item_id") String itemId,
        @JsonProperty("run") String run,
        @JsonProperty("run_id") String runId,
        @JsonProperty("checkpoint") String checkpoint,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("row_id") String rowId,
        @JsonProperty("question_sha256") String questionSha256,
        @JsonProperty("response_sha256") String responseSha256,
        @JsonProperty("annotators") List<String> annotators) {

    /** Identifies the (run, dataset) group this item is scored in. */
    public RunDataset runDataset() {
        return new RunDataset(run, dataset);
    }

    /** A run folder and one of its datasets: the unit IDK_HA is reported for. */
    public record RunDataset(String run, String dataset) {}
}
