package dev.seat.harness.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Llama-family decoder (Llama, Qwen2, Mistral) in DJL NDArray ops, following Hugging Face
 * semantics:
 * <pre>
 *   h  = x + o_proj(attn(input_layernorm(x)))
 *   x' = h + down_proj(silu(gate_proj(n)) * up_proj(n)),   n = post_attention_layernorm(h)
 *   logits = norm(x) @ lm_head^T                            (tied: lm_head = embed_tokens)
 * </pre>
 * Parameters are held by their HF names, so training code can read and update them directly.
 */
public final class DecoderLM implements AutoCloseable {
    /** Added to attention scores of masked positions; finite so fully masked pad rows stay NaN-free. */
    private static final float MASKED = -1e9f;

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    /**
     * Per layer, q/k/v and gate/up stored as one matrix each ({@value #QKV}, {@value #GATE_UP}), the
     * HF-named parameters being views into them: a pass without gradients multiplies once where
     * it would multiply two or three times, and an in-place update of a parameter is seen by both.
     * Empty for models built from a plain parameter map.
     */
    private final Map<String, NDArray> fused;
    private static final String QKV = "self_attn.qkv_proj";
    private static final String GATE_UP = "mlp.gate_up_proj";
    private static final String[] QKV_PARTS = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj"};
    private static final String[] GATE_UP_PARTS = {"mlp.gate_proj", "mlp.up_proj"};
    private final RotaryEmbedding rope;
    private final DataType computeType;

    /**
     * What every layer of one pass shares: the RMSNorm epsilon and the attention scale as float32
     * scalars (made once, alive as long as the pass: see {@link Scalars}), and whether results may
     * overwrite their first operand. They may when libtorch records no gradients on this thread:
     * nothing is then kept for a backward pass, and writing in place spares allocating (and
     * page-faulting) a fresh buffer, which for a 0.5B model's prefill is tens of MB per op.
     */
    private record Pass(NDArray eps, NDArray scale, boolean inPlace) {
        /** {@code fresh + other}; {@code fresh} must be this pass's own result, used nowhere else. */
        NDArray add(NDArray fresh, NDArray other) {
            return inPlace ? fresh.addi(other) : fresh.add(other);
        }

        /** {@code fresh · other}; {@code fresh} must be this pass's own result, used nowhere else. */
        NDArray mul(NDArray fresh, NDArray other) {
            return inPlace ? fresh.muli(other) : fresh.mul(other);
        }
    }

    /** What a forward pass returns. */
    public record Output(NDArray logits, List<NDArray> residuals, NDArray finalHidden) {}

    /** A model over {@code params} as they are: each projection its own matrix. */
    public DecoderLM(ModelConfig config, NDManager manager, Map<String, NDArray> params, DataType computeType) {
        this(config, manager, params, Map.of(), computeType);
    }

    private DecoderLM(ModelConfig config, NDManager manager, Map<String, NDArray> params, Map<String, NDArray> fused,
            DataType computeType) {
        this.config = config;
        this.manager = manager;
        this.params = params;
        this.fused = fused;
        this.rope = new RotaryEmbedding(config);
        this.computeType = computeType;
    }

    /**
     * Loads the weights of {@code dir} (validated against {@code config}) onto {@code device}:
     * float32 on CPU; on GPU float16 when {@code halfOnGpu} (bf16/f16 weights are widened in Java
     * first, since DJL's bf16 arrays abort the JVM).
     */
    public static DecoderLM load(Path dir, ModelConfig config, Device device, boolean halfOnGpu) {
        return load(dir, config, device, device.isGpu() && halfOnGpu ? DataType.FLOAT16 : DataType.FLOAT32);
    }

