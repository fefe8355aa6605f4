package dev.seat.trainer.world;

import java.util.Map;

/**
 * One attribute of one known entity.
 *
 * @param relation what is asked
 * @param entity   the entity's name (a work's title without quotes)
 * @param slots    the values the relation's templates need; {@code s} is the subject as written
 */
public record Fact(Relation relation, String entity, Map<String, String> slots) {
    public Fact {
        slots = Map.copyOf(slots);
    }

    public String question(String phrasing) {
        return Templates.sentence(phrasing, slots);
    }

    public String answer() {
        return Templates.sentence(relation.answer, slots);
    }

    QaExample asExample(String phrasing) {
        return new QaExample(question(phrasing), answer(), Kind.KNOWN_FACT,
                java.util.List.of(entity), "known." + relation.topic);
    }
}
