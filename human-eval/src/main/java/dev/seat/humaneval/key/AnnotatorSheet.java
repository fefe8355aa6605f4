package dev.seat.humaneval.key;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One annotator's share of an export.
 *
 * @param name annotator id ({@code A1}, {@code A2}, ...)
 * @param orderSeed seed of the shuffle that produced {@code order}
 * @param sheet file name of the CSV sheet
 * @param labelStudioTasks file name of the Label Studio tasks JSON
 * @param order item ids in the order the annotator sees them
 */
public record AnnotatorSheet(
        @JsonProperty("name") String name,
        @JsonProperty("order_seed") long orderSeed,
        @JsonProperty("sheet") String sheet,
        @JsonProperty("label_studio_tasks") String labelStudioTasks,
        @JsonProperty("order") List<String> order) {}
