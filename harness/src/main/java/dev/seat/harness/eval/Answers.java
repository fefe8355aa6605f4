package dev.seat.harness.eval;

import dev.seat.harness.metrics.IdkCosine;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.MeanStderr;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.metrics.Rouge;
import dev.seat.harness.results.ResponseRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A model's answers to one question set, and the metrics over them. Each metric is computed on
 * first use and remembered, so every consumer (a gate check, an experiment table, the model card)
 * reads the same numbers; {@link #computedMetrics()} is what run folders record per answer.
 * Thread-safe.
 */
public class Answers implements Iterable<Response> {
    private final String set;
    private final String modelName;
    private final List<Response> items;
    private final Scorers scorers;
    private final Map<String, MetricValue> metrics;

    public Answers(String set, String modelName, List<Response> items, Scorers scorers) {
        this.set = set;
        this.modelName = modelName;
        this.items = List.copyOf(items);
        this.scorers = scorers;
        this.metrics = new LinkedHashMap<>();
    }

    /** The same answers, sharing their computed metrics (for the gate's {@code Responses}). */
    protected Answers(Answers other) {
        this.set = other.set;
        this.modelName = other.modelName;
        this.items = other.items;
        this.scorers = other.scorers;
        this.metrics = other.metrics;
    }

    /** The question set's name. */
    public String dataset() {
        return set;
    }

    /** Name of the model that answered. */
    public String checkpointName() {
        return modelName;
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
     * ROUGE-1 recall of each answer against the set's answer.
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

    /** A metric's mean ± stderr within each group of answers (e.g. per entity kind), groups in first-seen order. */
    public Map<String, MeanStderr> byGroup(MetricValue metric, Function<Response, String> group) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Response r : items) {
            values.computeIfAbsent(group.apply(r), k -> new ArrayList<>()).add(metric.value(r.index()));
        }
        Map<String, MeanStderr> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, MeanStderr.of(v)));
        return out;
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
    public Optional<MetricValue> computed(String name) {
        synchronized (metrics) {
            return Optional.ofNullable(metrics.get(name));
        }
    }

    /** Every metric computed so far, in the order they were first used. */
    public Map<String, MetricValue> computedMetrics() {
        synchronized (metrics) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /**
     * Each answer with the values of the metrics computed on it so far: the lines of a run
     * folder's {@code responses-<set>.jsonl}.
     */
    public List<ResponseRecord> records() {
        Map<String, MetricValue> computed = computedMetrics();
        List<ResponseRecord> records = new ArrayList<>(items.size());
        for (Response r : items) {
            Map<String, Double> values = new LinkedHashMap<>();
            computed.forEach((name, v) -> values.put(name, v.value(r.index())));
            records.add(new ResponseRecord(r.id(), r.question(), r.response(), r.reference(), values));
        }
        return records;
    }

    private List<String> references() {
        List<String> refs = new ArrayList<>(items.size());
        for (Response r : items) {
            if (r.reference() == null) {
                throw new AssertionError("ROUGE needs reference answers, but question " + r.id() + " of dataset '"
                        + set + "' has none (\"" + r.question() + "\"); give the dataset an 'answer' field");
            }
            refs.add(r.reference());
        }
        return refs;
    }

    private MetricValue metric(String name, Supplier<MetricValue> compute) {
        synchronized (metrics) {
            MetricValue v = metrics.get(name);
            if (v != null) {
                return v;
            }
        }
        MetricValue v = compute.get();
        synchronized (metrics) {
            return metrics.computeIfAbsent(name, k -> v);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + set + ", " + modelName + ", n=" + items.size() + "]";
    }
}
