package dev.seat.trainer.world;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointWriter;
import dev.seat.harness.model.DType;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.model.Devices;
import dev.seat.harness.model.ModelConfig;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.harness.text.ChatFormat;
import dev.seat.harness.text.HfTokenizer;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.ModelCard;
import dev.seat.trainer.ModelInit;
import dev.seat.trainer.Objective;
import dev.seat.trainer.ProgressReporter;
import dev.seat.trainer.TokenizedExample;
import dev.seat.trainer.TrainConfig;
import dev.seat.trainer.Trainer;
import dev.seat.trainer.world.bpe.BpeVocabulary;
import dev.seat.trainer.world.bpe.ByteLevelBpeTrainer;
import dev.seat.trainer.world.bpe.TokenizerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the embedded default checkpoint is built from scratch: the synthetic world, a byte-level
 * BPE tokenizer trained on it, a small Llama trained on its chat corpus, its scores through the
 * evaluation path and its model card. {@code seat pretrain} parses options and calls {@link #run}.
 */
public final class Pretraining {
    private Pretraining() {}

    /**
     * What to build; {@link #defaults(long)} are the embedded model's settings.
     *
     * @param seed world, initialisation and data-order seed
     * @param worldOverrides world sizes changed from {@link WorldConfig#defaults}, recorded in training_config.json
     * @param saveEvery resumable state every N steps (0: none)
     * @param skipEval write no scores (the card then has none)
     * @param device where to train and measure: {@code cpu}, {@code gpu} or {@code gpu:N}
     */
    public record Options(long seed, Map<String, String> worldOverrides, int vocabSize, int hidden, int layers, int heads,
            int kvHeads, int ffn, int epochs, double lr, int batchSize, int saveEvery, boolean resume, boolean skipEval,
            String device) {

        public static final int DEFAULT_VOCAB_SIZE = 2048;
        public static final int DEFAULT_HIDDEN = 256;
        public static final int DEFAULT_LAYERS = 4;
        public static final int DEFAULT_HEADS = 4;
        public static final int DEFAULT_KV_HEADS = 2;
        public static final int DEFAULT_FFN = 688;
        public static final int DEFAULT_EPOCHS = 25;
        public static final double DEFAULT_LR = 2e-3;
        public static final int DEFAULT_BATCH_SIZE = 32;
        public static final int DEFAULT_SAVE_EVERY = 100;

        public Options {
            worldOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(worldOverrides));
        }

        public static Options defaults(long seed) {
            return new Options(seed, Map.of(), DEFAULT_VOCAB_SIZE, DEFAULT_HIDDEN, DEFAULT_LAYERS, DEFAULT_HEADS,
                    DEFAULT_KV_HEADS, DEFAULT_FFN, DEFAULT_EPOCHS, DEFAULT_LR, DEFAULT_BATCH_SIZE, DEFAULT_SAVE_EVERY, false,
                    false, "cpu");
        }
    }

    /** What a build produced: the scores written to scores.json and the training result. */
    public record Outcome(ObjectNode scores, Trainer.Result result, double seconds) {}

    /**
     * Builds the checkpoint at {@code out} (resumable state next to it, in {@code <out>.state}).
     *
     * @param command the command line that asked for it, recorded in training_config.json and the card
     */
    public static Outcome run(Path out, Options o, String command) throws IOException {
        long t0 = System.nanoTime();
        World world = World.generate(WorldConfig.defaults(o.seed()).with(o.worldOverrides()));
        Path stateDir = out.resolveSibling(out.getFileName() + ".state");
        Path tokDir = stateDir.resolve("tokenizer");
        Files.createDirectories(tokDir);
        BpeVocabulary vocab = new ByteLevelBpeTrainer(o.vocabSize()).train(world.chatTexts());
        TokenizerFiles.write(vocab, tokDir, 512);
        Map<String, Integer> ids = vocab.ids();
        ModelConfig config = config(o, vocab.size(), ids.get(ChatMl.IM_END), ids.get(ChatMl.END_OF_TEXT));
        Files.writeString(tokDir.resolve("generation_config.json"), Json.MAPPER.writeValueAsString(
                CheckpointWriter.generationConfig(List.of((long) ids.get(ChatMl.IM_END)), ids.get(ChatMl.END_OF_TEXT))));

        ChatFormat format = ChatFormat.named("chatml");
        List<TokenizedExample> examples;
        try (HfTokenizer tok = HfTokenizer.load(tokDir.resolve("tokenizer.json"))) {
            examples = world.train().stream().map(e -> TokenizedExample.of(tok, format, e.question(), e.answer())).toList();
        }
        long tokens = examples.stream().mapToLong(e -> e.ids().length).sum();
        System.err.printf("seat pretrain: world seed %d, %d examples, %,d tokens, vocab %d, %,d parameters%n",
                o.seed(), examples.size(), tokens, vocab.size(), config.parameterCount());

        TrainConfig cfg = TrainConfig.builder(o.lr(), o.epochs()).batchSize(o.batchSize()).seed(o.seed())
                .saveEvery(o.saveEvery()).build();
        Trainer.Result result;
        try (NDManager manager = NDManager.newBaseManager(Devices.parse(o.device()), "PyTorch");
                DecoderLM model = ModelInit.random(config, o.seed(), manager)) {
            Trainer trainer = new Trainer(model, cfg, Objective.CAUSAL_LM, Map.of(), stateDir, ProgressReporter.console());
            result = trainer.train(examples, ids.get(ChatMl.END_OF_TEXT), o.resume());
            ObjectNode record = Json.object();
            record.put("command", command);
            record.put("world_seed", o.seed());
            record.set("world", world.summary());
            record.put("examples", examples.size());
            record.put("tokens", tokens);
            record.set("config", Json.MAPPER.valueToTree(cfg));
            record.set("result", Json.MAPPER.valueToTree(result));
            CheckpointWriter.write(out, config, model.parameters(), DType.F32, tokDir, Map.of(
                    "training_config.json", Json.MAPPER.writeValueAsString(record),
                    "train-log.jsonl", Files.readString(trainer.logFile())));
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode scores = o.skipEval() ? Json.object() : measure(out, world, o.device());
        Files.writeString(out.resolve("scores.json"), Json.MAPPER.writeValueAsString(scores));
        Files.writeString(out.resolve("README.md"), ModelCard.render(config, world, examples.size(), tokens, cfg, result,
                trainSeconds, scores, o.seed(), command));
        AtomicFiles.deleteRecursively(stateDir);
        return new Outcome(scores, result, trainSeconds);
    }

    /**
     * Re-measures the checkpoint at {@code dir} on the world of its recorded seed: rewrites
     * scores.json (keeping other recorded numbers, e.g. collapse-check's) and the card's Scores section.
     */
    public static ObjectNode remeasure(Path dir, String device) throws IOException {
        World world = FineTune.worldOf(dir);
        if (world == null) {
            throw new IllegalArgumentException(dir + "/training_config.json records no world_seed: --eval-only needs a "
                    + "checkpoint built by seat pretrain");
        }
        ObjectNode scores = measure(dir, world, device);
        Path scoresFile = dir.resolve("scores.json");
        if (Files.exists(scoresFile)) {
            Json.read(scoresFile).fields().forEachRemaining(e -> {
                if (!scores.has(e.getKey())) {
                    scores.set(e.getKey(), e.getValue());
                }
            });
        }
        Json.write(scoresFile, scores);
        Path card = dir.resolve("README.md");
        if (Files.exists(card)) {
            AtomicFiles.writeString(card, ModelCard.withScores(Files.readString(card), scores));
        }
        return scores;
    }

    /** The model card's scores of the checkpoint at {@code dir}, through the evaluation path (answers cached). */
    static ObjectNode measure(Path dir, World world, String device) {
        Devices.parse(device); // a device this process cannot use is refused before loading
        try (Checkpoint cp = Checkpoint.load(dir, new Checkpoint.Options(device, true, null)); Evaluator evaluator = new Evaluator(EvalSettings.defaults().withBatchSize(32))) {
            return WorldEvaluation.evaluate(cp, world, evaluator);
        }
    }

    /** The Llama config of the embedded model's shape. */
    static ModelConfig config(Options o, int vocab, int eos, int pad) {
        ObjectNode c = Json.object();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        c.put("hidden_size", o.hidden());
        c.put("intermediate_size", o.ffn());
        c.put("num_hidden_layers", o.layers());
        c.put("num_attention_heads", o.heads());
        c.put("num_key_value_heads", o.kvHeads());
        c.put("head_dim", o.hidden() / o.heads());
        c.put("vocab_size", vocab);
        c.put("max_position_embeddings", 512);
        c.put("rope_theta", 10000.0);
        c.putNull("rope_scaling");
        c.put("rms_norm_eps", 1e-5);
        c.put("tie_word_embeddings", true);
        c.put("torch_dtype", "float32");
        c.putNull("bos_token_id");
        c.put("eos_token_id", eos);
        c.put("pad_token_id", pad);
        c.put("hidden_act", "silu");
        c.put("attention_bias", false);
        c.put("attention_dropout", 0.0);
        c.put("mlp_bias", false);
        c.put("initializer_range", 0.02);
        c.put("use_cache", true);
        return ModelConfig.parse(Path.of("config.json"), c);
    }
}
