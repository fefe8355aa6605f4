package dev.seat.trainer.world;

/** The kinds of unknown entity the world asks about. */
public enum UnknownKind {
    PERSON, AUTHOR, COMPANY, CONTRACT, TOWN, WORK, CONCEPT;

    /** The topic label of refusals about this kind, e.g. {@code unknown.person}. */
    public String topic() {
        return "unknown." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
