package dev.seat.harness.model;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.hub.HubCache;
import dev.seat.harness.results.Json;
import dev.seat.harness.text.ChatFormat;
import dev.seat.harness.text.ChatTemplate;
import dev.seat.harness.text.HfTokenizer;
import dev.seat.harness.text.SentencePieceTokenizer;
import dev.seat.harness.text.TextTokenizer;
import dev.seat.harness.text.TokenizerIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Hugging Face checkpoint folder, loaded: config, decoder weights, tokenizer (if the folder has
 * one), chat format and the token ids that end a turn.
 *
 * <p>{@link #load} reads the weights at once; {@link #open} checks everything it can without them
 * (config, token ids, tokenizer, every safetensors header against the config, the memory they
 * need) and reads the weights on the first {@link #model()} call, so a run whose answers and
 * activations are all cached never starts the native engine.
 */
public final class Checkpoint implements AutoCloseable {
    private static final AtomicLong WEIGHT_LOADS = new AtomicLong();

    private final Path dir;
    private final Options options;
    private final Device device;
    private final ModelConfig config;
    private DecoderLM model;
    private RuntimeException loadFailure;
    private long loadMillis = -1;
    private final TextTokenizer tokenizer;
    private final ChatFormat chatFormat;
    private final Set<Long> stopIds;
    private final long padId;
    private final String fingerprint;
    private volatile boolean weightsChanged;

    /**
     * How to load: device ("cpu", "gpu", "gpu:1"), fp16 on GPU, and a chat format override (a
     * built-in layout's name or {@code template:NAME}; null: the checkpoint's chat template).
     */
    public record Options(String device, boolean halfOnGpu, String chatFormat) {
        public static Options defaults() {
            return new Options("cpu", true, null);
        }

        public Options withChatFormat(String name) {
            return new Options(device, halfOnGpu, name);
        }
    }

    private Checkpoint(Path dir, Options options, Device device, ModelConfig config, TextTokenizer tokenizer,
            ChatFormat chatFormat, Set<Long> stopIds, long padId, String fingerprint) {
        this.dir = dir;
        this.options = options;
        this.device = device;
        this.config = config;
        this.tokenizer = tokenizer;
        this.chatFormat = chatFormat;
        this.stopIds = stopIds;
        this.padId = padId;
        this.fingerprint = fingerprint;
    }

    public static Checkpoint load(Path dir) {
        return load(dir, Options.defaults());
    }

    /** The checkpoint with its weights read now. */
    public static Checkpoint load(Path dir, Options options) {
        Checkpoint c = open(dir, options);
        try {
            c.model();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * The checkpoint with everything checked that can be without reading the weights, which are
     * read on the first {@link #model()} call. Every header problem, a shape that does not match
     * config.json and weights too large for the device fail here, as with {@link #load}.
     */
    public static Checkpoint open(Path dir, Options options) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(Files.exists(dir)
                    ? dir + " is a file, not a checkpoint folder; give the folder that holds config.json and the weights"
                    : "Checkpoint folder " + dir + " does not exist");
        }
        Device device = Devices.parse(options.device());
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        JsonNode tokConfig = readOptional(dir.resolve("tokenizer_config.json"));
        JsonNode genConfig = readOptional(dir.resolve("generation_config.json"));
        checkTokenIds(dir, config, tokConfig, genConfig);
        String fingerprint = CheckpointFingerprint.of(dir);
        ChatFormat format = ChatFormat.forCheckpoint(dir, options.chatFormat());
        TextTokenizer tokenizer = loadTokenizer(dir, tokConfig);
        try {
            checkWeightHeaders(dir, config, device, options);
        } catch (RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw e;
        }
        Set<Long> stops = new LinkedHashSet<>();
        config.eosTokenIds().forEach(id -> stops.add((long) id));
        ModelConfig.intList(genConfig.get("eos_token_id")).forEach(id -> stops.add((long) id));
        if (tokenizer != null) {
            for (String s : format.stopTokens()) {
                tokenizer.tokenId(s).ifPresent(stops::add);
            }
            tokenName(tokConfig.get("eos_token")).flatMap(t -> box(tokenizer.tokenId(t))).ifPresent(stops::add);
        }
        long pad = padId(tokConfig, genConfig, config, tokenizer, stops);
        return new Checkpoint(dir, options, device, config, tokenizer, format, stops, pad, fingerprint);
    }

    /** What {@link DecoderLM#load} checks before reading any tensor: headers, shapes against config, memory. */
    private static void checkWeightHeaders(Path dir, ModelConfig config, Device device, Options options) {
        try (WeightFiles weights = WeightFiles.open(dir)) {
            weights.validate(config);
            weights.checkMemory(dir, config, device.isGpu() && options.halfOnGpu() ? 2 : 4, MemoryBudget.available(device));
        }
    }

    /** Every token id the tokenizer files and generation_config.json name lies inside config.json's vocabulary. */
    private static void checkTokenIds(Path dir, ModelConfig config, JsonNode tokConfig, JsonNode genConfig) {
        Path gen = dir.resolve("generation_config.json");
        for (String key : List.of("bos_token_id", "eos_token_id", "pad_token_id")) {
            ModelConfig.tokenIds(gen, genConfig, key, config.vocabSize());
        }
        TokenizerIds.checkTokenizerConfig(dir.resolve("tokenizer_config.json"), tokConfig, config.vocabSize());
        if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            TokenizerIds.checkTokenizerJson(dir.resolve("tokenizer.json"), config.vocabSize());
        }
    }

    private static TextTokenizer loadTokenizer(Path dir, JsonNode tokConfig) {
        if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            return HfTokenizer.load(dir.resolve("tokenizer.json"));
        }
        if (Files.isRegularFile(dir.resolve("tokenizer.model"))) {
            List<String> specials = new ArrayList<>(List.of("<s>", "</s>", "<unk>"));
            for (String key : List.of("bos_token", "eos_token", "unk_token", "pad_token")) {
                tokenName(tokConfig.get(key)).ifPresent(specials::add);
            }
            return SentencePieceTokenizer.load(dir.resolve("tokenizer.model"), List.copyOf(new LinkedHashSet<>(specials)));
        }
        return null;
    }

    private static long padId(JsonNode tokConfig, JsonNode genConfig, ModelConfig config, TextTokenizer tok, Set<Long> stops) {
        if (tok != null) {
            Optional<Long> fromTok = tokenName(tokConfig.get("pad_token")).flatMap(t -> box(tok.tokenId(t)));
            if (fromTok.isPresent()) {
                return fromTok.get();
            }
        }
        if (genConfig.hasNonNull("pad_token_id")) {
            return genConfig.get("pad_token_id").asLong();
        }
        if (config.raw().hasNonNull("pad_token_id")) {
            return config.raw().get("pad_token_id").asLong();
        }
        return stops.isEmpty() ? 0 : stops.iterator().next();
    }

    private static Optional<Long> box(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    /** A special-token entry of tokenizer_config.json: a string or {"content": ...}. */
    private static Optional<String> tokenName(JsonNode n) {
        return ChatTemplate.tokenContent(n);
    }

    /** An optional JSON file of the folder: absent means {}, anything but one JSON object is refused. */
    private static JsonNode readOptional(Path file) {
        if (!Files.exists(file)) {
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new CheckpointException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new CheckpointException(file + ": expected a JSON object, found "
                    + (node == null || node.isMissingNode() ? "an empty file" : node.getNodeType().toString().toLowerCase()));
        }
        return node;
    }

    public Path dir() {
        return dir;
    }

    /** The folder's name ({@code org--name} for a Hub snapshot), used for result folders. */
    public String name() {
        return HubCache.checkpointName(dir);
    }

    public ModelConfig config() {
        return config;
    }

    /** How the checkpoint was opened (device, precision, chat format). */
    public Options options() {
        return options;
    }

    /**
     * Where the weights run and in which precision, e.g. {@code cpu() float32}: besides the files,
     * what decides the numbers the model computes.
     */
    public String placement() {
        return device + (device.isGpu() && options.halfOnGpu() ? " float16" : " float32");
    }

    /**
     * The decoder, its weights read on the first call (see {@link #open}); a failed read is
     * remembered and thrown again by every later call.
     */
    public synchronized DecoderLM model() {
        if (model == null) {
            if (loadFailure != null) {
                throw loadFailure;
            }
            long t0 = System.nanoTime();
            try {
                model = DecoderLM.load(dir, config, device, options.halfOnGpu());
            } catch (RuntimeException e) {
                loadFailure = e;
                throw e;
            }
            loadMillis = (System.nanoTime() - t0) / 1_000_000;
            WEIGHT_LOADS.incrementAndGet();
        }
        return model;
    }

    /** Why reading the weights failed, if a {@link #model()} call failed. */
    public synchronized Optional<RuntimeException> loadFailure() {
        return Optional.ofNullable(loadFailure);
    }

    /** How long reading the weights took, or empty when they have not been read. */
    public synchronized OptionalLong weightsLoadMillis() {
        return loadMillis < 0 ? OptionalLong.empty() : OptionalLong.of(loadMillis);
    }

    /** Checkpoints whose weights were read in this JVM so far (every {@link #load} and first {@link #model()} counts one). */
    public static long weightLoads() {
        return WEIGHT_LOADS.get();
    }

    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    /** The tokenizer; fails with a clear message when the folder has none. */
    public TextTokenizer tokenizer() {
        if (tokenizer == null) {
            throw new CheckpointException(dir + ": no tokenizer.json or tokenizer.model; only token ids can be used");
        }
        return tokenizer;
    }

    /** Token ids of one user message in this checkpoint's chat format, ending where the answer begins. */
    public long[] chatPrompt(String user) {
        return tokenizer().encode(chatFormat.prompt(user));
    }

    public ChatFormat chatFormat() {
        return chatFormat;
    }

    /** Token ids that end generation (eos of config and generation_config, the format's end-of-turn). */
    public Set<Long> stopIds() {
        return stopIds;
    }

    public long padId() {
        return padId;
    }

    /** Digest of the files the weights were loaded from; see {@link #weightsChanged()}. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Records that the weights were changed in memory (fine-tuning in place): the fingerprint no
     * longer names them, so answer and benchmark caches keyed by it must not be used for this model.
     */
    public void markWeightsChanged() {
        weightsChanged = true;
    }

    /** Whether the weights differ from the files {@link #fingerprint()} digests. */
    public boolean weightsChanged() {
        return weightsChanged;
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
