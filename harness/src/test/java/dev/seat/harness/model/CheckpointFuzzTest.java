package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded corruption of the embedded checkpoint: header bytes, header length ±k, truncations,
 * data-region bytes, config.json field mutations and tokenizer / generation file mutations.
 * Every case must end in one of:
 * <ul>
 *   <li>refused at load with a {@link CheckpointException} naming the mutated file (and, for a
 *       config field, the field or a tensor);</li>
 *   <li>refused at use: the logits are not finite and {@link DecoderLM#requireFinite} says so;</li>
 *   <li>loaded, with finite logits equal to the original's wherever the weights and the
 *       model-defining config fields are unchanged.</li>
 * </ul>
 * Any other exception, an unnamed error or a changed result fails the test. Counts per kind and
 * outcome are printed.
 */
class CheckpointFuzzTest {
    static final long SEED = 14;
    static final int CASES = 300;
    static final long[] IDS = {5, 17, 42, 99, 7, 300, 1024, 2000};

    /** Config fields whose value changes the computation itself: a loaded model may answer differently. */
    static final Set<String> MODEL_DEFINING = Set.of("rope_theta", "rms_norm_eps", "rope_scaling", "sliding_window");
    static final List<String> CONFIG_FIELDS = List.of("model_type", "hidden_size", "intermediate_size",
            "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim", "vocab_size",
            "max_position_embeddings", "rope_theta", "rms_norm_eps", "tie_word_embeddings", "eos_token_id",
            "bos_token_id", "pad_token_id", "hidden_act", "attention_bias", "mlp_bias", "rope_scaling", "sliding_window");

    enum Kind { HEADER_BYTE, HEADER_LENGTH, TRUNCATION, DATA_BYTES, CONFIG_FIELD, TOKENIZER_FILE }

    enum Outcome { REFUSED_AT_LOAD, REFUSED_AT_USE, LOADED_SAME, LOADED_FINITE }

    /** One mutation: which file it touched, the field if any, and whether the result must equal the original. */
    record Mutation(Kind kind, String what, String file, String field, boolean sameResult) {}

    @TempDir
    Path dir;

    final Map<String, byte[]> pristine = new LinkedHashMap<>();
    final Set<String> dirty = new java.util.HashSet<>();
    long headerLength;
    int headerLengthCases;

    @Test
    void everyCorruptionIsRefusedWithANameOrGivesTheOriginalFiniteResult() throws IOException {
        try (Stream<Path> files = Files.list(RepoPaths.defaultCheckpoint())) {
            for (Path f : files.sorted().toList()) {
                pristine.put(f.getFileName().toString(), Files.readAllBytes(f));
                Files.write(dir.resolve(f.getFileName()), pristine.get(f.getFileName().toString()));
            }
        }
        headerLength = ByteBuffer.wrap(pristine.get("model.safetensors"), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        float[] original = logits();

        Random random = new Random(SEED);
        Map<Kind, Map<Outcome, Integer>> counts = new EnumMap<>(Kind.class);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            restore();
            Kind kind = Kind.values()[i % Kind.values().length];
            Mutation m = mutate(kind, random);
            Outcome outcome;
            try {
                float[] result = logits();
                if (m.sameResult() && !Arrays.equals(result, original)) {
                    failures.add("case " + i + " " + m.what() + ": loaded, but the logits differ from the original");
                    continue;
                }
                outcome = m.sameResult() ? Outcome.LOADED_SAME : Outcome.LOADED_FINITE;
            } catch (NonFiniteException e) {
                if (!e.getMessage().startsWith("logits of the fuzz input")) {
                    failures.add("case " + i + " " + m.what() + ": non-finite, but the message names nothing: " + e.getMessage());
                    continue;
                }
                outcome = Outcome.REFUSED_AT_USE;
            } catch (CheckpointException e) {
                String unnamed = unnamed(m, e.getMessage());
                if (unnamed != null) {
                    failures.add("case " + i + " " + m.what() + ": " + unnamed + ": " + e.getMessage());
                    continue;
                }
                outcome = Outcome.REFUSED_AT_LOAD;
            } catch (Throwable t) {
                failures.add("case " + i + " " + m.what() + ": " + t.getClass().getName() + ": " + t.getMessage());
                continue;
            }
            counts.computeIfAbsent(kind, k -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
        }
        System.out.println("checkpoint fuzz, seed " + SEED + ", " + CASES + " cases:");
        counts.forEach((k, byOutcome) -> System.out.println("  " + k + " " + byOutcome));
        System.out.println("  failures " + failures.size());
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        // the generator reaches every class it should: refusals of each kind and untouched results
        assertThat(counts.get(Kind.HEADER_LENGTH)).containsOnlyKeys(Outcome.REFUSED_AT_LOAD);
        assertThat(counts.get(Kind.TRUNCATION)).containsOnlyKeys(Outcome.REFUSED_AT_LOAD);
        assertThat(counts.get(Kind.CONFIG_FIELD)).containsKeys(Outcome.REFUSED_AT_LOAD, Outcome.LOADED_SAME);
        assertThat(counts.get(Kind.DATA_BYTES)).containsKeys(Outcome.REFUSED_AT_LOAD, Outcome.LOADED_FINITE);
        assertThat(counts.get(Kind.TOKENIZER_FILE)).containsKeys(Outcome.REFUSED_AT_LOAD, Outcome.LOADED_SAME);
    }

    /** Why a refusal's message does not name what was mutated, or null when it does. */
    static String unnamed(Mutation m, String message) {
        if (!message.contains(m.file())) {
            return "the message does not name " + m.file();
        }
        if (m.field() != null && !message.contains(m.field()) && !message.contains("tensor '")) {
            return "the message names neither '" + m.field() + "' nor a tensor";
        }
        return null;
    }

    /** Loads the folder and returns the logits of {@link #IDS}, refusing non-finite ones as the commands do. */
    float[] logits() {
        try (Checkpoint cp = Checkpoint.load(dir); NDManager m = cp.model().manager().newSubManager()) {
            long[][] ids = {IDS};
            long[][] mask = {new long[IDS.length]};
            Arrays.fill(mask[0], 1);
            NDArray logits = cp.model().forward(m, ids, TokenBatch.positionsFromMask(mask), mask, null, false, false)
                    .logits();
            DecoderLM.requireFinite(logits, "logits of the fuzz input");
            return logits.toFloatArray();
        }
    }

    void restore() throws IOException {
        for (String name : dirty) {
            Files.write(dir.resolve(name), pristine.get(name));
        }
        dirty.clear();
    }

    void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
        dirty.add(name);
    }

    Mutation mutate(Kind kind, Random r) throws IOException {
        byte[] weights = pristine.get("model.safetensors").clone();
        String st = "model.safetensors";
        switch (kind) {
            case HEADER_BYTE -> {
                int at = 8 + r.nextInt((int) headerLength);
                byte was = weights[at];
                weights[at] = (byte) r.nextInt(256);
                write(st, weights);
                return new Mutation(kind, "header byte " + at + ": " + was + " -> " + weights[at], st, null, true);
            }
            case HEADER_LENGTH -> {
                // every k in turn, so -1..-4 (the padding's length, where the JSON still parses) always come up
                int k = headerLengthCases % 16 < 8 ? -(headerLengthCases % 8 + 1) : headerLengthCases % 8 + 1;
                headerLengthCases++;
                ByteBuffer.wrap(weights, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength + k);
                write(st, weights);
                return new Mutation(kind, "header length " + (k > 0 ? "+" : "") + k, st, null, true);
            }
            case TRUNCATION -> {
                int length = r.nextInt(weights.length);
                write(st, Arrays.copyOf(weights, length));
                return new Mutation(kind, "truncated to " + length + " bytes", st, null, true);
            }
            case DATA_BYTES -> {
                int dataStart = 8 + (int) headerLength;
                int at = dataStart + r.nextInt(weights.length - dataStart - 4);
                String what;
                if (r.nextInt(3) == 0) { // a whole float made NaN or infinite
                    at -= (at - dataStart) % 4;
                    float v = new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}[r.nextInt(3)];
                    ByteBuffer.wrap(weights, at, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v);
                    what = "data float at " + at + " set to " + v;
                } else {
                    int n = 1 + r.nextInt(4);
                    for (int j = 0; j < n; j++) {
                        weights[at + j] = (byte) r.nextInt(256);
                    }
                    what = n + " data bytes at " + at + " randomised";
                }
                write(st, weights);
                return new Mutation(kind, what, st, null, false);
            }
            case CONFIG_FIELD -> {
                ObjectNode cfg = (ObjectNode) Json.MAPPER.readTree(pristine.get("config.json"));
                String field = CONFIG_FIELDS.get(r.nextInt(CONFIG_FIELDS.size()));
                JsonNode value = configValue(r);
                if (value == null) {
                    cfg.remove(field);
                } else {
                    cfg.set(field, value);
                }
                write("config.json", Json.compact(cfg).getBytes(StandardCharsets.UTF_8));
                return new Mutation(kind, "config.json " + field + " = " + (value == null ? "(removed)" : value),
                        "config.json", field, !MODEL_DEFINING.contains(field));
            }
            case TOKENIZER_FILE -> {
                return mutateTokenizerFile(r);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    static JsonNode configValue(Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = Arrays.asList(f.numberNode(0), f.numberNode(-1), f.numberNode(1), f.numberNode(3),
                f.numberNode(8), f.numberNode(1_000_000), f.numberNode(Integer.MAX_VALUE), f.numberNode(1L << 40),
                f.numberNode(2.5), f.numberNode(1e-30), f.textNode("abc"), f.textNode("12"), f.nullNode(),
                f.booleanNode(true), f.arrayNode(), f.objectNode(), null);
        return values.get(r.nextInt(values.size()));
    }

    Mutation mutateTokenizerFile(Random r) throws IOException {
        String[] files = {"tokenizer.json", "tokenizer_config.json", "generation_config.json"};
        String name = files[r.nextInt(files.length)];
        byte[] bytes = pristine.get(name).clone();
        String what;
        switch (r.nextInt(5)) {
            case 0 -> {
                bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length));
                what = "truncated to " + bytes.length + " bytes";
            }
            case 1 -> {
                int at = r.nextInt(bytes.length);
                bytes[at] = (byte) r.nextInt(256);
                what = "byte " + at + " randomised";
            }
            case 2 -> {
                String[] whole = {"", "[]", "null", "{}", "[{}]"};
                String w = whole[r.nextInt(whole.length)];
                bytes = w.getBytes(StandardCharsets.UTF_8);
                what = "replaced by '" + w + "'";
            }
            default -> {
                ObjectNode json = (ObjectNode) Json.MAPPER.readTree(bytes);
                int id = r.nextInt(4096) - 8;
                switch (name) {
                    case "tokenizer.json" -> ((ArrayNode) json.get("added_tokens")).addObject()
                            .put("id", id).put("content", "<|fuzz|>").put("special", true)
                            .put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", false);
                    case "tokenizer_config.json" -> ((ObjectNode) json.get("added_tokens_decoder"))
                            .putObject(Integer.toString(id)).put("content", "<|fuzz|>").put("special", true);
                    default -> json.put("eos_token_id", id);
                }
                bytes = Json.compact(json).getBytes(StandardCharsets.UTF_8);
                what = "token id " + id + " added";
            }
        }
        write(name, bytes);
        return new Mutation(Kind.TOKENIZER_FILE, name + " " + what, name, null, true);
    }
}
