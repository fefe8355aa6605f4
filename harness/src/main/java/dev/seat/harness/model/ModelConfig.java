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

    /**
     * Parses and validates a config given as JSON; {@code file} only names it in errors. Every
     * field seat uses is checked for its type and range (counts positive, head counts dividing,
     * token ids inside the vocabulary) before anything is allocated from it.
     */
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
        int kvHeads = optionalPositive(file, c, "num_key_value_heads", heads);
        if (heads % kvHeads != 0) {
            throw new CheckpointException(file + ": num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        if (!c.hasNonNull("head_dim") && hidden % heads != 0) {
            throw new CheckpointException(file + ": hidden_size " + hidden + " is not a multiple of num_attention_heads "
                    + heads + " (and no head_dim is given)");
        }
        int headDim = optionalPositive(file, c, "head_dim", hidden / heads);
        if (headDim % 2 != 0) {
            throw new CheckpointException(file + ": head_dim " + headDim + " is odd; rotary embeddings need an even head_dim");
        }
        int vocab = required(file, c, "vocab_size");
        boolean attentionBias = bool(file, c, "attention_bias", false);
        boolean qwen = type.equals("qwen2");
        int window = 0;
        if (c.hasNonNull("sliding_window") && (!qwen || bool(file, c, "use_sliding_window", false))) {
            window = optionalPositive(file, c, "sliding_window", 0);
        }
        if (c.hasNonNull("bos_token_id") && !c.get("bos_token_id").isIntegralNumber()) {
            throw new CheckpointException(file + ": 'bos_token_id' must be one token id, found " + c.get("bos_token_id"));
        }
        Integer bos = c.hasNonNull("bos_token_id") ? tokenIds(file, c, "bos_token_id", vocab).get(0) : null;
        tokenIds(file, c, "pad_token_id", vocab);
        return new ModelConfig(
                type,
                hidden,
                required(file, c, "intermediate_size"),
                required(file, c, "num_hidden_layers"),
                heads,
                kvHeads,
                headDim,
                vocab,
                optionalPositive(file, c, "max_position_embeddings", 2048),
                positiveNumber(file, c, "rope_theta", 10000.0),
                ropeScaling(file, c.get("rope_scaling")),
                positiveNumber(file, c, "rms_norm_eps", 1e-6),
                bool(file, c, "tie_word_embeddings", false),
                qwen || attentionBias,
                !qwen && attentionBias,
                bool(file, c, "mlp_bias", false),
                window,
                bos,
                tokenIds(file, c, "eos_token_id", vocab),
                c.deepCopy());
    }

    private static int required(Path file, JsonNode c, String key) {
        JsonNode v = c.get(key);
        if (!isPositiveInt(v)) {
            throw new CheckpointException(file + ": '" + key + "' must be a positive integer, found " + v);
        }
        return v.asInt();
    }

    /** A positive integer, or {@code fallback} when the key is absent or null. */
    private static int optionalPositive(Path file, JsonNode c, String key, int fallback) {
        return c.hasNonNull(key) ? required(file, c, key) : fallback;
    }

    private static boolean isPositiveInt(JsonNode v) {
        return v != null && v.isIntegralNumber() && v.canConvertToInt() && v.asInt() > 0;
    }

    /** A finite number above zero, or {@code fallback} when absent or null. */
    private static double positiveNumber(Path file, JsonNode c, String key, double fallback) {
        JsonNode v = c.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
            throw new CheckpointException(file + ": '" + key + "' must be a finite number above 0, found " + v);
        }
        return v.asDouble();
    }

    private static boolean bool(Path file, JsonNode c, String key, boolean fallback) {
        JsonNode v = c.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new CheckpointException(file + ": '" + key + "' must be true or false, found " + v);
        }
        return v.asBoolean();
    }

    /** A token id or a list of them, each in [0, vocab_size); empty when absent. */
    static List<Integer> tokenIds(Path file, JsonNode c, String key, int vocab) {
        JsonNode v = c.get(key);
        List<Integer> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        for (JsonNode id : v.isArray() ? v : List.of(v)) {
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0 || id.asInt() >= vocab) {
                throw new CheckpointException(file + ": '" + key + "' must be a token id from 0 to vocab_size - 1 = "
                        + (vocab - 1) + " (or a list of them), found " + v);
            }
            out.add(id.asInt());
        }
        return out;
    }

    private static Llama3RopeScaling ropeScaling(Path file, JsonNode s) {
        if (s == null || s.isNull()) {
            return null;
        }
        if (!s.isObject()) {
            throw new CheckpointException(file + ": 'rope_scaling' must be an object or null, found " + s);
        }
        String type = s.hasNonNull("rope_type") ? s.get("rope_type").asText() : s.path("type").asText("");
        if (type.equals("default")) {
            return null;
        }
        if (!type.equals("llama3")) {
            throw new CheckpointException(file + ": rope_scaling type '" + type
                    + "' is not supported; expected none, 'default' or 'llama3'");
        }
        Path where = Path.of(file + " rope_scaling");
        double low = positiveNumber(where, s, "low_freq_factor", 1.0);
        double high = positiveNumber(where, s, "high_freq_factor", 4.0);
        if (!(high > low)) {
            throw new CheckpointException(file + ": rope_scaling high_freq_factor " + high
                    + " must be above low_freq_factor " + low);
        }
        return new Llama3RopeScaling(
                positiveNumber(where, s, "factor", 8.0),
                low,
                high,
                optionalPositive(where, s, "original_max_position_embeddings", 8192));
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

    /**
     * Refuses token ids outside {@code [0, vocab_size)} and, when {@code checkLength}, sequences
     * longer than {@code max_position_embeddings}; {@code what} names the item in the message.
     */
    public void checkTokens(String what, long[] ids, boolean checkLength) {
        if (checkLength && ids.length > maxPositionEmbeddings) {
            throw new IllegalArgumentException(what + ": " + ids.length + " tokens, more than the model's"
                    + " max_position_embeddings " + maxPositionEmbeddings);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw new IllegalArgumentException(what + ": token id " + ids[i] + " at position " + i
                        + " is outside the vocabulary (ids 0 to " + (vocabSize - 1) + ")");
            }
        }
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
