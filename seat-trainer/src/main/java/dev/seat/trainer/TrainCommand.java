package dev.seat.trainer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointWriter;
import dev.seat.harness.model.DType;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seat train}: fine-tune a checkpoint on question/answer pairs and save an HF folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fine-tune --base on --data (JSON array / JSONL with question/answer) and write an HF checkpoint to --out.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--method", defaultValue = "full", description = "full (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--base", required = true, paramLabel = "DIR", description = "Checkpoint to start from")
    Path base;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Training QA pairs")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the fine-tuned checkpoint goes")
    Path out;

    @Option(names = "--lr", description = "Peak learning rate (default: 1e-3 for models under 50M parameters, else 1e-5)")
    Double lr;

    @Option(names = "--epochs", defaultValue = "20", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--grad-accum", defaultValue = "1", description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE})")
    int gradAccum;

    @Option(names = "--schedule", defaultValue = "cosine", description = "linear, cosine or constant after warm-up (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--warmup", defaultValue = "0.05", description = "Warm-up share of all steps (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--weight-decay", defaultValue = "0.0", description = "default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--clip", defaultValue = "1.0", description = "Global gradient-norm clip, 0 = off (default: ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--seed", defaultValue = "0", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--save-every", defaultValue = "50", description = "Save resumable state every N steps (default: ${DEFAULT-VALUE})")
    int saveEvery;

    @Option(names = "--resume", description = "Continue from the state saved next to --out")
    boolean resume;

    @Option(names = "--dtype", defaultValue = "F32", description = "Weights on disk: F32, F16 or BF16 (default: ${DEFAULT-VALUE})")
    DType dtype;

    @Override
    public Integer call() {
        if (!method.equals("full")) {
            System.err.println("seat train: method '" + method + "' is not available in this build; expected: full");
            return 2;
        }
        List<QaItem> items = TrainingData.read(data);
        Path stateDir = out.resolveSibling(out.getFileName() + ".state");
        try (Checkpoint cp = Checkpoint.load(base)) {
            double rate = lr != null ? lr : defaultLearningRate(cp.config().parameterCount());
            TrainConfig cfg = new TrainConfig(rate, epochs, batchSize, gradAccum, schedule, warmup, weightDecay,
                    0.9, 0.999, 1e-8, clip, seed, saveEvery);
            List<TokenizedExample> examples = TrainingData.tokenize(items, cp.tokenizer(), cp.chatFormat());
            Trainer trainer = new Trainer(cp.model(), cfg, Objective.CAUSAL_LM, Map.of(), stateDir, ProgressReporter.console());
            System.err.printf("seat train: %s on %d examples from %s, %d steps, lr %.2g%n", method, examples.size(), data,
                    trainer.totalSteps(examples.size()), rate);
            Trainer.Result r = trainer.train(examples, cp.padId(), resume);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("training_config.json", Json.compact(runRecord(cp, cfg, r)));
            extra.put("train-log.jsonl", Files.readString(trainer.logFile()));
            CheckpointWriter.write(out, cp.config(), cp.model().parameters(), dtype, base, extra);
            AtomicFiles.deleteRecursively(stateDir);
            System.err.printf("seat train: loss %.4f -> %.4f in %.0f s; wrote %s%n", r.firstLoss(), r.lastLoss(), r.seconds(), out);
            return 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The paper's rates (1e-5 full FT) suit 7-8B models; models of a few million parameters need
     * about a hundred times more to learn in a few epochs.
     */
    static double defaultLearningRate(long parameters) {
        return parameters < 50_000_000L ? 1e-3 : 1e-5;
    }

    private ObjectNode runRecord(Checkpoint cp, TrainConfig cfg, Trainer.Result r) {
        ObjectNode n = Json.object();
        n.put("method", method);
        n.put("base", base.toAbsolutePath().toString());
        n.put("base_fingerprint", cp.fingerprint());
        n.put("data", data.toAbsolutePath().toString());
        n.set("config", Json.MAPPER.valueToTree(cfg));
        n.set("result", Json.MAPPER.valueToTree(r));
        return n;
    }
}
