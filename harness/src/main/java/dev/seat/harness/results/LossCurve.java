package dev.seat.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training run's loss per optimizer step, as a run record keeps it: each point is a step
 * (1-based), its epoch (0-based), the loss and the loss's named parts where the objective has
 * them (SEAT's {@code ce} and {@code kl}: loss = ce + γ·kl). Up to {@value #MAX_POINTS} steps every
 * step is kept; a longer run keeps every {@code keptEvery}-th step plus its first and last, and
 * its JSON says so.
 *
 * <p>JSON, by columns so a record stays small: {@code {"steps_taken": 500, "kept_every": 1,
 * "step": [..], "epoch": [..], "loss": [..], "parts": {"ce": [..], "kl": [..]}}}. Numbers are
 * written at float precision (the trainer's losses are float32); a non-finite value is
 * {@code null}.
 *
 * @param points the kept steps, in order
 * @param stepsTaken optimizer steps the run took
 * @param keptEvery 1 when every step is kept, else the stride of the kept steps
 */
public record LossCurve(List<Point> points, long stepsTaken, int keptEvery) {
    /** Runs longer than this many steps are downsampled. */
    public static final int MAX_POINTS = 2000;
    /** The run record's key. */
    public static final String KEY = "loss_curve";

    /** One optimizer step: its number (1-based), epoch, loss and the loss's named parts (none for plain CE). */
    public record Point(long step, int epoch, double loss, Map<String, Double> parts) {
        public Point {
            parts = Map.copyOf(parts);
        }
    }

    public LossCurve {
        points = List.copyOf(points);
    }

    /** Every step of a run, downsampled when longer than {@link #MAX_POINTS}. */
    public static LossCurve of(List<Point> steps) {
        return of(steps, MAX_POINTS);
    }

    /** As {@link #of(List)} with another cap (tests). */
    static LossCurve of(List<Point> steps, int maxPoints) {
        if (steps.size() <= maxPoints) {
            return new LossCurve(steps, steps.size(), 1);
        }
        int every = (steps.size() + maxPoints - 1) / maxPoints;
        List<Point> kept = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (i == 0 || (i + 1) % every == 0 || i == steps.size() - 1) {
                kept.add(steps.get(i));
            }
        }
        return new LossCurve(kept, steps.size(), every);
    }

    /** The names of the loss's parts over all points, sorted. */
    public List<String> partNames() {
        return points.stream().flatMap(p -> p.parts().keySet().stream()).distinct().sorted().toList();
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("steps_taken", stepsTaken);
        n.put("kept_every", keptEvery);
        if (keptEvery > 1) {
            n.put("note", "downsampled: every " + keptEvery + "th of " + stepsTaken + " steps kept, and the first and last");
        }
        ArrayNode step = n.putArray("step");
        ArrayNode epoch = n.putArray("epoch");
        ArrayNode loss = n.putArray("loss");
        points.forEach(p -> {
            step.add(p.step());
            epoch.add(p.epoch());
            addFloat(loss, p.loss());
        });
        List<String> names = partNames();
        if (!names.isEmpty()) {
            ObjectNode parts = n.putObject("parts");
            for (String name : names) {
                ArrayNode column = parts.putArray(name);
                points.forEach(p -> addFloat(column, p.parts().getOrDefault(name, Double.NaN)));
            }
        }
        return n;
    }

    private static void addFloat(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add((float) v);
        } else {
            a.addNull();
        }
    }

    /**
     * The curve a run record keeps under {@link #KEY}; empty for a record without one (runs made
     * before curves were recorded).
     *
     * @throws IllegalArgumentException when the curve is there but malformed, naming what is wrong
     */
    public static Optional<LossCurve> of(JsonNode record) {
        JsonNode n = record.path(KEY);
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        JsonNode step = n.path("step");
        JsonNode epoch = n.path("epoch");
        JsonNode loss = n.path("loss");
        if (!step.isArray() || !epoch.isArray() || !loss.isArray()) {
            throw new IllegalArgumentException(KEY + " needs the arrays 'step', 'epoch' and 'loss', found keys "
                    + fieldNames(n));
        }
        int size = step.size();
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        n.path("parts").fields().forEachRemaining(e -> parts.put(e.getKey(), e.getValue()));
        List<String> ragged = new ArrayList<>();
        if (epoch.size() != size) {
            ragged.add("epoch " + epoch.size());
        }
        if (loss.size() != size) {
            ragged.add("loss " + loss.size());
        }
        parts.forEach((k, v) -> {
            if (!v.isArray() || v.size() != size) {
                ragged.add("parts." + k + " " + (v.isArray() ? v.size() : v.getNodeType()));
            }
        });
        if (!ragged.isEmpty()) {
            throw new IllegalArgumentException(KEY + " has " + size + " steps but " + String.join(", ", ragged) + " values");
        }
        List<Point> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Double> p = new LinkedHashMap<>();
            for (var e : parts.entrySet()) {
                double v = number(e.getValue().get(i));
                if (!Double.isNaN(v)) {
                    p.put(e.getKey(), v);
                }
            }
            points.add(new Point(step.get(i).asLong(), epoch.get(i).asInt(), number(loss.get(i)), p));
        }
        return Optional.of(new LossCurve(points, n.path("steps_taken").asLong(size), n.path("kept_every").asInt(1)));
    }

    private static double number(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
