package dev.seat.harness.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IDK_SM: whether a response contains an ignorance expression, by string match against a
 * versioned phrase list; the metric is the share of responses that do.
 *
 * <p>Matching semantics: response and phrases are both {@linkplain #normalise normalised}
 * (lower case, one kind of apostrophe and of quote, common English contractions expanded,
 * whitespace collapsed), and a phrase matches when it occurs in the response as a substring that
 * does not start or end inside a word ("not aware of" does not match "not aware often"). So
 * "I don’t know", "I don't  know" and "I do not know" all match the phrase "i don't know".
 *
 * <p>The default list is seat's own {@value #DEFAULT_RESOURCE} (covering how Llama-3, Qwen2.5
 * and Mistral chat models decline questions about unknown entities). {@link #load(Path)}
 * replaces it with a user file and {@link #extendedWith(Path)} adds a user file to it (see
 * {@link PhraseList} for the formats).
 *
 * <p>Immutable and thread-safe.
 */
public final class IdkStringMatch {
    /** The metric name in results. */
    public static final String NAME = "idk_sm";
    /** The bundled phrase list. */
    public static final String DEFAULT_RESOURCE = "idk-phrases-v2.txt";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2019\u2018\u02BC\u0060\u00B4\u2032]");
    private static final Pattern QUOTES = Pattern.compile("[\u201C\u201D\u201E\u00AB\u00BB]");
    private static final Pattern DASHES = Pattern.compile("[\u2010\u2011\u2012\u2013\u2014]");
    /** Contractions expanded to one canonical spelling, applied in this order. */
    private static final String[][] CONTRACTIONS = {
        {"\\bcan't\\b", "cannot"},
        {"\\bcan not\\b", "cannot"},
        {"\\bwon't\\b", "will not"},
        {"\\bshan't\\b", "shall not"},
        {"\\bain't\\b", "is not"},
        {"n't\\b", " not"},
        {"\\bi'm\\b", "i am"},
        {"'ve\\b", " have"},
        {"'re\\b", " are"},
        {"'ll\\b", " will"},
        {"\\b(it|that|there|what|here)'s\\b", "$1 is"},
    };
    private static final Pattern[] CONTRACTION_PATTERNS = new Pattern[CONTRACTIONS.length];

    static {
        for (int i = 0; i < CONTRACTIONS.length; i++) {
            CONTRACTION_PATTERNS[i] = Pattern.compile(CONTRACTIONS[i][0]);
        }
    }

    private final PhraseList phrases;
    private final List<String> normalisedPhrases;

    public IdkStringMatch(PhraseList phrases) {
        this.phrases = phrases;
        List<String> normalised = new ArrayList<>();
        for (String p : phrases.phrases()) {
            String n = normalise(p);
            if (!n.isEmpty() && !normalised.contains(n)) {
                normalised.add(n);
            }
        }
        this.normalisedPhrases = List.copyOf(normalised);
    }

    /** The bundled list {@value #DEFAULT_RESOURCE}. */
    public static IdkStringMatch defaults() {
        return Holder.DEFAULT;
    }

    /** A user phrase file that replaces the bundled list. */
    public static IdkStringMatch load(Path file) {
        return new IdkStringMatch(PhraseList.load(file));
    }

    /** This matcher plus the phrases of a user file. */
    public IdkStringMatch extendedWith(Path file) {
        return extendedWith(PhraseList.load(file));
    }

    public IdkStringMatch extendedWith(PhraseList more) {
        return new IdkStringMatch(phrases.plus(more));
    }

    /** The phrase list, as given (before normalisation). */
    public PhraseList phrases() {
        return phrases;
    }

    /** The version of the phrase list, e.g. {@code seat-idk-phrases v2}; record it with results. */
    public String version() {
        return phrases.version();
    }

    /** Whether the response contains an ignorance expression. */
    public boolean matches(String response) {
        return firstMatch(response).isPresent();
    }

    /** The first phrase (normalised) found in the response, if any; useful in failure messages. */
    public Optional<String> firstMatch(String response) {
        String text = normalise(response);
        for (String phrase : normalisedPhrases) {
            if (containsAtWordBoundaries(text, phrase)) {
                return Optional.of(phrase);
            }
        }
        return Optional.empty();
    }

    /** 1 if the response contains an ignorance expression, else 0. */
    public double score(String response) {
        return matches(response) ? 1.0 : 0.0;
    }

    /** Per-response 0/1 values and their mean (the share of responses that express ignorance). */
    public MetricValue score(List<String> responses) {
        double[] values = new double[responses.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = score(responses.get(i));
        }
        return MetricValue.of(NAME, values);
    }

    /**
     * The canonical form used for matching: lower case (root locale); curly/backtick apostrophes
     * → {@code '}; curly quotes → {@code "}; Unicode dashes → {@code -}; contractions expanded
     * ({@code can't}/{@code can not} → {@code cannot}, {@code won't} → {@code will not},
     * {@code n't} → {@code  not}, {@code i'm} → {@code i am}, {@code 've}/{@code 're}/{@code 'll}
     * → {@code have}/{@code are}/{@code will}, {@code it's}/{@code that's}/{@code there's}/
     * {@code what's}/{@code here's} → {@code ... is}); runs of whitespace → one space; trimmed.
     */
    public static String normalise(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        s = APOSTROPHES.matcher(s).replaceAll("'");
        s = QUOTES.matcher(s).replaceAll("\"");
        s = DASHES.matcher(s).replaceAll("-");
        s = WHITESPACE.matcher(s).replaceAll(" ").strip();
        for (int i = 0; i < CONTRACTION_PATTERNS.length; i++) {
            s = CONTRACTION_PATTERNS[i].matcher(s).replaceAll(CONTRACTIONS[i][1]);
        }
        return s;
    }

    private static boolean containsAtWordBoundaries(String text, String phrase) {
        boolean wordStart = Character.isLetterOrDigit(phrase.charAt(0));
        boolean wordEnd = Character.isLetterOrDigit(phrase.charAt(phrase.length() - 1));
        for (int from = text.indexOf(phrase); from >= 0; from = text.indexOf(phrase, from + 1)) {
            int end = from + phrase.length();
            boolean startOk = !wordStart || from == 0 || !Character.isLetterOrDigit(text.charAt(from - 1));
            boolean endOk = !wordEnd || end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }

    private static final class Holder {
        static final IdkStringMatch DEFAULT = new IdkStringMatch(PhraseList.resource(DEFAULT_RESOURCE));
    }
}
