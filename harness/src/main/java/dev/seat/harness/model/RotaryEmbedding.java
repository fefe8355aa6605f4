package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embedding as in HF Llama/Qwen2: halves rotated (not interleaved),
 * {@code inv_freq = 1/theta^(2i/d)}, optionally rescaled the llama3 way.
 */
public final class RotaryEmbedding {
    private final float[] invFreq;
    private NDArray cosTable;
    private NDArray sinTable;

    public RotaryEmbedding(ModelConfig config) {
        this.invFreq = inverseFrequencies(config);
    }

    /** The head_dim/2 inverse frequencies after scaling, in float32. */
    public float[] inverseFrequencies() {
        return invFreq.clone();
    }

    static float[] inverseFrequencies(ModelConfig c) {
        int d = c.headDim();
        float[] out = new float[d / 2];
        for (int i = 0; i < d / 2; i++) {
            // HF computes the exponent in float32: arange(0, d, 2).float() / d
            float exponent = (float) (2 * i) / d;
            out[i] = (float) (1.0 / Math.pow(c.ropeTheta(), exponent));
        }
        ModelConfig.Llama3RopeScaling s = c.ropeScaling();
        if (s != null) {
            double low = s.originalMaxPositions() / s.lowFreqFactor();   // wavelengths above: scaled
            double high = s.originalMaxPositions() / s.highFreqFactor(); // wavelengths below: kept
            for (int i = 0; i < out.length; i++) {
                double f = out[i];
                double wavelen = 2 * Math.PI / f;
                if (wavelen > low) {
                    out[i] = (float) (f / s.factor());
                } else if (wavelen >= high) {
                    double smooth = (s.originalMaxPositions() / wavelen - s.lowFreqFactor())
                            / (s.highFreqFactor() - s.lowFreqFactor());
                    out[i] = (float) ((1 - smooth) * f / s.factor() + smooth * f);
                }
            }
        }
        return out;
    }

    /**
     * cos and sin rows for the given positions, gathered from tables of every position below the
     * largest one seen so far (computed once, in float32 as HF does, and grown by doubling).
     *
     * @param owner the manager (and device) the tables live in: the model's
     * @param m the manager of this pass, which the gathered rows belong to
     * @param positions [B][T]
     * @return cos, sin: [B, T, 1, headDim] float32 (broadcast over heads)
     */
    public NDList cosSin(NDManager owner, NDManager m, long[][] positions) {
        long max = 0;
        for (long[] row : positions) {
            for (long p : row) {
                max = Math.max(max, p);
            }
        }
        NDArray[] table = tables(owner, max + 1);
        NDArray index = TokenBatch.array(m, positions);                      // [B, T]
        NDArray cos = table[0].get(new NDIndex("{}", index));               // [B, T, d]
        NDArray sin = table[1].get(new NDIndex("{}", index));
        cos.attach(m);
        sin.attach(m);
        return new NDList(cos.expandDims(2), sin.expandDims(2));
    }

    /** The cos and sin tables, [size, d] each, covering at least {@code positions} positions. */
    private synchronized NDArray[] tables(NDManager owner, long positions) {
        if (cosTable == null || cosTable.getShape().get(0) < positions) {
            long size = Math.max(positions, cosTable == null ? 256 : 2 * cosTable.getShape().get(0));
            try (NDManager work = owner.newSubManager()) {
                NDArray inv = work.create(invFreq);                                        // [d/2]
                NDArray freqs = work.arange(0L, size).toType(DataType.FLOAT32, false)
                        .expandDims(1).mul(inv.reshape(1, invFreq.length));                // [size, d/2]
                NDArray emb = freqs.concat(freqs, 1);                                      // [size, d]
                // older tables stay with the owner until it closes: a pass on another thread may still read them
                cosTable = emb.cos();
                sinTable = emb.sin();
                cosTable.attach(owner);
                sinTable.attach(owner);
            }
        }
        return new NDArray[] {cosTable, sinTable};
    }

    /** {@code x*cos + rotate_half(x)*sin} with {@code rotate_half(x) = cat(-x2, x1)}; x: [B, T, heads, d]. */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(3) / 2;
        NDList halves = x.split(new long[] {half}, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
