package dev.seat.harness.metrics;

/**
 * How far apart two groups of points lie: the silhouette coefficient (Rousseeuw 1987) with
 * Euclidean distance. For point i of group A, {@code a} is its mean distance to the other points of
 * A, {@code b} its mean distance to the points of B, and {@code s(i) = (b - a) / max(a, b)}: 1 when
 * the groups are tight and far apart, 0 when they overlap, negative when i sits nearer the other
 * group. The metric is the mean of s(i) over every point of both groups, with its standard error.
 *
 * <p>seat measures it between the last-token activations of unknown (unverifiable) and known
 * (factual) questions: an aligned model keeps them apart (the SEAT paper's Figure 1), full
 * fine-tuning pulls them together.
 */
public final class Silhouette {
    /** The metric name in results. */
    public static final String NAME = "separation_silhouette";

    private Silhouette() {}

    /**
     * @param points one row per point, all of one length
     * @param inFirstGroup which group each point belongs to
     * @throws IllegalArgumentException when a group has fewer than two points or rows differ in length
     */
    public static MetricValue of(float[][] points, boolean[] inFirstGroup) {
        int n = points.length;
        if (inFirstGroup.length != n) {
            throw new IllegalArgumentException("Silhouette: " + n + " points but " + inFirstGroup.length + " group labels");
        }
        int first = 0;
        for (boolean g : inFirstGroup) {
            first += g ? 1 : 0;
        }
        if (first < 2 || n - first < 2) {
            throw new IllegalArgumentException("Silhouette needs at least two points in each group, got " + first
                    + " and " + (n - first));
        }
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (points[i].length != points[0].length) {
                throw new IllegalArgumentException("Silhouette: point " + i + " has " + points[i].length
                        + " coordinates, point 0 has " + points[0].length);
            }
            for (int j = i + 1; j < n; j++) {
                double sq = 0;
                for (int k = 0; k < points[i].length; k++) {
                    double d = (double) points[i][k] - points[j][k];
                    sq += d * d;
                }
                dist[i][j] = dist[j][i] = Math.sqrt(sq);
            }
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double same = 0;
            double other = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                if (inFirstGroup[j] == inFirstGroup[i]) {
                    same += dist[i][j];
                } else {
                    other += dist[i][j];
                }
            }
            int sameCount = (inFirstGroup[i] ? first : n - first) - 1;
            double a = same / sameCount;
            double b = other / (n - 1 - sameCount);
            double max = Math.max(a, b);
            s[i] = max == 0 ? 0 : (b - a) / max;
        }
        return MetricValue.of(NAME, s);
    }
}
