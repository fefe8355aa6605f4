package dev.seat.harness.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a Hugging Face {@code config.json} that define a Llama-family decoder
 * ({@code model_type} llama, qwen2 or mistral).
 *
 * @param headDim explicit {@code head_dim} or {@code hidden_size / num_attention_heads}
 * @param qkvBias bias on q/k/v projections (always for qwen2; {@code attention_bias} for llama)
 * @param oBias bias on o_proj ({@code attention_bias} for llama only)
 * @param ropeScaling null, or the llama3 scaling parameters
 * @param slidingWindow attention window in tokens, or 0 for none
 * @param raw the original JSON, written back unchanged (but for dtype) when saving
 */
public record ModelConfig(
        String modelType,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int vocabSize,
        int maxPositionEmbeddings,
        double ropeTheta,
        Llama3RopeScaling ropeScaling,
        double rmsNormEps,
        boolean tieWordEmbeddings,
        boolean qkvBias,
        boolean oBias,
        boolean mlpBias,
        int slidingWindow,
        Integer bosTokenId,
        List<Integer> eosTokenIds,
        ObjectNode raw) {

    private static final Set<String> SUPPORTED = Set.of("llama", "qwen2", "mistral");

    /** {@code rope_scaling} of type llama3 (Llama 3.1+). */
    public record Llama3RopeScaling(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {}

    public static ModelConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("No config.json at " + file);
        }
        JsonNode node;
        try {
            node = Json.read(file);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new CheckpointException(file + ": expected a JSON object");
        }
        return parse(file, obj);
    }

    /** Parses a config given as JSON; {@code file} only names it in errors. */
    public static ModelConfig parse(Path file, ObjectNode c) {
        String type = c.path("model_type").asText("");
        if (!SUPPORTED.contains(type)) {
            throw new CheckpointException(file + ": model_type '" + type + "' is not supported; expected one of "
                    + SUPPORTED + " (Llama-family decoders)");
        }
        String act = c.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw new CheckpointException(file + ": hidden_act '" + act + "' is not supported; expected 'silu'");
        }
        int hidden = required(file, c, "hidden_size");
        int heads = required(file, c, "num_attention_heads");
        int kvHeads = c.hasNonNull("num_key_value_heads") ? c.get("num_key_value_heads").asInt() : heads;
        if (heads % kvHeads != 0) {
            throw new CheckpointException(file + ": num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        int headDim = c.hasNonNull("head_dim") ? c.get("head_dim").asInt() : hidden / heads;
        boolean attentionBias = c.path("attention_bias").asBoolean(false);
        boolean qwen = type.equals("qwen2");
        int window = 0;
        if (c.hasNonNull("sliding_window") && (!qwen || c.path("use_sliding_window").asBoolean(false))) {
            window = c.get("sliding_window").asInt();
        }
        return new ModelConfig(
                type,
                hidden,
                required(file, c, "intermediate_size"),
                required(file, c, "num_hidden_layers"),
                heads,
                kvHeads,
                headDim,
                required(file, c, "vocab_size"),
                c.path("max_position_embeddings").asInt(2048),
                c.path("rope_theta").asDouble(10000.0),
                ropeScaling(file, c.get("rope_scaling")),
                c.path("rms_norm_eps").asDouble(1e-6),
                c.path("tie_word_embeddings").asBoolean(false),
                qwen || attentionBias,
                !qwen && attentionBias,
                c.path("mlp_bias").asBoolean(false),
                window,
                c.hasNonNull("bos_token_id") ? c.get("bos_token_id").asInt() : null,
                intList(c.get("eos_token_id")),
                c.deepCopy());
    }

    private static int required(Path file, JsonNode c, String key) {
        JsonNode v = c.get(key);
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new CheckpointException(file + ": '" + key + "' must be a positive integer, found " + v);
        }
        return v.asInt();
    }

    private static Llama3RopeScaling ropeScaling(Path file, JsonNode s) {
        if (s == null || s.isNull()) {
            return null;
        }
        String type = s.hasNonNull("rope_type") ? s.get("rope_type").asText() : s.path("type").asText("");
        if (type.equals("default")) {
            return null;
        }
        if (!type.equals("llama3")) {
            throw new CheckpointException(file + ": rope_scaling type '" + type
                    + "' is not supported; expected none, 'default' or 'llama3'");
        }
        return new Llama3RopeScaling(
                s.path("factor").asDouble(8.0),
                s.path("low_freq_factor").asDouble(1.0),
                s.path("high_freq_factor").asDouble(4.0),
                s.path("original_max_position_embeddings").asInt(8192));
    }

    static List<Integer> intList(JsonNode n) {
        List<Integer> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asInt()));
        } else {
            out.add(n.asInt());
        }
        return out;
    }

    /** Every tensor a checkpoint of this config must hold, with its shape ({@code [out, in]} for linears). */
    public Map<String, long[]> expectedTensors() {
        Map<String, long[]> t = new LinkedHashMap<>();
        long h = hiddenSize;
        long q = (long) numHeads * headDim;
        long kv = (long) numKvHeads * headDim;
        t.put("model.embed_tokens.weight", new long[] {vocabSize, h});
        for (int i = 0; i < numLayers; i++) {
            String p = "model.layers." + i + ".";
            t.put(p + "input_layernorm.weight", new long[] {h});
            t.put(p + "self_attn.q_proj.weight", new long[] {q, h});
            t.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
            t.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
            t.put(p + "self_attn.o_proj.weight", new long[] {h, q});
            if (qkvBias) {
                t.put(p + "self_attn.q_proj.bias", new long[] {q});
                t.put(p + "self_attn.k_proj.bias", new long[] {kv});
                t.put(p + "self_attn.v_proj.bias", new long[] {kv});
            }
            if (oBias) {
                t.put(p + "self_attn.o_proj.bias", new long[] {h});
            }
            t.put(p + "post_attention_layernorm.weight", new long[] {h});
            t.put(p + "mlp.gate_proj.weight", new long[] {intermediateSize, h});
            t.put(p + "mlp.up_proj.weight", new long[] {intermediateSize, h});
            t.put(p + "mlp.down_proj.weight", new long[] {h, intermediateSize});
            if (mlpBias) {
                t.put(p + "mlp.gate_proj.bias", new long[] {intermediateSize});
                t.put(p + "mlp.up_proj.bias", new long[] {intermediateSize});
                t.put(p + "mlp.down_proj.bias", new long[] {h});
            }
        }
        t.put("model.norm.weight", new long[] {h});
        if (!tieWordEmbeddings) {
            t.put("lm_head.weight", new long[] {vocabSize, h});
        }
        return t;
    }

    /** Parameter count (tied embeddings counted once). */
    public long parameterCount() {
        long n = 0;
        for (long[] s : expectedTensors().values()) {
            long k = 1;
            for (long d : s) {
                k *= d;
            }
            n += k;
        }
        return n;
    }
}
