package dev.seat.harness.gate;

import dev.seat.harness.text.Display;
import dev.seat.harness.eval.Response;
import dev.seat.harness.metrics.MetricValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The answers quoted in failure messages: the lowest-scoring ones, the highest-scoring ones, or
 * those that lost most against the baseline. Ties keep dataset order, so messages are stable.
 */
final class Examples {
    private static final int MAX_TEXT = 200;

    private Examples() {}

    /** The {@code k} answers with the lowest per-item values. */
    static String worst(Responses responses, MetricValue value, int k) {
        return pick(responses, value, k, Comparator.comparingDouble(value::value), "lowest");
    }

    /** The {@code k} answers with the highest per-item values. */
    static String best(Responses responses, MetricValue value, int k) {
        return pick(responses, value, k, Comparator.comparingDouble((Integer i) -> value.value(i)).reversed(), "highest");
    }

    /** The {@code k} answers whose value fell most from the baseline's answer to the same question. */
    static String regressions(Responses tuned, MetricValue value, Responses base, MetricValue baseValue, int k) {
        if (tuned == null || tuned.size() != value.n()) {
            return "";
        }
        List<Integer> order = indices(value.n());
        order.sort(Comparator.comparingDouble((Integer i) -> value.value(i) - baseValue.value(i)));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d answers that lost the most (%s per answer, baseline -> checkpoint):",
                Math.min(k, order.size()), value.name()));
        for (int j = 0; j < Math.min(k, order.size()); j++) {
            int i = order.get(j);
            Response r = tuned.get(i);
            sb.append(String.format(Locale.ROOT, "%n  %d. %.2f -> %.2f  Q: %s%n%s A: %s%n%s baseline A: %s", j + 1,
                    baseValue.value(i), value.value(i), text(r.question()), pad(), text(r.response()), pad(),
                    text(base.get(i).response())));
            if (r.reference() != null) {
                sb.append(String.format(Locale.ROOT, "%n%s reference: %s", pad(), text(r.reference())));
            }
        }
        return sb.toString();
    }

    private static String pick(Responses responses, MetricValue value, int k, Comparator<Integer> order, String which) {
        if (responses == null || responses.size() != value.n() || value.n() == 0) {
            return "";
        }
        List<Integer> idx = indices(value.n());
        idx.sort(order);
        int shown = Math.min(k, idx.size());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d answers with the %s %s:", shown, which,
                value.name()));
        for (int j = 0; j < shown; j++) {
            int i = idx.get(j);
            Response r = responses.get(i);
            sb.append(String.format(Locale.ROOT, "%n  %d. %s=%.2f  Q: %s%n%s A: %s", j + 1, value.name(), value.value(i),
                    text(r.question()), pad(), text(r.response())));
            if (r.reference() != null) {
                sb.append(String.format(Locale.ROOT, "%n%s reference: %s", pad(), text(r.reference())));
            }
        }
        return sb.toString();
    }

    private static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static String pad() {
        return "     ";
    }

    private static String text(String s) {
        return Display.oneLine(s == null ? "" : s, MAX_TEXT);
    }
}
