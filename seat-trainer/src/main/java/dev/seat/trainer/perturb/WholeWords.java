package dev.seat.trainer.perturb;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Occurrences of names as whole words: "Ana" occurs in "Ana Lima" and "Ana's", not in "Anatolia",
 * "Ana-Maria" or "Tatiana". A name that begins (ends) with a letter, mark, digit or hyphen must not
 * be preceded (followed) by one; a name that begins or ends with other punctuation ("S.A.") is
 * matched as written on that side. Case-sensitive, as names are.
 */
final class WholeWords {
    private static final String WORD_CHAR = "[\\p{L}\\p{M}\\p{N}-]";

    private WholeWords() {}

    /** Whether {@code name} occurs in {@code text} as a whole word. */
    static boolean contains(String text, String name) {
        return text != null && !name.isEmpty() && anyOf(List.of(name)).matcher(text).find();
    }

    /** A pattern matching any of {@code names} as a whole word, the longest first where they overlap. */
    static Pattern anyOf(Collection<String> names) {
        List<String> sorted = names.stream().filter(n -> !n.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("No names to match");
        }
        return Pattern.compile(String.join("|", sorted.stream().map(WholeWords::bounded).toList()));
    }

    private static String bounded(String name) {
        String before = isWordChar(name.codePointAt(0)) ? "(?<!" + WORD_CHAR + ")" : "";
        String after = isWordChar(name.codePointBefore(name.length())) ? "(?!" + WORD_CHAR + ")" : "";
        return before + Pattern.quote(name) + after;
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.NON_SPACING_MARK
                || Character.getType(codePoint) == Character.COMBINING_SPACING_MARK || codePoint == '-';
    }
}
