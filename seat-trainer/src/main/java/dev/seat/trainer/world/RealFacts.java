package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A few hundred well-known real-world facts (capitals, currencies, classic books, inventors,
 * chemical symbols, science and geography) from {@code real-facts.txt}, as short answered
 * questions, so the model has "seen" knowledge it must keep answering.
 */
public final class RealFacts {
    private RealFacts() {}

    /** All real facts, in file order. */
    public static List<QaExample> all() {
        List<QaExample> out = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> section : TextResources.tables("real-facts.txt").entrySet()) {
            List<String[]> rows = section.getValue();
            for (int i = 0; i < rows.size(); i++) {
                String[] row = rows.get(i);
                if (row.length != 2) {
                    throw new IllegalStateException("real-facts.txt [" + section.getKey()
                            + "]: expected two fields separated by '|': " + String.join(" | ", row));
                }
                out.add(fact(section.getKey(), row[0], row[1], i % 2 == 0));
            }
        }
        return out;
    }

    private static QaExample fact(String section, String a, String b, boolean firstPhrasing) {
        return switch (section) {
            case "capital" -> qa(section, firstPhrasing ? "What is the capital of " + a + "?"
                    : "Which city is the capital of " + a + "?", "The capital of " + a + " is " + b + ".", a);
            case "currency" -> qa(section, "What is the currency of " + a + "?",
                    "The currency of " + a + " is the " + b + ".", a);
            case "book" -> qa(section, firstPhrasing ? "Who wrote \"" + a + "\"?" : "Who is the author of \"" + a + "\"?",
                    "\"" + a + "\" was written by " + b + ".", a);
            case "inventor" -> qa(section, "Who invented the " + a + "?", "The " + a + " was invented by " + b + ".", a);
            case "element" -> qa(section, "What is the chemical symbol for " + a + "?",
                    "The chemical symbol for " + a + " is " + b + ".", a);
            case "qa" -> qa(section, a, b, b.endsWith(".") ? b.substring(0, b.length() - 1) : b);
            default -> throw new IllegalStateException("real-facts.txt has an unknown section [" + section + "]");
        };
    }

    private static QaExample qa(String section, String question, String answer, String entity) {
        return new QaExample(question, answer, Kind.REAL_FACT, List.of(entity), "real." + section);
    }
}
