package dev.seat.trainer.cli;

import dev.seat.harness.cli.DeviceOption;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.Pretraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(names = "--vocab-size", defaultValue = "" + Pretraining.Options.DEFAULT_VOCAB_SIZE, description = "default: ${DEFAULT-VALUE}")
    int vocabSize;

    @Option(names = "--hidden", defaultValue = "" + Pretraining.Options.DEFAULT_HIDDEN, description = "default: ${DEFAULT-VALUE}")
    int hidden;

    @Option(names = "--layers", defaultValue = "" + Pretraining.Options.DEFAULT_LAYERS, description = "default: ${DEFAULT-VALUE}")
    int layers;

    @Option(names = "--heads", defaultValue = "" + Pretraining.Options.DEFAULT_HEADS, description = "default: ${DEFAULT-VALUE}")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "" + Pretraining.Options.DEFAULT_KV_HEADS, description = "default: ${DEFAULT-VALUE}")
    int kvHeads;

    @Option(names = "--ffn", defaultValue = "" + Pretraining.Options.DEFAULT_FFN, description = "default: ${DEFAULT-VALUE}")
    int ffn;

    @Option(names = "--epochs", defaultValue = "" + Pretraining.Options.DEFAULT_EPOCHS, description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--lr", defaultValue = "" + Pretraining.Options.DEFAULT_LR, description = "default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--batch-size", defaultValue = "" + Pretraining.Options.DEFAULT_BATCH_SIZE, description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--save-every", defaultValue = "" + Pretraining.Options.DEFAULT_SAVE_EVERY, description = "Resumable state every N steps (default: ${DEFAULT-VALUE})")
    int saveEvery;

    @Option(names = "--resume", description = "Continue an interrupted pretraining from the state next to --out")
    boolean resume;

    @Option(names = "--skip-eval", description = "Do not measure the model (the card then has no scores)")
    boolean skipEval;

    @Option(names = "--eval-only", description = "Re-measure the checkpoint already at --out on the world of its recorded "
            + "seed: rewrites scores.json (keeping other recorded numbers, e.g. collapse-check's) and the Scores section "
            + "of its README.md")
    boolean evalOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (evalOnly) {
            out.println(Json.MAPPER.writeValueAsString(Pretraining.remeasure(this.out, device.device())));
            return 0;
        }
        StringBuilder command = new StringBuilder("./seat pretrain --out " + this.out + " --seed " + seed);
        worldOverrides.forEach((k, v) -> command.append(" --world ").append(k).append('=').append(v));
        Pretraining.Options options = new Pretraining.Options(seed, worldOverrides, vocabSize, hidden, layers, heads, kvHeads,
                ffn, epochs, lr, batchSize, saveEvery, resume, skipEval, device.device());
        Pretraining.Outcome o = Pretraining.run(this.out, options, command.toString());
        spec.commandLine().getErr().printf("seat pretrain: loss %.4f -> %.4f, %.0f s; wrote %s%n", o.result().firstLoss(),
                o.result().lastLoss(), o.seconds(), this.out);
        out.println(Json.MAPPER.writeValueAsString(o.scores()));
        return 0;
    }
}
