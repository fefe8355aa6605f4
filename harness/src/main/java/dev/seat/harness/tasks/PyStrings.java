package dev.seat.harness.tasks;

import java.util.Locale;

/**
 * Python string methods that lm-eval's prompts rely on, with Python's semantics: what counts as
 * whitespace for {@code strip()}, and {@code capitalize()} lower-casing everything after the
 * first character.
 */
public final class PyStrings {
    private PyStrings() {}

    /** Python's {@code str.isspace()} for one character. */
    public static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    public static String strip(String s) {
        return rstrip(lstrip(s));
    }

    public static String lstrip(String s) {
        int start = 0;
        while (start < s.length() && isSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    public static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code str.capitalize()}: first character title-cased, the rest lower-cased. */
    public static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int width = Character.charCount(first);
        return new StringBuilder()
                .appendCodePoint(Character.toTitleCase(first))
                .append(s.substring(width).toLowerCase(Locale.ROOT))
                .toString();
    }
}
