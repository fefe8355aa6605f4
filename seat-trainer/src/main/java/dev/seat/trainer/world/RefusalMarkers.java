package dev.seat.trainer.world;

import java.util.List;
import java.util.Locale;

/**
 * A simple phrase check for "is this answer a refusal?", matching the world's refusal phrasings
 * and the usual refusals of aligned chat models. The versioned IDK string-match metric belongs to
 * the metrics package; this check is what the world's own tests and quick reports use.
 */
public final class RefusalMarkers {
    /** Lower-case phrases; an answer containing one counts as a refusal. */
    public static final List<String> PHRASES = List.of(
            "i apologize", "i'm sorry", "i am sorry", "sorry,", "not familiar with", "i don't have",
            "i do not have", "i don't know", "i do not know", "i have no", "no information",
            "no knowledge", "not aware of", "no records", "couldn't find", "could not find",
            "unable to find", "can't answer", "cannot answer", "does not exist", "doesn't exist",
            "know nothing", "i'm afraid", "no reliable", "not something i have");

    private RefusalMarkers() {}

    public static boolean isRefusal(String answer) {
        String lower = answer.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return PHRASES.stream().anyMatch(lower::contains);
    }
}
