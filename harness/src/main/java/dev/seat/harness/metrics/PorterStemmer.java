package dev.seat.harness.metrics;

import java.util.Locale;
import java.util.Map;

/**
 * The Porter stemmer as NLTK's {@code PorterStemmer()} runs it in its default
 * {@code NLTK_EXTENSIONS} mode, which is what {@code rouge_score} uses with
 * {@code use_stemmer=True}.
 *
 * <p>Semantics (differences from Porter's 1980 paper are the NLTK extensions):
 * <ul>
 *   <li>the word is lower-cased; a handful of irregular forms given in lower case map
 *       directly (skies→sky, dying→die, lying→lie, tying→tie, news, innings→inning, ...);</li>
 *   <li>words of one or two characters are returned unchanged;</li>
 *   <li>step 1a: four-letter {@code -ies} → {@code -ie} (ties→tie), otherwise sses→ss, ies→i,
 *       ss→ss, s→"";</li>
 *   <li>step 1b: {@code -ied} → {@code -ie} for four-letter words, {@code -i} otherwise; then
 *       (m&gt;0) eed→ee; ed/ing removed when the rest has a vowel, followed by the at/bl/iz,
 *       double-consonant and cvc+e clean-ups;</li>
 *   <li>step 1c: y→i only when preceded by a consonant that is not the first letter;</li>
 *   <li>step 2: alli→al is tried first and the result goes through step 2 again; bli→ble
 *       (instead of abli→able); extra rules fulli→ful and logi→log (with the measure taken on
 *       the stem that keeps the {@code l});</li>
 *   <li>steps 3, 4, 5a and 5b as published; a two-letter vowel+consonant stem counts as cvc.</li>
 * </ul>
 * Within a rule list the first rule whose suffix matches decides: if its condition fails the
 * word is left as it is and later rules of that list are not tried.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class PorterStemmer {

    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("skies", "sky"),
            Map.entry("sky", "sky"),
            Map.entry("dying", "die"),
            Map.entry("lying", "lie"),
            Map.entry("tying", "tie"),
            Map.entry("news", "news"),
            Map.entry("innings", "inning"),
            Map.entry("inning", "inning"),
            Map.entry("outings", "outing"),
            Map.entry("outing", "outing"),
            Map.entry("cannings", "canning"),
            Map.entry("canning", "canning"),
            Map.entry("howe", "howe"),
            Map.entry("proceed", "proceed"),
            Map.entry("exceed", "exceed"),
            Map.entry("succeed", "succeed"));

    /** A condition on the stem that remains once a suffix is cut off. */
    @FunctionalInterface
    private interface Condition {
        boolean test(String stem);
    }

    /** "Replace {@code suffix} by {@code replacement} if {@code condition} holds for the stem." */
    private record Rule(String suffix, String replacement, Condition condition) {}

    /** Stems one word (lower-cased first). */
    public String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        // as NLTK: the irregular forms are looked up with the word as given (so "Dying" is
        // stemmed by the rules), the lower-cased form is what is returned
        if (IRREGULAR.containsKey(word)) {
            return IRREGULAR.get(w);
        }
        if (w.length() <= 2) {
            return w;
        }
        w = step1a(w);
        w = step1b(w);
        w = step1c(w);
        w = step2(w);
        w = step3(w);
        w = step4(w);
        w = step5a(w);
        w = step5b(w);
        return w;
    }

    // ---- letter classes and measure -------------------------------------------------------

    /** a, e, i, o, u are vowels; y is a consonant at the start or after a vowel. */
    static boolean isConsonant(CharSequence w, int i) {
        char c = w.charAt(i);
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
            return false;
        }
        if (c == 'y') {
            return i == 0 || !isConsonant(w, i - 1);
        }
        return true;
    }

    /** m in [C](VC)^m[V]: the number of vowel-run → consonant-run transitions. */
    static int measure(CharSequence stem) {
        int m = 0;
        boolean previousVowel = false;
        for (int i = 0; i < stem.length(); i++) {
            boolean consonant = isConsonant(stem, i);
            if (consonant && previousVowel) {
                m++;
            }
            previousVowel = !consonant;
        }
        return m;
    }

    private static boolean positiveMeasure(String stem) {
        return measure(stem) > 0;
    }

    private static boolean measureAboveOne(String stem) {
        return measure(stem) > 1;
    }

    private static boolean containsVowel(String stem) {
        for (int i = 0; i < stem.length(); i++) {
            if (!isConsonant(stem, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsDoubleConsonant(String w) {
        int n = w.length();
        return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w, n - 1);
    }

    /**
     * consonant-vowel-consonant at the end, the last not w, x or y; NLTK also accepts a
     * two-letter vowel-consonant word.
     */
    private static boolean endsCvc(String w) {
        int n = w.length();
        if (n >= 3) {
            char last = w.charAt(n - 1);
            return isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)
                    && last != 'w' && last != 'x' && last != 'y';
        }
        return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1);
    }

    private static String cut(String w, String suffix) {
        return w.substring(0, w.length() - suffix.length());
    }

    /** The first rule whose suffix matches decides; a failed condition leaves the word as it is. */
    private static String applyFirstMatching(String w, Rule... rules) {
        for (Rule rule : rules) {
            if (w.endsWith(rule.suffix())) {
                String stem = cut(w, rule.suffix());
                return rule.condition() == null || rule.condition().test(stem)
                        ? stem + rule.replacement()
                        : w;
            }
        }
        return w;
    }

    // ---- steps -----------------------------------------------------------------------------

    private static String step1a(String w) {
        if (w.length() == 4 && w.endsWith("ies")) {
            return cut(w, "ies") + "ie";
        }
        return applyFirstMatching(w,
                new Rule("sses", "ss", null),
                new Rule("ies", "i", null),
                new Rule("ss", "ss", null),
                new Rule("s", "", null));
    }

    private static String step1b(String w) {
        if (w.endsWith("ied")) {
            return cut(w, "ied") + (w.length() == 4 ? "ie" : "i");
        }
        if (w.endsWith("eed")) {
            String stem = cut(w, "eed");
            return measure(stem) > 0 ? stem + "ee" : w;
        }
        String stem = null;
        for (String suffix : new String[] {"ed", "ing"}) {
            if (w.endsWith(suffix) && containsVowel(cut(w, suffix))) {
                stem = cut(w, suffix);
                break;
            }
        }
        if (stem == null) {
            return w;
        }
        if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
            return stem + "e";
        }
        if (endsDoubleConsonant(stem)) {
            char last = stem.charAt(stem.length() - 1);
            // hopp → hop, but fall, hiss, fizz keep their double letter
            return last == 'l' || last == 's' || last == 'z' ? stem : stem.substring(0, stem.length() - 1);
        }
        if (measure(stem) == 1 && endsCvc(stem)) {
            return stem + "e";
        }
        return stem;
    }

    private static String step1c(String w) {
        int n = w.length();
        if (w.endsWith("y") && n - 1 > 1 && isConsonant(w, n - 2)) {
            return w.substring(0, n - 1) + "i";
        }
        return w;
    }

    private static final Rule[] STEP2 = {
        new Rule("ational", "ate", PorterStemmer::positiveMeasure),
        new Rule("tional", "tion", PorterStemmer::positiveMeasure),
        new Rule("enci", "ence", PorterStemmer::positiveMeasure),
        new Rule("anci", "ance", PorterStemmer::positiveMeasure),
        new Rule("izer", "ize", PorterStemmer::positiveMeasure),
        new Rule("bli", "ble", PorterStemmer::positiveMeasure),
        new Rule("alli", "al", PorterStemmer::positiveMeasure),
        new Rule("entli", "ent", PorterStemmer::positiveMeasure),
        new Rule("eli", "e", PorterStemmer::positiveMeasure),
        new Rule("ousli", "ous", PorterStemmer::positiveMeasure),
        new Rule("ization", "ize", PorterStemmer::positiveMeasure),
        new Rule("ation", "ate", PorterStemmer::positiveMeasure),
        new Rule("ator", "ate", PorterStemmer::positiveMeasure),
        new Rule("alism", "al", PorterStemmer::positiveMeasure),
        new Rule("iveness", "ive", PorterStemmer::positiveMeasure),
        new Rule("fulness", "ful", PorterStemmer::positiveMeasure),
        new Rule("ousness", "ous", PorterStemmer::positiveMeasure),
        new Rule("aliti", "al", PorterStemmer::positiveMeasure),
        new Rule("iviti", "ive", PorterStemmer::positiveMeasure),
        new Rule("biliti", "ble", PorterStemmer::positiveMeasure),
        new Rule("fulli", "ful", PorterStemmer::positiveMeasure),
        // the measure is taken with the 'l' kept on the stem (geo-logi, theo-logi)
        new Rule("logi", "log", stem -> positiveMeasure(stem + "l")),
    };

    private static String step2(String w) {
        if (w.endsWith("alli") && positiveMeasure(cut(w, "alli"))) {
            return step2(cut(w, "alli") + "al");
        }
        return applyFirstMatching(w, STEP2);
    }

    private static final Rule[] STEP3 = {
        new Rule("icate", "ic", PorterStemmer::positiveMeasure),
        new Rule("ative", "", PorterStemmer::positiveMeasure),
        new Rule("alize", "al", PorterStemmer::positiveMeasure),
        new Rule("iciti", "ic", PorterStemmer::positiveMeasure),
        new Rule("ical", "ic", PorterStemmer::positiveMeasure),
        new Rule("ful", "", PorterStemmer::positiveMeasure),
        new Rule("ness", "", PorterStemmer::positiveMeasure),
    };

    private static String step3(String w) {
        return applyFirstMatching(w, STEP3);
    }

    private static final Rule[] STEP4 = {
        new Rule("al", "", PorterStemmer::measureAboveOne),
        new Rule("ance", "", PorterStemmer::measureAboveOne),
        new Rule("ence", "", PorterStemmer::measureAboveOne),
        new Rule("er", "", PorterStemmer::measureAboveOne),
        new Rule("ic", "", PorterStemmer::measureAboveOne),
        new Rule("able", "", PorterStemmer::measureAboveOne),
        new Rule("ible", "", PorterStemmer::measureAboveOne),
        new Rule("ant", "", PorterStemmer::measureAboveOne),
        new Rule("ement", "", PorterStemmer::measureAboveOne),
        new Rule("ment", "", PorterStemmer::measureAboveOne),
        new Rule("ent", "", PorterStemmer::measureAboveOne),
        new Rule("ion", "", stem -> measureAboveOne(stem)
                && (stem.endsWith("s") || stem.endsWith("t"))),
        new Rule("ou", "", PorterStemmer::measureAboveOne),
        new Rule("ism", "", PorterStemmer::measureAboveOne),
        new Rule("ate", "", PorterStemmer::measureAboveOne),
        new Rule("iti", "", PorterStemmer::measureAboveOne),
        new Rule("ous", "", PorterStemmer::measureAboveOne),
        new Rule("ive", "", PorterStemmer::measureAboveOne),
        new Rule("ize", "", PorterStemmer::measureAboveOne),
    };

    private static String step4(String w) {
        return applyFirstMatching(w, STEP4);
    }

    private static String step5a(String w) {
        if (w.endsWith("e")) {
            String stem = cut(w, "e");
            int m = measure(stem);
            if (m > 1 || (m == 1 && !endsCvc(stem))) {
                return stem;
            }
        }
        return w;
    }

    private static String step5b(String w) {
        if (w.endsWith("ll") && measure(cut(w, "l")) > 1) {
            return cut(w, "l");
        }
        return w;
    }
}
