package dev.seat.trainer.perturb;

import dev.seat.harness.data.QaItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the subject entities of a fine-tuning question, the names entity perturbation replaces.
 *
 * <ol>
 *   <li>If the dataset names them ({@link QaItem#entities()}: an {@code entity}/{@code entities}
 *       field, the world's contracts), those that occur in the question are used.</li>
 *   <li>Otherwise a heuristic: maximal spans of capitalised words in the question (a legal suffix
 *       such as "SA" or "GmbH" may close a span), with leading question and function words
 *       ("What", "In", "The", ...) and a trailing possessive removed. A span counts as an entity if
 *       it ends in a legal suffix (a company) or if it also occurs in the dataset outside this
 *       question: in this item's answer, or in another item's question or answer. That second
 *       rule keeps recurring names (PISTOL's companies, TOFU's authors) and drops words that are
 *       merely capitalised. Overlapping spans keep the longer one.</li>
 * </ol>
 * The PISTOL release's {@code edge} field ("A_B") labels a contract, it is not a name, so PISTOL
 * goes through the heuristic: every question names one or two companies with legal suffixes.
 * Every "occurs" above means as a whole word ({@link WholeWords}): "Ana" does not occur in "Anatolia".
 */
public final class EntityExtractor {
    private static final Pattern SPAN = Pattern.compile(
            "\\p{Lu}[\\p{L}\\p{M}'’.-]*(?:\\s+(?:\\p{Lu}[\\p{L}\\p{M}'’.-]*|plc))*");
    private static final Set<String> LEADING_WORDS = Set.of(
            "What", "Which", "Who", "Whom", "Whose", "When", "Where", "Why", "How", "Is", "Are", "Was", "Were",
            "Did", "Does", "Do", "Can", "Could", "Would", "Should", "Will", "Has", "Have", "Had", "In", "On",
            "At", "By", "For", "From", "To", "Of", "With", "As", "The", "A", "An", "And", "Or", "But", "Please",
            "Tell", "Describe", "Name", "List", "Explain", "According", "Under", "After", "Before", "Since",
            "During", "If", "Given", "I", "Me", "My", "It", "Its", "This", "That", "These", "Those", "There",
            "Within", "Between", "Into", "Upon", "About", "Among", "Through", "Over", "Across", "Against",
            "Regarding", "Considering", "Based", "Besides", "Apart", "Aside", "Except", "Without");

    /** A candidate span, and whether it opens a sentence (so its first word may be capitalised only for that). */
    record Span(String text, boolean sentenceInitial) {}

    private final List<QaItem> dataset;

    /** @param dataset every item of the fine-tuning set (the heuristic's "occurs elsewhere" rule reads it) */
    public EntityExtractor(List<QaItem> dataset) {
        this.dataset = List.copyOf(dataset);
    }

    /** The entities of item {@code index} of the dataset; may be empty when the question names none. */
    public List<String> entities(int index) {
        QaItem item = dataset.get(index);
        List<String> named = item.entities().stream()
                .filter(e -> !e.isBlank() && WholeWords.contains(item.question(), e)).toList();
        if (!named.isEmpty()) {
            return named;
        }
        List<String> found = new ArrayList<>();
        for (Span span : spans(item.question())) {
            String text = span.text();
            int space = text.indexOf(' ');
            if (span.sentenceInitial() && space > 0 && qualifies(text.substring(space + 1), index)) {
                found.add(text.substring(space + 1)); // "Within Wnzatj SAS ..." opening a sentence
            } else if (qualifies(text, index)) {
                found.add(text);
            }
        }
        return longestFirstWithoutOverlaps(found);
    }

    private boolean qualifies(String span, int index) {
        return span.length() >= 3 && (endsWithLegalSuffix(span) || occursElsewhere(span, index));
    }

    /** Candidate capitalised spans of a question, leading function words and possessives removed. */
    static List<Span> spans(String question) {
        List<Span> out = new ArrayList<>();
        Matcher m = SPAN.matcher(question);
        while (m.find()) {
            List<String> words = new ArrayList<>(List.of(m.group().split("\\s+")));
            String before = question.substring(0, m.start()).stripTrailing();
            boolean initial = before.isEmpty() || before.endsWith(".") || before.endsWith("?") || before.endsWith("!");
            while (!words.isEmpty() && LEADING_WORDS.contains(words.get(0))) {
                words.remove(0);
                initial = false;
            }
            if (words.isEmpty()) {
                continue;
            }
            String span = String.join(" ", words).replaceAll("['’]s$", "").replaceAll("[.,;:?!]+$", "");
            if (span.length() >= 3) {
                out.add(new Span(span, initial));
            }
        }
        return out;
    }

    static boolean endsWithLegalSuffix(String span) {
        List<String> words = List.of(span.split("\\s+"));
        return words.size() >= 2 && EntityKind.isLegalSuffix(words, words.size() - 1);
    }

    private boolean occursElsewhere(String span, int index) {
        QaItem self = dataset.get(index);
        if (WholeWords.contains(self.answer(), span)) {
            return true;
        }
        for (int i = 0; i < dataset.size(); i++) {
            QaItem other = dataset.get(i);
            if (i != index && (WholeWords.contains(other.question(), span) || WholeWords.contains(other.answer(), span))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> longestFirstWithoutOverlaps(List<String> spans) {
        List<String> sorted = new ArrayList<>(spans.stream().distinct().toList());
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> kept = new ArrayList<>();
        for (String s : sorted) {
            if (kept.stream().noneMatch(k -> WholeWords.contains(k, s))) {
                kept.add(s);
            }
        }
        return kept;
    }
}