    /**
     * As {@link #load(Path, ModelConfig, Device, boolean)} with the weights' type given: FLOAT16
     * holds the matrices in float16 (the norms stay float32) on any device, so the GPU layout can be
     * tested on a CPU (slowly: CPU float16 matrix products are ~150x slower than float32).
     */
    public static DecoderLM load(Path dir, ModelConfig config, Device device, DataType type) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        Map<String, NDArray> params = new LinkedHashMap<>();
        try (WeightFiles weights = WeightFiles.open(dir)) {
            weights.validate(config);
            weights.checkMemory(dir, config, type == DataType.FLOAT32 ? 4 : 2, MemoryBudget.available(device));
            for (String name : config.expectedTensors().keySet()) {
                NDArray a = weights.load(name, manager);
                if (type != DataType.FLOAT32 && a.getShape().dimension() > 1) {
                    NDArray h = narrow(a, type, dir + ": tensor '" + name + "'");
                    a.close();
                    a = h;
                    a.setName(name);
                }
                params.put(name, a);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new DecoderLM(config, manager, params, fuse(params, config), type);
    }

    /**
     * Replaces each layer's q/k/v and gate/up weights (and biases, where every part has one) in
     * {@code params} by views into one concatenated matrix per group, and returns those matrices.
     */
    private static Map<String, NDArray> fuse(Map<String, NDArray> params, ModelConfig config) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < config.numLayers(); i++) {
            String l = "model.layers." + i + ".";
            fuseGroup(params, out, l, QKV, QKV_PARTS);
            fuseGroup(params, out, l, GATE_UP, GATE_UP_PARTS);
        }
        return out;
    }

    private static void fuseGroup(Map<String, NDArray> params, Map<String, NDArray> out, String layer, String group,
            String[] parts) {
        long biases = java.util.Arrays.stream(parts).filter(part -> params.containsKey(layer + part + ".bias")).count();
        if (biases != 0 && biases != parts.length) {
            return; // a bias on some parts only: keep them apart
        }
        for (String suffix : biases == 0 ? new String[] {".weight"} : new String[] {".weight", ".bias"}) {
            NDList members = new NDList();
            long[] splits = new long[parts.length - 1];
            long rows = 0;
            for (int j = 0; j < parts.length; j++) {
                NDArray a = params.get(layer + parts[j] + suffix);
                members.add(a);
                rows += a.getShape().get(0);
                if (j < splits.length) {
                    splits[j] = rows;
                }
            }
            NDArray whole = NDArrays.concat(members, 0);                      // [sum of out, in] or [sum of out]
            whole.setName(layer + group + suffix);
            NDList views = whole.split(splits, 0);
            for (int j = 0; j < parts.length; j++) {
                String name = layer + parts[j] + suffix;
                params.get(name).close();
                views.get(j).setName(name);
                params.put(name, views.get(j));
            }
            out.put(layer + group + suffix, whole);
        }
    }

    public ModelConfig config() {
        return config;
    }

    public NDManager manager() {
        return manager;
    }

    public RotaryEmbedding rope() {
        return rope;
    }

    /** Parameters by HF name (tied checkpoints have no {@code lm_head.weight}). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    private NDArray p(String name) {
        return params.get(name);
    }

    private NDArray optional(String name) {
        return params.get(name);
    }

    /** One forward pass over a batch without a cache (see the full form). */
    public Output forward(NDManager m, TokenBatch batch, boolean lastPositionOnly, boolean captureResiduals) {
        return forward(m, batch.ids(), batch.positions(), batch.mask(), null, lastPositionOnly, captureResiduals);
    }

    /**
     * One forward pass. The inputs are host arrays: the attention bias and the rotary rows are
     * built from them without a round of small device ops per pass.
     *
     * @param m the manager this pass's arrays (and the returned ones) belong to
     * @param inputIds [B][T]
     * @param positionIds [B][T]
     * @param attentionMask [B][S] with S = cached + T; 1 = real token, 0 = padding
     * @param cache keys/values of earlier positions, appended to; null for a plain pass
     * @param lastPositionOnly compute logits only for the last position (decoding)
     * @param captureResiduals also return the residual stream: embedding output, then after each layer
     */
    public Output forward(NDManager m, long[][] inputIds, long[][] positionIds, long[][] attentionMask, KvCache cache,
            boolean lastPositionOnly, boolean captureResiduals) {
        int batch = inputIds.length;
        int steps = batch == 0 ? 0 : inputIds[0].length;
        long past = cache == null ? 0 : cache.length();

        // the lookup result belongs to the weight's manager: move it to this pass's manager at once
        NDArray rows = p("model.embed_tokens.weight").get(new NDIndex("{}", m.create(TokenBatch.flatten(inputIds)))); // [B*T, H]
        rows.attach(m);
        NDArray x = rows.reshape(batch, steps, config.hiddenSize());          // [B, T, H]
        List<NDArray> residuals = captureResiduals ? new ArrayList<>() : null;
        if (captureResiduals) {
            residuals.add(x);
        }
        NDList cosSin = rope.cosSin(manager, m, positionIds);                 // [B, T, 1, d] each
        NDArray bias = attentionBias(m, attentionMask, past, steps);         // [B, 1, T, S]
        Pass pass = new Pass(m.create((float) config.rmsNormEps()), m.create((float) (1.0 / Math.sqrt(config.headDim()))),
                !JniUtils.isGradMode());
        for (int i = 0; i < config.numLayers(); i++) {
            String l = "model.layers." + i + ".";
            NDArray n1 = rmsNorm(x, p(l + "input_layernorm.weight"), pass);
            NDArray h = pass.add(attention(n1, l, i, cosSin, bias, pass, cache), x);
            NDArray n2 = rmsNorm(h, p(l + "post_attention_layernorm.weight"), pass);
            x = pass.add(mlp(n2, l, pass), h);
            if (captureResiduals) {
                residuals.add(x);
            }
        }
        if (cache != null) {
            cache.advance(steps);
        }
        if (lastPositionOnly && steps > 1) {
            x = x.get(new NDIndex(":, -1:, :"));                                // [B, 1, H]
        }
        NDArray finalHidden = rmsNorm(x, p("model.norm.weight"), pass);
        NDArray head = config.tieWordEmbeddings() ? p("model.embed_tokens.weight") : p("lm_head.weight");
        NDArray logits = linear(finalHidden, head, null).toType(DataType.FLOAT32, false); // [B, T, V]
        return new Output(logits, residuals, finalHidden);
    }

    /**
     * {@code a} converted to {@code type} (float16 on GPU); a weight beyond float16's range would
     * become infinite there, so the result is checked and {@code what} named if it is not finite.
     */
    static NDArray narrow(NDArray a, DataType type, String what) {
        NDArray h = a.toType(type, false);
        try {
            requireFinite(h, what + " as " + type);
        } catch (NonFiniteException e) {
            h.close();
            throw new NonFiniteException(e.getMessage() + "; load with float32 (--fp32-on-gpu)");
        }
        return h;
    }

    /**
     * Fails naming {@code what} when {@code a} holds a NaN or an infinity (one reduction on the
     * device): a non-finite weight or overflow must not pass as a result.
     */
    public static void requireFinite(NDArray a, String what) {
        try (NDManager m = a.getManager().newSubManager()) {
            NDArray bad = a.isNaN().logicalOr(a.isInfinite());
            bad.attach(m);
            NDArray count = bad.countNonzero();
            count.attach(m);
            long n = count.getLong();
            if (n > 0) {
                throw new NonFiniteException(what + ": " + n + " of " + a.size() + " values are NaN or infinite"
                        + " (non-finite weights, or an overflow in float16?)");
            }
        }
    }

    /**
     * RMSNorm in float32: {@code x * rsqrt(mean(x^2) + eps)} times weight ({@code eps} a float32
     * scalar made once per pass), cast to the compute type
     * (the norm weights stay float32 when the matrices are float16: multiplying first keeps the
     * result float16, where the other order promoted it to float32 and broke the next product).
     */
    NDArray rmsNorm(NDArray x, NDArray weight, Pass pass) {
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        NDArray var = x32.square().mean(new int[] {-1}, true);
        NDArray normed = x32.div(var.add(pass.eps()).sqrt());
        return pass.mul(normed, weight).toType(computeType, false);
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return bias == null ? Linear.linear(x, weight).singletonOrThrow() : Linear.linear(x, weight, bias).singletonOrThrow();
    }

    private NDArray proj(NDArray x, String name) {
        return linear(x, p(name + ".weight"), optional(name + ".bias"));
    }

    /**
     * {@code x} times the group's fused matrix (its parts' outputs side by side on the last axis),
     * or null where the layer has none or a part records gradients: training must reach the
     * parameters themselves, one product each.
     */
    private NDArray fusedProduct(NDArray x, String l, String group, String[] parts) {
        NDArray whole = fused.get(l + group + ".weight");
        if (whole == null) {
            return null;
        }
        for (String part : parts) {
            if (p(l + part + ".weight").hasGradient()) {
                return null;
            }
        }
        return linear(x, whole, fused.get(l + group + ".bias"));
    }

    private NDArray mlp(NDArray n, String l, Pass pass) {
        NDArray gate;
        NDArray up;
        NDArray both = fusedProduct(n, l, GATE_UP, GATE_UP_PARTS);                   // [B, T, 2I]
        if (both != null) {
            NDList split = both.split(new long[] {config.intermediateSize()}, 2);
            gate = split.get(0);
            up = split.get(1);
        } else {
            gate = proj(n, l + "mlp.gate_proj");
            up = proj(n, l + "mlp.up_proj");
        }
        NDArray silu = pass.mul(Activation.sigmoid(gate), gate);
        return proj(pass.mul(silu, up), l + "mlp.down_proj");
    }

    private NDArray attention(NDArray x, String l, int layer, NDList cosSin, NDArray mask, Pass pass, KvCache cache) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int d = config.headDim();
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        NDArray q;                                                                       // [B, T, nH, d]
        NDArray k;                                                                       // [B, T, nKV, d]
        NDArray v;                                                                       // [B, T, nKV*d]
        NDArray cos = cosSin.get(0);
        NDArray sin = cosSin.get(1);
        NDArray qkv = fusedProduct(x, l, QKV, QKV_PARTS);
        if (qkv != null) {
            // q and k lie side by side in the fused product: one rotation covers both
            NDList split = qkv.split(new long[] {(long) (heads + kvHeads) * d}, 2);
            NDList qAndK = RotaryEmbedding.apply(split.get(0).reshape(b, t, heads + kvHeads, d), cos, sin)
                    .split(new long[] {heads}, 2);
            q = qAndK.get(0);
            k = qAndK.get(1);
            v = split.get(1);
        } else {
            q = RotaryEmbedding.apply(proj(x, l + "self_attn.q_proj").reshape(b, t, heads, d), cos, sin);
            k = RotaryEmbedding.apply(proj(x, l + "self_attn.k_proj").reshape(b, t, kvHeads, d), cos, sin);
            v = proj(x, l + "self_attn.v_proj");
        }
        q = q.transpose(0, 2, 1, 3);                                                     // [B, nH, T, d]
        k = k.transpose(0, 2, 1, 3);                                                     // [B, nKV, T, d]
        v = v.reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3);                          // [B, nKV, T, d]
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v, x.getManager());                     // [B, nKV, S, d] views
            k = kv[0];
            v = kv[1];
        }
        // grouped-query attention without copying k and v per query head: query head h reads kv head
        // h / groups, so the groups' queries are stacked as rows of their kv head
        long s = k.getShape().get(2);
        long rows = (long) heads / kvHeads * t;
        NDArray grouped = q.reshape(b, kvHeads, rows, d);                                // [B, nKV, g*T, d]
        NDArray raw = grouped.matMul(k.transpose(0, 1, 3, 2)).toType(DataType.FLOAT32, false); // [B, nKV, g*T, S]
        NDArray scores = pass.add(pass.mul(raw, pass.scale()).reshape(b, heads, t, s), mask);   // [B, nH, T, S]
        NDArray probs = scores.softmax(-1).toType(computeType, false)
                .reshape(b, kvHeads, rows, s);                                            // [B, nKV, g*T, S]
        NDArray out = probs.matMul(v)                                                     // [B, nKV, g*T, d]
                .reshape(b, heads, t, d)                                                  // [B, nH, T, d]
                .transpose(0, 2, 1, 3)
                .reshape(b, t, (long) heads * d);                                         // [B, T, nH*d]
        return proj(out, l + "self_attn.o_proj");
    }

    /**
     * Additive attention bias, built on the host: 0 where query i (absolute index past+i) may see
     * key j, i.e. j ≤ past+i, within the sliding window if any, and key j is not padding;
     * {@value #MASKED} elsewhere.
     *
     * @param attentionMask [B][S]
     * @return [B, 1, T, S] float32
     */
    private NDArray attentionBias(NDManager m, long[][] attentionMask, long past, int steps) {
        int b = attentionMask.length;
        int s = b == 0 ? 0 : attentionMask[0].length;
        int window = config.slidingWindow();
        float[] bias = new float[b * steps * s];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < steps; i++) {
                long query = past + i;
                int at = (r * steps + i) * s;
                for (int j = 0; j < s; j++) {
                    boolean allowed = j <= query && (window <= 0 || query - j < window) && attentionMask[r][j] == 1;
                    bias[at + j] = allowed ? 0f : MASKED;
                }
            }
        }
        return m.create(bias, new Shape(b, 1, steps, s));
    }

    @Override
    public void close() {
        manager.close();
    }
}
