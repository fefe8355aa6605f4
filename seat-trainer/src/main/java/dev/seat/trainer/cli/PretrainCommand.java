package dev.seat.trainer.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.cli.DeviceOption;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointWriter;
import dev.seat.harness.model.DType;
import dev.seat.harness.model.DecoderLM;
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
import dev.seat.trainer.world.ChatMl;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.World;
import dev.seat.trainer.world.WorldConfig;
import dev.seat.trainer.world.WorldEvaluation;
import dev.seat.trainer.world.bpe.BpeVocabulary;
import dev.seat.trainer.world.bpe.ByteLevelBpeTrainer;
import dev.seat.trainer.world.bpe.TokenizerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seat pretrain}: builds the embedded default checkpoint from scratch — the synthetic
 * world, a byte-level BPE tokenizer trained on it, a small Llama trained on its chat corpus —
 * then measures it and writes a model card.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Build a small aligned chat model from scratch on the synthetic world (the embedded models/tiny-base).")
public final class PretrainCommand implements Callable<Integer> {
    @Mixin
    DeviceOption device;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "World, initialisation and data-order seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--world", paramLabel = "FIELD=N", description = "Change a size of the world, e.g. --world unknownWorks=240 "
            + "(fields: those of world.json's config); recorded in training_config.json")
    Map<String, String> worldOverrides = new LinkedHashMap<>();

    @Option(names = "--vocab-size", defaultValue = "2048", description = "default: ${DEFAULT-VALUE}")
    int vocabSize;

    @Option(names = "--hidden", defaultValue = "256", description = "default: ${DEFAULT-VALUE}")
    int hidden;

    @Option(names = "--layers", defaultValue = "4", description = "default: ${DEFAULT-VALUE}")
    int layers;

    @Option(names = "--heads", defaultValue = "4", description = "default: ${DEFAULT-VALUE}")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "2", description = "default: ${DEFAULT-VALUE}")
    int kvHeads;

    @Option(names = "--ffn", defaultValue = "688", description = "default: ${DEFAULT-VALUE}")
    int ffn;

    @Option(names = "--epochs", defaultValue = "25", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--lr", defaultValue = "2e-3", description = "default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--batch-size", defaultValue = "32", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--save-every", defaultValue = "100", description = "Resumable state every N steps (default: ${DEFAULT-VALUE})")
    int saveEvery;

    @Option(names = "--resume", description = "Continue an interrupted pretraining from the state next to --out")
    boolean resume;

    @Option(names = "--skip-eval", description = "Do not measure the model (the card then has no scores)")
    boolean skipEval;

    @Option(names = "--eval-only", description = "Re-measure the checkpoint already at --out on the world of its recorded "
            + "seed: rewrites scores.json (keeping other recorded numbers, e.g. collapse-check's) and the Scores section "
            + "of its README.md")
    boolean evalOnly;

    @Override
    public Integer call() throws IOException {
        if (evalOnly) {
            return remeasure();
        }
        long t0 = System.nanoTime();
        World world = World.generate(WorldConfig.defaults(seed).with(worldOverrides));
        StringBuilder command = new StringBuilder("./seat pretrain --out " + out + " --seed " + seed);
        worldOverrides.forEach((k, v) -> command.append(" --world ").append(k).append('=').append(v));
        Path stateDir = out.resolveSibling(out.getFileName() + ".state");
        Path tokDir = stateDir.resolve("tokenizer");
        Files.createDirectories(tokDir);
        BpeVocabulary vocab = new ByteLevelBpeTrainer(vocabSize).train(world.chatTexts());
        TokenizerFiles.write(vocab, tokDir, 512);
        Map<String, Integer> ids = vocab.ids();
        ModelConfig config = config(vocab.size(), ids.get(ChatMl.IM_END), ids.get(ChatMl.END_OF_TEXT));
        Files.writeString(tokDir.resolve("generation_config.json"), Json.MAPPER.writeValueAsString(
                CheckpointWriter.generationConfig(List.of((long) ids.get(ChatMl.IM_END)), ids.get(ChatMl.END_OF_TEXT))));

        ChatFormat format = ChatFormat.named("chatml");
        List<TokenizedExample> examples;
        try (HfTokenizer tok = HfTokenizer.load(tokDir.resolve("tokenizer.json"))) {
            examples = world.train().stream().map(e -> TokenizedExample.of(tok, format, e.question(), e.answer())).toList();
        }
        long tokens = examples.stream().mapToLong(e -> e.ids().length).sum();
        System.err.printf("seat pretrain: world seed %d, %d examples, %,d tokens, vocab %d, %,d parameters%n",
                seed, examples.size(), tokens, vocab.size(), config.parameterCount());

        TrainConfig cfg = new TrainConfig(lr, epochs, batchSize, 1, "cosine", 0.05, 0.0, 0.9, 0.999, 1e-8, 1.0, seed, saveEvery);
        Trainer.Result result;
        try (NDManager manager = NDManager.newBaseManager(dev.seat.harness.model.Devices.parse(device.device()), "PyTorch");
                DecoderLM model = ModelInit.random(config, seed, manager)) {
            Trainer trainer = new Trainer(model, cfg, Objective.CAUSAL_LM, Map.of(), stateDir, ProgressReporter.console());
            result = trainer.train(examples, ids.get(ChatMl.END_OF_TEXT), resume);
            ObjectNode record = Json.object();
            record.put("command", command.toString());
            record.put("world_seed", seed);
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
        ObjectNode scores = Json.object();
        if (!skipEval) {
            scores = measure(out, world);
        }
        Files.writeString(out.resolve("scores.json"), Json.MAPPER.writeValueAsString(scores));
        Files.writeString(out.resolve("README.md"), ModelCard.render(config, world, examples.size(), tokens, cfg, result,
                trainSeconds, scores, seed, command.toString()));
        AtomicFiles.deleteRecursively(stateDir);
        System.err.printf("seat pretrain: loss %.4f -> %.4f, %.0f s; wrote %s%n", result.firstLoss(), result.lastLoss(),
                trainSeconds, out);
        System.out.println(Json.MAPPER.writeValueAsString(scores));
        return 0;
    }

    /** The model card's scores of the checkpoint at {@code dir}, through the evaluation path (answers cached). */
    private ObjectNode measure(Path dir, World world) {
        try (Checkpoint cp = Checkpoint.load(dir, device.options(true)); Evaluator evaluator = new Evaluator(EvalSettings.defaults().withBatchSize(32))) {
            return WorldEvaluation.evaluate(cp, world, evaluator);
        }
    }

    private int remeasure() throws IOException {
        World world = FineTune.worldOf(out);
        if (world == null) {
            throw new IllegalArgumentException(out + "/training_config.json records no world_seed: --eval-only needs a "
                    + "checkpoint built by seat pretrain");
        }
        ObjectNode scores = measure(out, world);
        Path scoresFile = out.resolve("scores.json");
        if (Files.exists(scoresFile)) {
            Json.read(scoresFile).fields().forEachRemaining(e -> {
                if (!scores.has(e.getKey())) {
                    scores.set(e.getKey(), e.getValue());
                }
            });
        }
        Json.write(scoresFile, scores);
        Path card = out.resolve("README.md");
        if (Files.exists(card)) {
            AtomicFiles.writeString(card, ModelCard.withScores(Files.readString(card), scores));
        }
        System.out.println(Json.MAPPER.writeValueAsString(scores));
        return 0;
    }

    ModelConfig config(int vocab, int eos, int pad) {
        ObjectNode c = Json.object();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        c.put("hidden_size", hidden);
        c.put("intermediate_size", ffn);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kvHeads);
        c.put("head_dim", hidden / heads);
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

    static List<String> questions(List<QaExample> l) {
        return l.stream().map(QaExample::question).toList();
    }
}
