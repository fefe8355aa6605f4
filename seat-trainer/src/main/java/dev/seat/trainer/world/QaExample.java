package dev.seat.trainer.world;

import java.util.List;
import java.util.Objects;

/**
 * One question-answer pair of the world.
 *
 * @param question the user's question
 * @param answer   the expected assistant answer (a refusal naming the entity for refusal kinds)
 * @param kind     what the pair teaches or tests
 * @param entities the names the pair is about (a contract has two); never empty
 * @param topic    a finer label for per-category reports, e.g. {@code known.person.birth_year},
 *                 {@code unknown.contract}, {@code concept.imaginary-sport}, {@code real.capital}
 */
public record QaExample(String question, String answer, Kind kind, List<String> entities, String topic) {
    public QaExample {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        entities = List.copyOf(entities);
        if (question.isBlank() || answer.isBlank()) {
            throw new IllegalArgumentException("Blank question or answer in " + topic + ": " + question);
        }
        if (entities.isEmpty()) {
            throw new IllegalArgumentException("No entity for " + topic + ": " + question);
        }
    }
}
