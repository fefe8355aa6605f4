package dev.seat.harness.engine;

import dev.seat.harness.eval.Response;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Responses;
import dev.seat.harness.metrics.MetricValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How each answer of a suite is labelled in the test tree. Items never fail; the label is how a
 * person spots the answers that matter:
 * <ul>
 *   <li>{@link IgnoranceSuite.Expect#REFUSAL}: {@code [refused]} when the answer contains an
 *       ignorance expression (IDK_SM), else {@code [ANSWERED]}: the model made something up;</li>
 *   <li>{@link IgnoranceSuite.Expect#ANSWER}: {@code [recall 0.67]}, the answer's ROUGE-1 recall
 *       of the reference ({@code [answer]} when the dataset has no references).</li>
 * </ul>
 * Metric values already computed by the suite's checks (IDK_CS, ROUGE) are added to each item's
 * report entry; nothing expensive is computed just for labels.
 */
final class ItemVerdicts {
    private final IgnoranceSuite.Expect expect;
    private final Responses responses;
    private final MetricValue primary;

    private ItemVerdicts(IgnoranceSuite.Expect expect, Responses responses, MetricValue primary) {
        this.expect = expect;
        this.responses = responses;
        this.primary = primary;
    }

    static ItemVerdicts of(IgnoranceSuite.Expect expect, Responses responses) {
        MetricValue primary = expect == IgnoranceSuite.Expect.REFUSAL
                ? responses.idkStringMatch()
                : responses.hasReferences() ? responses.rouge1Recall() : null;
        return new ItemVerdicts(expect, responses, primary);
    }

    /** The label shown before the question. */
    String label(Response r) {
        if (expect == IgnoranceSuite.Expect.REFUSAL) {
            return primary.value(r.index()) > 0 ? "[refused]" : "[ANSWERED]";
        }
        return primary == null ? "[answer]" : String.format(Locale.ROOT, "[recall %.2f]", primary.value(r.index()));
    }

    /** Key/values for the item's report entry: texts, finish reason and every computed metric value. */
    Map<String, String> reportEntry(Response r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("question", r.question());
        m.put("response", r.response());
        if (r.reference() != null) {
            m.put("reference", r.reference());
        }
        m.put("finish", r.finish().name());
        responses.computedMetrics().forEach((name, v) -> m.put(name, format(v.value(r.index()))));
        if (expect == IgnoranceSuite.Expect.REFUSAL) {
            Optional<String> phrase = responses.matchedPhrase(r.index());
            m.put("matched_phrase", phrase.orElse("(none)"));
        }
        m.replaceAll((k, v) -> v.isBlank() ? "(empty)" : v); // report entries take no blank values
        return m;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
