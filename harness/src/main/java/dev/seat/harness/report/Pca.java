package dev.seat.harness.report;

import org.ejml.simple.SimpleMatrix;
import org.ejml.simple.SimpleSVD;

/**
 * Principal component analysis by EJML's singular value decomposition of the centred data:
 * {@code X - mean = U S Vᵀ}; the components are the first rows of {@code Vᵀ} (largest singular
 * value first) and component j explains {@code s_j² / Σ s²} of the variance. Each component's sign
 * is fixed so that its largest-magnitude loading is positive, so the same data always gives the
 * same picture. Points not used in the fit can be projected with {@link #project}.
 */
public final class Pca {
    private final double[] mean;
    private final double[][] components; // [k][d]
    private final double[] explained;

    private Pca(double[] mean, double[][] components, double[] explained) {
        this.mean = mean;
        this.components = components;
        this.explained = explained;
    }

    /**
     * Fits {@code k} components to the rows.
     *
     * @throws IllegalArgumentException for fewer than two rows, rows of different length or k out of range
     */
    public static Pca fit(float[][] rows, int k) {
        int n = rows.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least two rows, got " + n);
        }
        int d = rows[0].length;
        if (k < 1 || k > Math.min(n, d)) {
            throw new IllegalArgumentException("PCA of " + n + " rows × " + d + " columns cannot have " + k + " components");
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("PCA: row " + i + " has " + rows[i].length + " columns, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += rows[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        SimpleMatrix x = new SimpleMatrix(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, rows[i][j] - mean[j]);
            }
        }
        SimpleSVD<SimpleMatrix> svd = x.svd(true);
        double[] singular = svd.getSingularValues();
        SimpleMatrix v = svd.getV(); // d × r, columns = right singular vectors
        Integer[] order = new Integer[singular.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(singular[b], singular[a]));
        double total = 0;
        for (double s : singular) {
            total += s * s;
        }
        double[][] components = new double[k][d];
        double[] explained = new double[k];
        for (int c = 0; c < k; c++) {
            int col = order[c];
            int argMax = 0;
            for (int j = 0; j < d; j++) {
                components[c][j] = v.get(j, col);
                if (Math.abs(components[c][j]) > Math.abs(components[c][argMax])) {
                    argMax = j;
                }
            }
            if (components[c][argMax] < 0) {
                for (int j = 0; j < d; j++) {
                    components[c][j] = -components[c][j];
                }
            }
            explained[c] = total == 0 ? 0 : singular[col] * singular[col] / total;
        }
        return new Pca(mean, components, explained);
    }

    /** The coordinates of a point on the components. */
    public double[] project(float[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("PCA fitted on " + mean.length + " columns cannot project a row of "
                    + row.length);
        }
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double dot = 0;
            for (int j = 0; j < mean.length; j++) {
                dot += (row[j] - mean[j]) * components[c][j];
            }
            out[c] = dot;
        }
        return out;
    }

    /** Share of the fitted data's variance along each component. */
    public double[] explainedVarianceRatio() {
        return explained.clone();
    }

    /** The unit direction of component c, in the input's coordinates. */
    public double[] component(int c) {
        return components[c].clone();
    }
}
