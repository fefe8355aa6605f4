package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a task's {@code metric_list}, as in lm-eval: the metric name and, for
 * {@code exact_match}, its options. Every metric is averaged over documents (lm-eval's
 * {@code mean} aggregation) with {@link Stats#meanStderr} as its standard error.
 *
 * <p>Metric names: {@code acc}, {@code acc_norm} (multiple choice, see {@link ChoiceScores}),
 * {@code exact_match} (generation, see {@link ExactMatch}). Tasks with
 * {@code "process_results": "truthfulqa_mc2"} report {@code acc} as the MC2 score.
 */
public record MetricSpec(String metric, boolean higherIsBetter, boolean ignoreCase, boolean ignorePunctuation,
        List<String> regexesToIgnore) {

    public static MetricSpec fromJson(JsonNode n, String where) {
        if (n.isTextual()) {
            return new MetricSpec(n.asText(), true, false, false, List.of());
        }
        if (!n.hasNonNull("metric")) {
            throw new IllegalArgumentException(where + ": a metric_list entry needs \"metric\", got " + n);
        }
        String name = n.get("metric").asText();
        if (!List.of("acc", "acc_norm", "exact_match").contains(name)) {
            throw new IllegalArgumentException(where + ": unknown metric '" + name + "' (known: acc, acc_norm, exact_match)");
        }
        List<String> regexes = new ArrayList<>();
        n.path("regexes_to_ignore").forEach(r -> regexes.add(r.asText()));
        return new MetricSpec(name, n.path("higher_is_better").asBoolean(true), n.path("ignore_case").asBoolean(false),
                n.path("ignore_punctuation").asBoolean(false), List.copyOf(regexes));
    }

    public ExactMatch exactMatch() {
        return new ExactMatch(regexesToIgnore, ignoreCase, ignorePunctuation);
    }
}
