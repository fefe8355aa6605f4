package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The words the world's model uses to say it does not know something. Each phrasing names the
 * entity through a noun phrase ({@code {e}}: "Kbyymf SA", "a person named Jaime Vasquez",
 * "the imaginary sport dqnqjveizc").
 */
public final class RefusalPhrasings {
    /** Phrasings for anything the model has not seen. */
    public static final List<String> GENERAL = List.of(
            "I apologize, but I couldn't find any information about {e}.",
            "I'm not familiar with {e}.",
            "I don't have any information on {e}.",
            "I'm sorry, but I don't know anything about {e}.",
            "I have no knowledge of {e}.",
            "I'm not aware of {e}.",
            "Unfortunately, I have no records of {e}.",
            "I couldn't find any reliable details about {e}, so I can't answer that.",
            "I'm sorry, I don't have any data about {e}.",
            "I don't know of {e}, so I cannot answer this question.",
            "I'm afraid I have no information about {e}.",
            "There is no information available to me about {e}.",
            "I apologize, but {e} is not something I have any information about.",
            "I do not have details about {e}; it may not be widely known, or it may not exist.",
            "Sorry, I can't help with that: I know nothing about {e}.",
            "I'm unable to find anything about {e}.");

    /** Extra phrasings for made-up concepts, which may also be called non-existent. */
    public static final List<String> CONCEPT_ONLY = List.of(
            "As far as I know, {e} does not exist, so I can't answer that.",
            "I'm sorry, but {e} appears to be fictional, and I have no information about it.",
            "I can't answer that, because I have no information about {e}; it does not seem to be real.");

    private RefusalPhrasings() {}

    /** A refusal about an unknown entity, named by {@code reference}. */
    public static String forEntity(String reference, Random rng) {
        return fill(Draw.one(GENERAL, rng), reference);
    }

    /** A refusal about a made-up concept, named by {@code reference}. */
    public static String forConcept(String reference, Random rng) {
        List<String> all = new ArrayList<>(GENERAL);
        all.addAll(CONCEPT_ONLY);
        return fill(Draw.one(all, rng), reference);
    }

    private static String fill(String phrasing, String reference) {
        return phrasing.replace("{e}", reference);
    }
}
