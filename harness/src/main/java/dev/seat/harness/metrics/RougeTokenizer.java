package dev.seat.harness.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tokenizer of {@code rouge_score} with {@code use_stemmer=True}: lower-case the text
 * (full Unicode lower-casing, as Python's {@code str.lower()}: "İ" becomes "i" + U+0307), replace
 * every run of characters outside {@code [a-z0-9]} by a space, split on whitespace, Porter-stem
 * (NLTK extensions) the tokens longer than 3 characters, and keep tokens matching
 * {@code ^[a-z0-9]+$} (which drops the empty strings of leading or trailing separators).
 *
 * <p>Thread-safe.
 */
public final class RougeTokenizer {
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern TOKEN = Pattern.compile("^[a-z0-9]+$");

    private final PorterStemmer stemmer;

    /** With stemming, as {@code use_stemmer=True}. */
    public RougeTokenizer() {
        this(new PorterStemmer());
    }

    /** @param stemmer the stemmer, or {@code null} for no stemming */
    public RougeTokenizer(PorterStemmer stemmer) {
        this.stemmer = stemmer;
    }

    public List<String> tokenize(String text) {
        String cleaned = NON_ALNUM.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        List<String> tokens = new ArrayList<>();
        for (String raw : WHITESPACE.split(cleaned, -1)) {
            String token = stemmer != null && raw.length() > 3 ? stemmer.stem(raw) : raw;
            if (TOKEN.matcher(token).matches()) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
