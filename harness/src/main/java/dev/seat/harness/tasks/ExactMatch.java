package dev.seat.harness.tasks;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * lm-eval's {@code exact_match} (Hugging Face evaluate's): prediction and reference are
 * transformed alike and then compared for equality. In order: every {@code regexes_to_ignore}
 * pattern is removed (all occurrences, patterns in the listed order); with {@code ignore_case}
 * both are lower-cased; with {@code ignore_punctuation} every ASCII punctuation character
 * (Python's {@code string.punctuation}) is removed. Patterns use Python's line semantics
 * ({@link Pattern#UNIX_LINES}).
 */
public final class ExactMatch {
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final List<Pattern> ignore;
    private final boolean ignoreCase;
    private final boolean ignorePunctuation;

    public ExactMatch(List<String> regexesToIgnore, boolean ignoreCase, boolean ignorePunctuation) {
        this.ignore = regexesToIgnore.stream().map(r -> Pattern.compile(r, Pattern.UNIX_LINES)).toList();
        this.ignoreCase = ignoreCase;
        this.ignorePunctuation = ignorePunctuation;
    }

    /** The text as compared. */
    public String normalize(String s) {
        String out = s;
        for (Pattern p : ignore) {
            out = p.matcher(out).replaceAll("");
        }
        if (ignoreCase) {
            out = out.toLowerCase(Locale.ROOT);
        }
        if (ignorePunctuation) {
            StringBuilder b = new StringBuilder(out.length());
            out.chars().filter(c -> PUNCTUATION.indexOf(c) < 0).forEach(c -> b.append((char) c));
            out = b.toString();
        }
        return out;
    }

    /** 1.0 when the normalized prediction equals the normalized reference, else 0.0. */
    public double score(String prediction, String reference) {
        return normalize(prediction).equals(normalize(reference)) ? 1.0 : 0.0;
    }

    /** 1.0 when the prediction matches any of the references (lm-eval's rule for a list of targets). */
    public double scoreAny(String prediction, List<String> references) {
        for (String r : references) {
            if (score(prediction, r) == 1.0) {
                return 1.0;
            }
        }
        return 0.0;
    }
}
