package dev.seat.harness.metrics;

import java.util.Locale;

/**
 * How far fine-tuning moved the residual stream: for each layer, the mean over prompts of the L2
 * distance between the base and the tuned model's activation at the last prompt token, and that
 * distance relative to the mean L2 norm of the base activations at the same layer.
 *
 * <p>Layer index 0 is the embedding output, index {@code l + 1} the stream leaving decoder layer
 * {@code l} (the layout of {@code ActivationCapture.lastToken}). A relative drift of 0.1 means the
 * tuned model's representation of the prompts moved, on average, by a tenth of their typical
 * length. Sparse tuning and SEAT keep it small; full fine-tuning moves the late layers most.
 *
 * <p>Immutable.
 */
public final class ActivationDrift {
    /** The metric name in results. */
    public static final String NAME = "activation_drift";

    private final MetricValue[] distances;
    private final double[] baseNorms;

    private ActivationDrift(MetricValue[] distances, double[] baseNorms) {
        this.distances = distances;
        this.baseNorms = baseNorms;
    }

    /**
     * Compares activations of the same prompts.
     *
     * @param base {@code [prompt][layer][hidden]} of the base model
     * @param tuned the same shape for the tuned model
     * @throws IllegalArgumentException if the shapes differ or there are no prompts
     */
    public static ActivationDrift between(float[][][] base, float[][][] tuned) {
        if (base.length != tuned.length) {
            throw new IllegalArgumentException("Activation drift needs the same prompts: " + base.length
                    + " base vs " + tuned.length + " tuned activations");
        }
        if (base.length == 0) {
            throw new IllegalArgumentException("Activation drift needs at least one prompt");
        }
        int layers = base[0].length;
        MetricValue[] distances = new MetricValue[layers];
        double[] norms = new double[layers];
        for (int l = 0; l < layers; l++) {
            double[] d = new double[base.length];
            double normSum = 0;
            for (int i = 0; i < base.length; i++) {
                if (base[i].length != layers || tuned[i].length != layers) {
                    throw new IllegalArgumentException("Prompt " + i + ": " + base[i].length + " base layers vs "
                            + tuned[i].length + " tuned layers (expected " + layers + ")");
                }
                float[] a = base[i][l];
                float[] b = tuned[i][l];
                if (a.length != b.length) {
                    throw new IllegalArgumentException("Prompt " + i + ", layer " + l + ": hidden size " + a.length
                            + " (base) vs " + b.length + " (tuned)");
                }
                double sq = 0;
                double norm = 0;
                for (int k = 0; k < a.length; k++) {
                    double diff = (double) b[k] - a[k];
                    sq += diff * diff;
                    norm += (double) a[k] * a[k];
                }
                d[i] = Math.sqrt(sq);
                normSum += Math.sqrt(norm);
            }
            distances[l] = MetricValue.of(NAME + "_l2_layer" + l, d);
            norms[l] = normSum / base.length;
        }
        return new ActivationDrift(distances, norms);
    }

    /** Number of measured positions in the stream: 1 (embedding) + decoder layers. */
    public int layers() {
        return distances.length;
    }

    /** Prompts measured. */
    public int n() {
        return distances[0].n();
    }

    /** Per-prompt L2 distances at one layer, with their mean and standard error. */
    public MetricValue distance(int layer) {
        return distances[layer];
    }

    /** Mean L2 distance at one layer. */
    public double meanDistance(int layer) {
        return distances[layer].mean();
    }

    /** Mean L2 norm of the base model's activations at one layer. */
    public double meanBaseNorm(int layer) {
        return baseNorms[layer];
    }

    /** Mean distance divided by mean base norm (0 when the base norm is 0 and nothing moved). */
    public double relative(int layer) {
        double d = meanDistance(layer);
        return baseNorms[layer] == 0 ? (d == 0 ? 0 : Double.POSITIVE_INFINITY) : d / baseNorms[layer];
    }

    /** Relative drift of every layer, index 0 = embedding output. */
    public double[] relative() {
        double[] r = new double[layers()];
        for (int l = 0; l < r.length; l++) {
            r[l] = relative(l);
        }
        return r;
    }

    /** Mean distances of every layer. */
    public double[] meanDistances() {
        double[] d = new double[layers()];
        for (int l = 0; l < d.length; l++) {
            d[l] = meanDistance(l);
        }
        return d;
    }

    /** The layer with the largest relative drift. */
    public int worstLayer() {
        int worst = 0;
        for (int l = 1; l < layers(); l++) {
            if (relative(l) > relative(worst)) {
                worst = l;
            }
        }
        return worst;
    }

    /** The largest relative drift over layers. */
    public double maxRelative() {
        return relative(worstLayer());
    }

    /** One line per layer: layer, mean distance ± stderr, base norm, relative drift. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-9s %12s %10s %10s %9s%n",
                "layer", "mean L2", "stderr", "base norm", "relative"));
        for (int l = 0; l < layers(); l++) {
            sb.append(String.format(Locale.ROOT, "%-9s %12.4f %10.4f %10.4f %9.4f%n",
                    l == 0 ? "embed" : Integer.toString(l - 1), meanDistance(l), distances[l].stderr(),
                    baseNorms[l], relative(l)));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: max relative %.4f at %s (n=%d, %d layers)", NAME, maxRelative(),
                worstLayer() == 0 ? "the embedding output" : "layer " + (worstLayer() - 1), n(), layers() - 1);
    }
}
