package dev.seat.harness.model;

import java.util.Arrays;
import java.util.Random;

/** Temperature and nucleus (top-p) sampling from one row of logits. */
final class Sampling {
    private Sampling() {}

    static long sample(float[] logits, float temperature, float topP, Random rng) {
        int v = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        Integer[] order = new Integer[v];
        for (int i = 0; i < v; i++) {
            order[i] = i;
            p[i] /= sum;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        // keep the smallest prefix whose mass reaches topP (at least one token)
        int keep = 0;
        double mass = 0;
        while (keep < v && (keep == 0 || mass < topP)) {
            mass += p[order[keep++]];
        }
        double r = rng.nextDouble() * mass;
        for (int k = 0; k < keep; k++) {
            r -= p[order[k]];
            if (r <= 0) {
                return order[k];
            }
        }
        return order[keep - 1];
    }
}
