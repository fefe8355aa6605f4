package dev.seat.harness.gate;

import dev.seat.harness.text.Display;
import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.tasks.SampleRecord;
import dev.seat.harness.tasks.TaskMetric;
import dev.seat.harness.tasks.TaskResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one headline metric of a {@link BenchmarkResult} (every benchmark metric here is
 * higher-is-better). Failure messages state the benchmark, the metric, value ± stderr, n and the
 * few-shot setting, and for a regression the baseline's value and the allowed drop, followed by
 * the documents that lost most against the baseline (for a single task).
 */
public final class BenchmarkMetricAssert extends AbstractAssert<BenchmarkMetricAssert, TaskMetric> {
    private static final int EXAMPLES = 5;
    private static final int MAX_TEXT = 160;

    private final BenchmarkResult result;
    private final String metric;
    private final String filter;

    BenchmarkMetricAssert(BenchmarkResult result, String metric, String filter) {
        super(result.metric(metric, filter), BenchmarkMetricAssert.class);
        this.result = result;
        this.metric = metric;
        this.filter = filter;
    }

    /** Passes when the value is at least {@code min}. */
    public BenchmarkMetricAssert isAtLeast(double min) {
        isNotNull();
        record(Measurement.AT_LEAST, min, null, actual.value() >= min);
        if (!(actual.value() >= min)) {
            failWithMessage("%s", String.format(Locale.ROOT, "%s, expected at least %s", headline(), num(min)));
        }
        return this;
    }

    /** Passes when the value is at most {@code max}. */
    public BenchmarkMetricAssert isAtMost(double max) {
        isNotNull();
        record(Measurement.AT_MOST, max, null, actual.value() <= max);
        if (!(actual.value() <= max)) {
            failWithMessage("%s", String.format(Locale.ROOT, "%s, expected at most %s", headline(), num(max)));
        }
        return this;
    }

    /** Passes when the value is at most {@code maxDrop} below the base model's on the same benchmark. */
    public BenchmarkMetricAssert isNotWorseThan(BenchmarkBaseline baseline, double maxDrop) {
        isNotNull();
        return isNotWorseThan(baseline.result(), maxDrop);
    }

    /** Passes when the value is at most {@code maxDrop} below the same metric of {@code baseline}. */
    public BenchmarkMetricAssert isNotWorseThan(BenchmarkResult baseline, double maxDrop) {
        isNotNull();
        TaskMetric base = baseline.metric(metric, filter);
        double drop = base.value() - actual.value();
        record(Measurement.DROP_AT_MOST, maxDrop, base.value(), drop <= maxDrop);
        if (!(drop <= maxDrop)) {
            String head = String.format(Locale.ROOT, "%s %s %s from %s ± %s (baseline %s, n=%d) to %s ± %s "
                            + "(checkpoint %s, n=%d, %d-shot): drop %s exceeds the allowed %s",
                    result.name(), label(), drop > 0 ? "dropped" : "went", num(base.value()), num(base.stderr()), baseline.checkpointName(), base.n(),
                    num(actual.value()), num(actual.stderr()), result.checkpointName(), actual.n(), result.numFewshot(),
                    num(drop), num(maxDrop));
            String examples = regressions(baseline);
            failWithMessage("%s", examples.isEmpty() ? head : head + "\n" + examples);
        }
        return this;
    }

    private void record(String comparison, double bound, Double baseline, boolean passed) {
        Measurements.record(new Measurement(result.name() + " " + label(), result.name(), actual.value(), actual.stderr(),
                actual.n(), comparison, bound, baseline, passed));
    }

    private String headline() {
        return String.format(Locale.ROOT, "%s %s = %s ± %s (checkpoint %s, n=%d, %d-shot)", result.name(), label(),
                num(actual.value()), num(actual.stderr()), result.checkpointName(), actual.n(), result.numFewshot());
    }

    private String label() {
        return BenchmarkResult.label(metric, filter);
    }

    /**
     * The documents of a single task that scored lower than on the baseline, most lost first; empty
     * for groups or when the two runs did not see the same prompts.
     */
    private String regressions(BenchmarkResult baseline) {
        if (result.isGroup() || baseline.isGroup()) {
            return "";
        }
        TaskResult tuned = result.tasks().get(0);
        TaskResult base = baseline.tasks().get(0);
        if (!tuned.promptHash().equals(base.promptHash())) {
            return "";
        }
        Map<Integer, SampleRecord> tunedDocs = samples(tuned);
        Map<Integer, SampleRecord> baseDocs = samples(base);
        List<Integer> lost = new ArrayList<>();
        tunedDocs.forEach((doc, s) -> {
            SampleRecord b = baseDocs.get(doc);
            if (b != null && value(b) > value(s)) {
                lost.add(doc);
            }
        });
        if (lost.isEmpty()) {
            return "";
        }
        lost.sort(Comparator.comparingDouble((Integer d) -> value(tunedDocs.get(d)) - value(baseDocs.get(d)))
                .thenComparing(d -> d));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%d of %d documents scored lower than on the baseline (%s per document, baseline -> checkpoint):",
                lost.size(), tunedDocs.size(), label()));
        for (int j = 0; j < Math.min(EXAMPLES, lost.size()); j++) {
            SampleRecord s = tunedDocs.get(lost.get(j));
            SampleRecord b = baseDocs.get(lost.get(j));
            sb.append(String.format(Locale.ROOT, "%n  doc %d: %.2f -> %.2f  %s", s.docId(), value(b), value(s),
                    Display.oneLine(lastExample(s.context(), tuned), MAX_TEXT)));
            if (s.filtered() != null) {
                sb.append(String.format(Locale.ROOT, "%n         checkpoint: %s | baseline: %s",
                        Display.oneLine(s.filtered(), MAX_TEXT / 2), Display.oneLine(b.filtered(), MAX_TEXT / 2)));
            }
        }
        return sb.toString();
    }

    /** The samples of the asserted filter, by document. */
    private Map<Integer, SampleRecord> samples(TaskResult t) {
        Map<Integer, SampleRecord> out = new LinkedHashMap<>();
        t.samples().stream().filter(s -> s.filter().equals(filter) && s.metrics().containsKey(metric))
                .forEach(s -> out.put(s.docId(), s));
        return out;
    }

    private double value(SampleRecord s) {
        return s.metrics().get(metric);
    }

    /** The prompt without its few-shot examples: the question the document asks. */
    private static String lastExample(String context, TaskResult t) {
        String delimiter = t.definition().fewshotDelimiter();
        int at = delimiter.isEmpty() || t.numFewshot() == 0 ? -1 : context.lastIndexOf(delimiter);
        return at < 0 ? context : context.substring(at + delimiter.length());
    }

    /** Four decimals; {@code n/a} for an undefined standard error. */
    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
