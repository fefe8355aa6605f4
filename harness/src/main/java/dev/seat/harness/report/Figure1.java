package dev.seat.harness.report;

import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.metrics.Silhouette;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SEAT paper's Figure 1 for one run: for each model (the baseline, then the checkpoint) a PCA
 * of the last-token activations at one layer, fitted on that model's activations for the unknown
 * (unverifiable) and known (factual) questions, with the fine-tuning questions projected onto the
 * same two components; and the silhouette between unknown and known ({@link Silhouette}, in the
 * full activation space of that layer). Each model gets its own components: the figure shows how
 * far apart each model keeps the two groups, not how far it moved (that is activation drift).
 *
 * <p>Written to {@code separation.json} of a run folder and read back by the HTML report.
 */
public record Figure1(int layer, List<Panel> panels) {
    /** The file in a run folder. */
    public static final String FILE = "separation.json";

    /** The groups of questions, in the order the figure draws them. */
    public enum Group { UNKNOWN, KNOWN, FT }

    /** One model's picture. */
    public record Panel(String role, String checkpoint, MetricValue silhouette, double[] explained, List<Point> points) {}

    /** One question's activation on the two components. */
    public record Point(Group group, double x, double y, String question) {}

    public Figure1 {
        panels = List.copyOf(panels);
    }

    /**
     * One model's panel.
     *
     * @param activations {@code [prompt][layer][hidden]} in the order of {@code groups}
     * @param layer index into the layer axis (0 = embedding output); negative counts from the end
     */
    public static Panel panel(String role, String checkpoint, float[][][] activations, int layer, List<Group> groups,
                              List<String> questions) {
        if (activations.length != groups.size() || questions.size() != groups.size()) {
            throw new IllegalArgumentException("Figure 1 of " + checkpoint + ": " + activations.length + " activations, "
                    + groups.size() + " group labels, " + questions.size() + " questions");
        }
        List<float[]> fitRows = new ArrayList<>();
        List<Boolean> unknown = new ArrayList<>();
        float[][] rows = new float[activations.length][];
        for (int i = 0; i < activations.length; i++) {
            rows[i] = activations[i][resolveLayer(layer, activations[i].length)];
            if (groups.get(i) != Group.FT) {
                fitRows.add(rows[i]);
                unknown.add(groups.get(i) == Group.UNKNOWN);
            }
        }
        float[][] fit = fitRows.toArray(new float[0][]);
        boolean[] isUnknown = new boolean[fit.length];
        for (int i = 0; i < fit.length; i++) {
            isUnknown[i] = unknown.get(i);
        }
        MetricValue s = Silhouette.of(fit, isUnknown);
        Pca pca = Pca.fit(fit, 2);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            double[] xy = pca.project(rows[i]);
            points.add(new Point(groups.get(i), xy[0], xy[1], questions.get(i)));
        }
        return new Panel(role, checkpoint, s, pca.explainedVarianceRatio(), points);
    }

    /** A layer index counted from the end when negative. */
    public static int resolveLayer(int layer, int layers) {
        int l = layer < 0 ? layers + layer : layer;
        if (l < 0 || l >= layers) {
            throw new IllegalArgumentException("Layer " + layer + " out of range: the model has " + layers
                    + " positions in its residual stream (0 = embedding output, " + (layers - 1) + " = last layer)");
        }
        return l;
    }

    /** The panel of a role ({@code baseline}, {@code checkpoint}), if present. */
    public java.util.Optional<Panel> panel(String role) {
        return panels.stream().filter(p -> p.role().equals(role)).findFirst();
    }

    public void write(Path file) {
        Json.write(file, this);
    }

    /** Reads a {@value #FILE}; a malformed file is reported with its path. */
    public static Figure1 read(Path file) {
        try {
            return Json.MAPPER.treeToValue(Json.read(file), Figure1.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a Figure 1 file (" + e.getOriginalMessage() + ")", e);
        }
    }
}
