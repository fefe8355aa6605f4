package dev.seat.harness.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.CheckpointWriter;
import dev.seat.harness.model.DType;
import dev.seat.harness.model.ModelConfig;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny randomly initialised ChatML Llama checkpoint for engine tests (hidden 64, 2 layers): a
 * byte-level BPE {@code tokenizer.json} with the 256 byte tokens, no merges and the ChatML special
 * tokens, a {@code tokenizer_config.json} with a ChatML chat template. It answers gibberish, which
 * is all the engine tests need: thresholds decide pass or fail.
 *
 * <p>{@code main(DIR [SEED])} writes one, to try the suites module with
 * {@code -Dcheckpoint=DIR}.
 */
public final class TinyCheckpoint {
    static final int VOCAB = 259; // 256 bytes + <|endoftext|>, <|im_start|>, <|im_end|>
    static final int IM_END = 258;

    private TinyCheckpoint() {}

    public static void main(String[] args) {
        Path out = write(Path.of(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 1L);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /**
     * Writes the checkpoint folder {@code dir} with weights drawn from {@code seed}.
     *
     * @return {@code dir}
     */
    public static Path write(Path dir, long seed) {
        try {
            Path scratch = Files.createTempDirectory("tiny-config");
            Path configFile = scratch.resolve("config.json");
            Json.write(configFile, config());
            ModelConfig config = ModelConfig.read(configFile);
            Random random = new Random(seed);
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                Map<String, NDArray> params = new LinkedHashMap<>();
                for (var e : config.expectedTensors().entrySet()) {
                    long[] shape = e.getValue();
                    int size = 1;
                    for (long d : shape) {
                        size *= (int) d;
                    }
                    float[] values = new float[size];
                    boolean norm = e.getKey().endsWith("norm.weight");
                    for (int i = 0; i < size; i++) {
                        values[i] = norm ? 1f : (float) (random.nextGaussian() * (e.getKey().contains("embed") ? 1.0 : 0.15));
                    }
                    params.put(e.getKey(), manager.create(values, new Shape(shape)));
                }
                CheckpointWriter.write(dir, config, params, DType.F32, null, Map.of(
                        "tokenizer.json", Json.MAPPER.writeValueAsString(tokenizer()),
                        "tokenizer_config.json", Json.MAPPER.writeValueAsString(tokenizerConfig()),
                        "generation_config.json",
                        Json.MAPPER.writeValueAsString(CheckpointWriter.generationConfig(List.of((long) IM_END), 256L))));
            }
            Files.delete(configFile);
            Files.delete(scratch);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode config() {
        ObjectNode c = Json.object();
        c.put("model_type", "llama");
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("hidden_size", 64);
        c.put("intermediate_size", 128);
        c.put("num_hidden_layers", 2);
        c.put("num_attention_heads", 4);
        c.put("num_key_value_heads", 2);
        c.put("vocab_size", VOCAB);
        c.put("max_position_embeddings", 1024);
        c.put("rms_norm_eps", 1e-6);
        c.put("rope_theta", 10000.0);
        c.put("hidden_act", "silu");
        c.put("tie_word_embeddings", true);
        c.put("eos_token_id", IM_END);
        return c;
    }

    /** GPT-2's byte-to-character table: printable bytes map to themselves, the rest to 256+. */
    static List<String> byteChars() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bs.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bs.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bs.add(b);
        }
        String[] chars = new String[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            chars[b] = bs.contains(b) ? new String(Character.toChars(b)) : new String(Character.toChars(256 + extra++));
        }
        return List.of(chars);
    }

    static ObjectNode tokenizer() {
        ObjectNode t = Json.object();
        t.put("version", "1.0");
        t.putNull("truncation");
        t.putNull("padding");
        ArrayNode added = t.putArray("added_tokens");
        String[] specials = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};
        for (int i = 0; i < specials.length; i++) {
            ObjectNode a = added.addObject();
            a.put("id", 256 + i);
            a.put("content", specials[i]);
            a.put("single_word", false);
            a.put("lstrip", false);
            a.put("rstrip", false);
            a.put("normalized", false);
            a.put("special", true);
        }
        t.putNull("normalizer");
        ObjectNode pre = t.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel");
        pre.put("add_prefix_space", false);
        pre.put("trim_offsets", true);
        pre.put("use_regex", true);
        t.putNull("post_processor");
        ObjectNode dec = t.putObject("decoder");
        dec.put("type", "ByteLevel");
        dec.put("add_prefix_space", true);
        dec.put("trim_offsets", true);
        dec.put("use_regex", true);
        ObjectNode model = t.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        List<String> chars = byteChars();
        for (int b = 0; b < 256; b++) {
            vocab.put(chars.get(b), b);
        }
        model.putArray("merges");
        return t;
    }

    static ObjectNode tokenizerConfig() {
        ObjectNode c = Json.object();
        c.put("chat_template", "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}"
                + "<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}");
        c.put("eos_token", "<|im_end|>");
        c.put("pad_token", "<|endoftext|>");
        c.put("bos_token", (String) null);
        return c;
    }
}
