package dev.seat.trainer.perturb;

import dev.seat.trainer.world.FictitiousNames;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The kind of a subject entity, which decides what a fictitious replacement looks like.
 *
 * <p>Rules, in order: a name whose last word (or last two words) is a legal suffix ("SA",
 * "GmbH", "Pty Ltd", "Inc.") is a {@link #COMPANY}; a name of two or more capitalised words is a
 * {@link #PERSON}; anything else is {@link #OTHER}.
 */
public enum EntityKind {
    PERSON, COMPANY, OTHER;

    /** Legal-form suffixes recognised at the end of a company name (with or without a final dot). */
    static final Set<String> LEGAL_SUFFIXES = Set.of(
            "SA", "SAS", "SARL", "GmbH", "AG", "KG", "PLC", "plc", "Ltd", "Inc", "LLC", "LLP", "LP", "Corp", "Co",
            "BV", "NV", "SpA", "Srl", "Oy", "AB", "AS", "ASA", "KK", "Pty Ltd", "SE", "Limited", "Corporation",
            "Incorporated", "S.A", "S.p.A", "N.V", "B.V");

    public static EntityKind of(String name) {
        List<String> words = List.of(name.trim().split("\\s+"));
        if (words.size() >= 2 && isLegalSuffix(words, words.size() - 1)) {
            return COMPANY;
        }
        long capitalised = words.stream().filter(w -> !w.isEmpty() && Character.isUpperCase(w.charAt(0))).count();
        return words.size() >= 2 && capitalised >= 2 ? PERSON : OTHER;
    }

    /** Whether the word at {@code i} (alone, or with the one before it) is a legal suffix. */
    static boolean isLegalSuffix(List<String> words, int i) {
        String w = strip(words.get(i));
        if (LEGAL_SUFFIXES.contains(w)) {
            return true;
        }
        return i > 0 && LEGAL_SUFFIXES.contains(strip(words.get(i - 1)) + " " + w);
    }

    private static String strip(String w) {
        return w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
    }

    /** A fresh fictitious name of this kind from the world's name generators. */
    public String fictitious(Random rng) {
        return switch (this) {
            case PERSON -> FictitiousNames.person(rng);
            case COMPANY -> FictitiousNames.company(rng);
            case OTHER -> FictitiousNames.other(rng);
        };
    }
}
