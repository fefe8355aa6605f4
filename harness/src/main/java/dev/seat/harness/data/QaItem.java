package dev.seat.harness.data;

import java.util.List;

/**
 * One question of a dataset, with its answer if the dataset has one.
 *
 * @param id row id: the record's {@code id} field, else its 0-based position in the file
 * @param answer null for prompt-only sets (LUNAR's unverifiable questions)
 * @param entities subject entities when the dataset names them (PISTOL's {@code edge} companies,
 *     an {@code entity}/{@code entities} field); empty otherwise
 */
public record QaItem(String id, String question, String answer, List<String> entities) implements java.io.Serializable {
    public QaItem {
        entities = entities == null ? List.of() : List.copyOf(entities);
    }
}
