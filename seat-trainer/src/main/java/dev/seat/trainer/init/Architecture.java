package dev.seat.trainer.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The architecture of a released Hugging Face chat model, from the table {@code architectures.json}
 * (each entry's {@code source} names the config.json and tokenizer files its numbers come from).
 *
 * @param name short name ({@code SmolLM2-135M}, {@code Qwen2.5-0.5B}, ...)
 * @param source where the numbers come from
 * @param defaultLayers layer count written when none is asked for, or null for the real one
 * @param config the model's config.json (the keys a Llama-family decoder reads)
 * @param tokenizer the model's tokenizer: size, special tokens at their ids, chat template
 */
public record Architecture(String name, String source, Integer defaultLayers, ObjectNode config, Tokenizer tokenizer) {
    static final String TABLE = "architectures.json";

    /**
     * @param size number of ids the real tokenizer has (at most the config's vocab_size)
     * @param specials special (added) tokens by id, reserved ones included
     * @param bos bos token or null; likewise eos and pad
     * @param modelMaxLength tokenizer_config.json's model_max_length
     * @param chatTemplate the model's Jinja chat template
     */
    public record Tokenizer(int size, SortedMap<Integer, String> specials, String bos, String eos, String pad,
            int modelMaxLength, String chatTemplate) {}

    /** Every architecture of the table, in its order. */
    public static List<Architecture> all() {
        return List.copyOf(TABLE_ENTRIES.values());
    }

    /** The architecture called {@code name} (case does not matter); the message lists the known names. */
    public static Architecture named(String name) {
        for (Architecture a : TABLE_ENTRIES.values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown architecture '" + name + "'; known: " + String.join(", ", TABLE_ENTRIES.keySet()));
    }

    /** config.json with {@code layers} hidden layers (null: {@link #defaultLayers}, else the real count). */
    public ObjectNode config(Integer layers) {
        ObjectNode c = config.deepCopy();
        Integer n = layers != null ? layers : defaultLayers;
        if (n != null) {
            if (n < 1) {
                throw new IllegalArgumentException("--layers must be at least 1, found " + n);
            }
            c.put("num_hidden_layers", n);
        }
        return c;
    }

    /** The real layer count. */
    public int realLayers() {
        return config.get("num_hidden_layers").asInt();
    }

    private static final Map<String, Architecture> TABLE_ENTRIES = load();

    private static Map<String, Architecture> load() {
        JsonNode root;
        try (InputStream in = Architecture.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + TABLE + " is missing from the classpath");
            }
            root = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + TABLE, e);
        }
        Map<String, Architecture> out = new LinkedHashMap<>();
        root.get("architectures").fields().forEachRemaining(e -> out.put(e.getKey(), parse(e.getKey(), e.getValue())));
        return Collections.unmodifiableMap(out);
    }

    private static Architecture parse(String name, JsonNode a) {
        JsonNode t = a.get("tokenizer");
        int size = t.get("size").asInt();
        SortedMap<Integer, String> specials = new TreeMap<>();
        t.get("specials").fields().forEachRemaining(e -> specials.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
        JsonNode reserved = t.get("reserved");
        if (reserved != null && !reserved.isNull()) {
            String format = reserved.get("format").asText();
            int index = reserved.get("first_index").asInt();
            for (int id = reserved.get("from_id").asInt(); id < size; id++) {
                specials.put(id, String.format(Locale.ROOT, format, index++));
            }
        }
        int vocab = a.get("config").get("vocab_size").asInt();
        if (size > vocab || specials.lastKey() >= size) {
            throw new IllegalStateException(TABLE + " " + name + ": tokenizer size " + size + " and special ids up to "
                    + specials.lastKey() + " must fit vocab_size " + vocab);
        }
        Integer layers = a.path("default_layers").isInt() ? a.get("default_layers").asInt() : null;
        return new Architecture(name, a.get("source").asText(), layers, (ObjectNode) a.get("config"),
                new Tokenizer(size, Collections.unmodifiableSortedMap(specials), text(t, "bos_token"), text(t, "eos_token"),
                        text(t, "pad_token"), t.get("model_max_length").asInt(), t.get("chat_template").asText()));
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    /** The names of the table, for help texts. */
    public static List<String> names() {
        return new ArrayList<>(TABLE_ENTRIES.keySet());
    }
}
