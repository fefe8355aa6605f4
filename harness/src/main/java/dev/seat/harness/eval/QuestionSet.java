package dev.seat.harness.eval;

import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.results.Digests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The questions one evaluation asks, as asked: the gate's suites, the experiments' gate sets, the
 * model card's world sets and the collapse check all describe their questions this way, so a limit
 * and a cache key mean the same everywhere.
 *
 * @param name the logical set name ({@code unverifiable}, {@code unseen}, {@code ft}, ...)
 * @param source where the questions came from (a path, {@code classpath:...}, or a generator's name)
 * @param fileSha256 digest of the whole source file, or null when the questions were generated
 * @param items the questions asked
 * @param itemsSha256 digest of the questions asked (ids, questions, answers), part of the cache key
 */
public record QuestionSet(String name, String source, String fileSha256, List<QaItem> items, String itemsSha256) {

    /** The seed of {@link #limit}'s draw: the same questions for every model and every command. */
    public static final long LIMIT_SEED = 20240617L;

    public QuestionSet {
        items = List.copyOf(items);
    }

    /** Questions built in memory (e.g. by the embedded world's generators). */
    public static QuestionSet of(String name, String source, List<QaItem> items) {
        return new QuestionSet(name, source, null, items, digest(items));
    }

    /**
     * Reads a JSON array or JSON Lines file of question (and answer) records.
     *
     * @throws dev.seat.harness.data.DatasetException naming the file and line when it is malformed
     * @throws IllegalArgumentException when the file holds no questions
     */
    public static QuestionSet read(String name, String source, Path file) {
        List<QaItem> items = QaDatasets.read(file);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("Question set '" + name + "': " + file + " holds no questions");
        }
        return new QuestionSet(name, source, Digests.sha256(file), items, digest(items));
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<String> questions() {
        return items.stream().map(QaItem::question).toList();
    }

    /**
     * At most {@code n} questions: all of them when the set is no larger, else {@code n} drawn with
     * {@link #LIMIT_SEED} and kept in the set's order, so a limited run covers the whole set (every
     * entity kind, every template) rather than its first rows, and asks every model the same
     * questions. {@code n <= 0} means no limit.
     */
    public QuestionSet limit(int n) {
        if (n <= 0 || items.size() <= n) {
            return this;
        }
        List<Integer> order = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(LIMIT_SEED));
        List<Integer> kept = new ArrayList<>(order.subList(0, n));
        Collections.sort(kept);
        List<QaItem> subset = kept.stream().map(items::get).toList();
        return new QuestionSet(name, source, fileSha256, subset, digest(subset));
    }

    private static String digest(List<QaItem> items) {
        StringBuilder sb = new StringBuilder();
        for (QaItem q : items) {
            sb.append(q.id()).append('\u0000').append(q.question()).append('\u0000')
                    .append(q.answer() == null ? "" : q.answer()).append('\u0001');
        }
        return Digests.sha256(sb.toString());
    }
}
