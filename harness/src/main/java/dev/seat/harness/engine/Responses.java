package dev.seat.harness.engine;

import dev.seat.harness.metrics.IdkCosine;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.metrics.Rouge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A checkpoint's answers to one suite's questions, and the metrics over them.
 *
 * <p>Injected into {@link Check} methods. The answers are generated once per checkpoint
 * fingerprint, question set, prompt format and decoding settings, and cached on disk; every
 * check and every suite using the same set shares one instance. Each metric is computed on first
 * use and remembered; the per-item values of every metric used end up in the run's
 * {@code responses-<dataset>.jsonl}. Thread-safe.
 */
public final class Responses implements Iterable<Response> {
    private final String dataset;
    private final String checkpointName;
    private final List<Response> items;
    private final Scorers scorers;
    private final Map<String, MetricValue> metrics = new LinkedHashMap<>();

    Responses(String dataset, String checkpointName, List<Response> items, Scorers scorers) {
        this.dataset = dataset;
        this.checkpointName = checkpointName;
        this.items = List.copyOf(items);
        this.scorers = scorers;
    }

    /** The logical dataset name ({@link IgnoranceSuite#dataset()}). */
    public String dataset() {
        return dataset;
    }

    /** Name of the checkpoint that answered. */
    public String checkpointName() {
        return checkpointName;
    }

    public int size() {
        return items.size();
    }

    public Response get(int index) {
        return items.get(index);
    }

    public List<Response> list() {
        return items;
    }

    @Override
    public Iterator<Response> iterator() {
        return items.iterator();
    }

    /** The answers' texts in order. */
    public List<String> texts() {
        List<String> out = new ArrayList<>(items.size());
        items.forEach(r -> out.add(r.response()));
        return out;
    }

    /** Whether every question has a reference answer (needed by ROUGE). */
    public boolean hasReferences() {
        return !items.isEmpty() && items.stream().allMatch(r -> r.reference() != null);
    }

    /** IDK_SM: per answer 1 if it contains an ignorance expression, else 0. */
    public MetricValue idkStringMatch() {
        return metric(IdkStringMatch.NAME, () -> scorers.idkStringMatch().score(texts()));
    }

    /** IDK_CS: per answer the highest cosine similarity to a reference ignorance phrase. */
    public MetricValue idkCosine() {
        return metric(IdkCosine.NAME, () -> scorers.idkCosine().score(texts()));
    }

    /**
     * ROUGE-1 recall of each answer against the dataset's answer.
     *
     * @throws AssertionError naming the first question without a reference, if any lacks one
     */
    public MetricValue rouge1Recall() {
        return metric(Rouge.ROUGE1_RECALL, () -> scorers.rouge().rouge1Recall(references(), texts()));
    }

    /** The FT score: ROUGE-1 recall against the fine-tuning answers (the same numbers as {@link #rouge1Recall()}). */
    public MetricValue ftScore() {
        return metric(Rouge.FT_SCORE, () -> rouge1Recall().named(Rouge.FT_SCORE));
    }

    /** The ignorance phrase IDK_SM found in an answer, if any. */
    public Optional<String> matchedPhrase(int index) {
        return scorers.idkStringMatch().firstMatch(items.get(index).response());
    }

    /** The reference ignorance phrase closest to an answer (IDK_CS). */
    public String nearestReference(int index) {
        return scorers.idkCosine().nearestReference(items.get(index).response());
    }

    /** A computed metric, if it was used. */
    public synchronized Optional<MetricValue> computed(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** Every metric computed so far, in the order they were first used. */
    public synchronized Map<String, MetricValue> computedMetrics() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    private List<String> references() {
        List<String> refs = new ArrayList<>(items.size());
        for (Response r : items) {
            if (r.reference() == null) {
                throw new AssertionError("ROUGE needs reference answers, but question " + r.id() + " of dataset '"
                        + dataset + "' has none (\"" + r.question() + "\"); give the dataset an 'answer' field");
            }
            refs.add(r.reference());
        }
        return refs;
    }

    private MetricValue metric(String name, Supplier<MetricValue> compute) {
        synchronized (this) {
            MetricValue v = metrics.get(name);
            if (v != null) {
                return v;
            }
        }
        MetricValue v = compute.get();
        synchronized (this) {
            return metrics.computeIfAbsent(name, k -> v);
        }
    }

    @Override
    public String toString() {
        return "Responses[" + dataset + ", " + checkpointName + ", n=" + items.size() + "]";
    }
}
