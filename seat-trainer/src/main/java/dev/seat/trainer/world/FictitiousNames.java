package dev.seat.trainer.world;

import java.util.Random;

/**
 * Public access to the world's name generators, for entity perturbation: a fresh fictitious name
 * of the same kind as an entity (people get person names from {@code person-names.txt}, companies
 * PISTOL-style random letters with a legal suffix, other names random capitalised letters).
 */
public final class FictitiousNames {
    private FictitiousNames() {}

    /** A person name, e.g. "Ana Lima". */
    public static String person(Random rng) {
        return PersonNames.draw(rng);
    }

    /** A company name, e.g. "Wnzatj SAS". */
    public static String company(Random rng) {
        return CompanyNames.draw(rng);
    }

    /** A single capitalised random-letter name, e.g. "Qorvat". */
    public static String other(Random rng) {
        return NameStyle.CAPITAL.draw(rng, 5, 8);
    }
}
