package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embedding as in HF Llama/Qwen2: halves rotated (not interleaved),
 * {@code inv_freq = 1/theta^(2i/d)}, optionally rescaled the llama3 way.
 */
public final class RotaryEmbedding {
    private final float[] invFreq;

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
     * cos and sin tables for the given positions.
     *
     * @param positions [B, T] int64
     * @return cos, sin: [B, 1, T, headDim] float32 (broadcast over heads)
     */
    public NDList cosSin(NDArray positions) {
        NDManager m = positions.getManager();
        NDArray inv = m.create(invFreq);                                   // [d/2]
        NDArray freqs = positions.toType(DataType.FLOAT32, false)
                .expandDims(2).mul(inv.reshape(1, 1, invFreq.length));       // [B, T, d/2]
        NDArray emb = freqs.concat(freqs, 2).expandDims(1);                  // [B, 1, T, d]
        return new NDList(emb.cos(), emb.sin());
    }

    /** {@code x*cos + rotate_half(x)*sin} with {@code rotate_half(x) = cat(-x2, x1)}; x: [B, heads, T, d]. */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(3) / 2;
        NDList halves = x.split(new long[] {half}, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
