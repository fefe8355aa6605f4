package dev.seat.trainer.kl;

import java.util.Locale;

/** Which positions of a KL input x̃ the KL term covers. */
public enum KlPositions {
    /** Every real position: the prompt (with its fictitious entity) and the teacher-forced answer. */
    ALL,
    /** Only positions whose next token is an answer token. */
    ANSWER;

    public static KlPositions parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown --kl-positions '" + s + "'; expected all or answer");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
