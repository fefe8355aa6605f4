package dev.seat.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.model.ModelConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Fresh weights for a config, as HF initialises Llama: every matrix (and the embedding) drawn
 * from N(0, initializer_range), biases zero, norms one. Seeded per tensor so the same seed gives
 * the same weights.
 */
public final class ModelInit {
    private ModelInit() {}

    public static DecoderLM random(ModelConfig config, long seed, NDManager manager) {
        return new DecoderLM(config, manager, params(config, seed, manager), DataType.FLOAT32);
    }

    /**
     * The fresh float32 tensors by HF name. (They stay float32: PyTorch's CPU bfloat16 cast through
     * DJL 0.36 aborts the process, and the checkpoint writer converts to bf16 itself.)
     */
    public static Map<String, NDArray> params(ModelConfig config, long seed, NDManager manager) {
        double std = config.raw().path("initializer_range").asDouble(0.02);
        Map<String, NDArray> params = new LinkedHashMap<>();
        int k = 0;
        for (var e : config.expectedTensors().entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            long size = new Shape(shape).size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Tensor " + name + " of shape " + new Shape(shape) + " has " + size
                        + " values, more than one Java array holds (2^31 - 1)");
            }
            float[] values = new float[(int) size];
            if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(values, 1f);
            } else if (!name.endsWith(".bias")) {
                Random rng = new Random(seed * 7_919L + k);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (rng.nextGaussian() * std);
                }
            }
            NDArray a = manager.create(values, new Shape(shape));
            a.setName(name);
            params.put(name, a);
            k++;
        }
        return params;
    }
}
