package dev.seat.trainer.cli;

import dev.seat.harness.cli.CheckpointPath;
import dev.seat.harness.cli.DataPath;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.cli.DeviceOption;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointWriter;
import dev.seat.harness.model.DType;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.ProgressReporter;
import dev.seat.trainer.TrainConfig;
import dev.seat.trainer.Trainer;
import dev.seat.trainer.TrainingData;
import dev.seat.trainer.kl.KlPositions;
import dev.seat.trainer.mask.MaskKind;
import dev.seat.trainer.mask.MaskResample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seat train}: fine-tune a checkpoint on question/answer pairs with any method and save an HF folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fine-tune --base on --data (JSON array / JSONL with question/answer) and write an HF checkpoint to --out.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption device;

    @Option(names = "--method", defaultValue = "full",
            description = "full, sparse, seat, lora, full-kl-ep or sparse-kl-noep (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--base", required = true, paramLabel = "DIR|ORG/NAME[@REV]", converter = CheckpointPath.class,
            description = "Checkpoint to start from: a folder or a Hub model id")
    Path base;

    @Option(names = "--data", converter = DataPath.class, required = true, paramLabel = "FILE|hf://datasets/ORG/NAME/PATH",
            description = "Training QA pairs")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the fine-tuned checkpoint goes")
    Path out;

    @Option(names = "--lr", description = "Peak learning rate (default: the paper's rate for the method — 1e-5 full/lora/full-kl-ep, "
            + "2e-5 sparse/seat/sparse-kl-noep — times clamp((8e9/params)^0.6, 1, 100))")
    Double lr;

    @Option(names = "--epochs", defaultValue = "20", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "" + TrainConfig.DEFAULT_BATCH_SIZE, description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--grad-accum", defaultValue = "1", description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE})")
    int gradAccum;

    @Option(names = "--schedule", defaultValue = TrainConfig.DEFAULT_SCHEDULE, description = "linear, cosine or constant after warm-up (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--warmup", defaultValue = "" + TrainConfig.DEFAULT_WARMUP_RATIO, description = "Warm-up share of all steps (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--weight-decay", defaultValue = "" + TrainConfig.DEFAULT_WEIGHT_DECAY, description = "default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--clip", defaultValue = "" + TrainConfig.DEFAULT_CLIP_NORM, description = "Clip of the gradient norm over the trainable coordinates (masked: ‖M⊙∇L‖, LoRA: the adapters), 0 = off (default: ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--seed", defaultValue = "0", description = "Data order, mask and LoRA init seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sparsity", defaultValue = "0.8", description = "α, share of coordinates frozen (masked methods; default: ${DEFAULT-VALUE})")
    double sparsity;

    @Option(names = "--mask", defaultValue = "random", description = "Mask kind: random, magnitude or fisher (default: ${DEFAULT-VALUE})")
    String maskKind;

    @Option(names = "--mask-from-seed", description = "Draw the fixed random mask again from its seed, tensor by tensor, "
            + "instead of storing it (saves a byte per parameter; costs drawing it every step)")
    boolean maskFromSeed;

    @Option(names = "--mask-resample", defaultValue = "never", description = "never or every-step (default: ${DEFAULT-VALUE})")
    String maskResample;

    @Option(names = "--fisher-batches", defaultValue = "4", description = "Batches a fisher mask accumulates over (default: ${DEFAULT-VALUE})")
    int fisherBatches;

    @Option(names = "--gamma", defaultValue = "1.0", description = "Weight γ of the KL term (default: ${DEFAULT-VALUE})")
    double gamma;

    @Option(names = "--perturbations", defaultValue = "1", description = "Entity-perturbed copies per example, K (default: ${DEFAULT-VALUE})")
    int perturbations;

    @Option(names = "--perturbation-seed", description = "Seed of the fictitious names (default: --seed)")
    Long perturbationSeed;

    @Option(names = "--kl-positions", defaultValue = "all", description = "all or answer (default: ${DEFAULT-VALUE})")
    String klPositions;

    @Option(names = "--kl-top-k", defaultValue = "0",
            description = "Base tokens cached per position; 0 = exact up to a 4096 vocabulary, else 256 (default: ${DEFAULT-VALUE})")
    int klTopK;

    @Option(names = "--lora-rank", defaultValue = "8", description = "default: ${DEFAULT-VALUE}")
    int loraRank;

    @Option(names = "--lora-alpha", defaultValue = "16", description = "default: ${DEFAULT-VALUE}")
    double loraAlpha;

    @Option(names = "--lora-dropout", defaultValue = "0.0", description = "default: ${DEFAULT-VALUE}")
    double loraDropout;

    @Option(names = "--lora-targets", defaultValue = "q_proj,v_proj", split = ",", description = "default: ${DEFAULT-VALUE}")
    List<String> loraTargets;

    @Option(names = "--adapter-out", paramLabel = "DIR", description = "LoRA: also write a PEFT-style adapter folder here")
    Path adapterOut;

    @Option(names = "--save-every", defaultValue = "50", description = "Save resumable state every N steps (default: ${DEFAULT-VALUE})")
    int saveEvery;

    @Option(names = "--resume", description = "Continue from the state saved next to --out")
    boolean resume;

    @Option(names = "--dtype", defaultValue = "F32", description = "Weights on disk: F32, F16 or BF16 (default: ${DEFAULT-VALUE})")
    DType dtype;

    MethodConfig methodConfig() {
        Method m = Method.parse(method);
        return new MethodConfig(m, sparsity, MaskKind.parse(maskKind), MaskResample.parse(maskResample), fisherBatches,
                gamma, perturbations, KlPositions.parse(klPositions), klTopK,
                perturbationSeed != null ? perturbationSeed : seed, loraRank, loraAlpha, loraDropout, loraTargets);
    }

    @Override
    public Integer call() throws Exception {
        MethodConfig mc = methodConfig();
        List<QaItem> items = TrainingData.read(data);
        Path stateDir = out.resolveSibling(out.getFileName() + ".state");
        try (Checkpoint cp = Checkpoint.load(base, device.forTraining())) {
            double rate = lr != null ? lr : mc.method().defaultLearningRate(cp.config());
            TrainConfig cfg = TrainConfig.builder(rate, epochs).batchSize(batchSize).gradAccumulation(gradAccum)
                    .schedule(schedule).warmupRatio(warmup).weightDecay(weightDecay).clipNorm(clip).seed(seed)
                    .saveEvery(saveEvery).build();
            spec.commandLine().getErr().printf("seat train: %s on %d examples from %s, lr %.2g%n", mc.method().id, items.size(), data, rate);
            FineTune.Outcome o = FineTune.run(cp, items, mc, cfg, FineTune.Options.defaults().world(FineTune.worldOf(base))
                    .stateDir(stateDir).progress(ProgressReporter.console()).resume(resume).adapterOut(adapterOut).maskFromSeed(maskFromSeed));
            ObjectNode record = o.record();
            record.put("base", base.toAbsolutePath().toString());
            record.put("base_fingerprint", cp.fingerprint());
            record.put("data", data.toAbsolutePath().toString());
            record.put("learning_rate_rule", lr != null ? "given" : "paper rate x clamp((8e9/params)^0.6, 1, 100)");
            record.remove("log");
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("training_config.json", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record));
            Path log = stateDir.resolve("train-log.jsonl");
            if (Files.exists(log)) {
                extra.put("train-log.jsonl", Files.readString(log));
            }
            CheckpointWriter.write(out, cp.config(), cp.model().parameters(), dtype, base, extra);
            AtomicFiles.deleteRecursively(stateDir);
            Trainer.Result r = o.result();
            spec.commandLine().getErr().printf("seat train: loss %.4f -> %.4f in %.0f s; optimizer state %,d bytes (%.0f%% of full AdamW); wrote %s%n",
                    r.firstLoss(), r.lastLoss(), r.seconds(), r.optimizerStateBytes(),
                    100 * record.path("optimizer_memory").path("share_of_full").asDouble(), out);
            return 0;
        }
    }
}
