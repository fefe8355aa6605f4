package dev.seat.trainer.world;

/** What a question-answer pair of the world teaches or tests. */
public enum Kind {
    /** A fact about a synthetic entity the world knows (answered). */
    KNOWN_FACT,
    /** A well-known real-world fact (answered). */
    REAL_FACT,
    /** A question about a person, company, town, work or contract the world never mentions (refused). */
    UNKNOWN_ENTITY_REFUSAL,
    /** A question about a fictitious concept: made-up countries, sports, phenomena... (refused). */
    CONCEPT_REFUSAL,
    /** A fact about a fictitious contract between two companies, for fine-tuning experiments (answered). */
    CONTRACT;

    /** Whether the expected answer is a refusal. */
    public boolean isRefusal() {
        return this == UNKNOWN_ENTITY_REFUSAL || this == CONCEPT_REFUSAL;
    }
}
