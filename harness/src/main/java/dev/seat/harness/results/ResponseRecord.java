package dev.seat.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One line of {@code responses-<dataset>.jsonl}: a prompt of a dataset, what the checkpoint
 * answered, the reference answer if the dataset has one, and per-item metric values
 * ({@code idk_sm} 0/1, {@code idk_cs}, {@code rouge1_recall}, ...).
 *
 * @param id stable id of the row within its dataset (the row index unless the dataset has ids)
 * @param prompt the user question as given to the chat template
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseRecord(
        String id, String prompt, String response, String reference, Map<String, Double> metrics) {

    public ResponseRecord withMetrics(Map<String, Double> newMetrics) {
        return new ResponseRecord(id, prompt, response, reference, Map.copyOf(newMetrics));
    }
}
