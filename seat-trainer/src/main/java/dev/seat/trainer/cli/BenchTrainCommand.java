package dev.seat.trainer.cli;

import dev.seat.harness.cli.CheckpointPath;
import dev.seat.harness.cli.DataPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.cli.DeviceOption;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.trainer.Batch;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.TrainConfig;
import dev.seat.trainer.TrainingData;
import dev.seat.trainer.experiment.ExperimentData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat bench-train}: the cost of one optimizer step of each method on the same batch.
 * Every method trains from a freshly loaded base on the same {@code --batch-size} examples for
 * {@code --steps} steps (one batch per step, so every step sees the same examples); the median
 * step time after {@code --warmup} steps is reported with the optimizer's state size and, for
 * SEAT, the one-off cost of the base-distribution cache.
 */
@Command(name = "bench-train", mixinStandardHelpOptions = true,
        description = "Time a SEAT (and sparse, LoRA) step against a full fine-tuning step on the same batch.")
public final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption device;

    @Option(names = "--base", required = true, paramLabel = "DIR|ORG/NAME[@REV]", converter = CheckpointPath.class)
    Path base;

    @Option(names = "--data", converter = DataPath.class, paramLabel = "FILE|hf://datasets/ORG/NAME/PATH",
            description = "QA pairs (default: the world contracts of the base, or PISTOL)")
    Path data;

    @Option(names = "--methods", defaultValue = "full,sparse,seat,lora", split = ",", description = "default: ${DEFAULT-VALUE}")
    List<String> methods;

    @Option(names = "--batch-size", defaultValue = "16", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--steps", defaultValue = "12", description = "default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Steps left out of the median (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--out", paramLabel = "FILE|hf://datasets/ORG/NAME/PATH",
            description = "default: results/bench/train-<checkpoint>.json")
    Path out;

    @Option(names = "--save-batch", paramLabel = "FILE",
            description = "Also write the step's batch (input ids, targets, loss mask, attention) as JSON, so another"
                    + " framework can time the same step (bench/side_by_side.py)")
    Path saveBatch;

    @Override
    public Integer call() throws Exception {
        List<QaItem> items = ExperimentData.trainingItems(data, FineTune.worldOf(base));
        if (items.size() < batchSize) {
            throw new IllegalArgumentException("Need at least --batch-size " + batchSize + " examples, got " + items.size());
        }
        List<QaItem> batch = items.subList(0, batchSize);
        ObjectNode report = Json.object();
        report.put("checkpoint", base.toString());
        report.put("device", device.device());
        report.put("threads", Runtime.getRuntime().availableProcessors());
        report.put("batch_size", batchSize);
        report.put("steps", steps);
        ObjectNode per = report.putObject("methods");
        Double fullMs = null;
        if (saveBatch != null) {
            writeBatch(batch, saveBatch);
        }
        Path tmp = Files.createTempDirectory("seat-bench-train");
        try {
            for (String id : methods) {
                Method method = Method.parse(id);
                MethodConfig mc = MethodConfig.defaults(method);
                try (Checkpoint cp = Checkpoint.load(base, device.forTraining())) {
                    report.put("parameters", cp.config().parameterCount());
                    TrainConfig tc = TrainConfig.builder(method.defaultLearningRate(cp.config()), steps)
                            .batchSize(batchSize).schedule("constant").warmupRatio(0.0).build();
                    Path state = tmp.resolve(id);
                    FineTune.Outcome o = FineTune.run(cp, batch, mc, tc,
                            FineTune.Options.defaults().world(FineTune.worldOf(base)).stateDir(state));
                    double ms = medianStepMs(state.resolve("train-log.jsonl"), o.result().tokens() / steps);
                    ObjectNode n = per.putObject(id);
                    n.put("ms_per_step", ms);
                    if (fullMs == null && method == Method.FULL) {
                        fullMs = ms;
                    }
                    if (fullMs != null) {
                        n.put("vs_full", ms / fullMs);
                    }
                    n.set("optimizer_memory", o.record().get("optimizer_memory"));
                    if (o.record().has("kl")) {
                        JsonNode kl = o.record().get("kl");
                        n.put("kl_inputs_per_step", batchSize * mc.perturbations());
                        n.put("kl_cache_bytes", kl.get("cache_bytes").asLong());
                        n.put("kl_cache_seconds", kl.get("cache_seconds").asDouble());
                    }
                    if (o.record().has("lora_parameters")) {
                        n.put("lora_parameters", o.record().get("lora_parameters").asLong());
                    }
                    spec.commandLine().getErr().printf("seat bench-train: %-15s %8.1f ms/step  optimizer state %,d bytes%n", id, ms,
                            o.result().optimizerStateBytes());
                }
            }
        } finally {
            AtomicFiles.deleteRecursively(tmp);
        }
        Path file = out != null ? out : Path.of("results", "bench", "train-" + base.getFileName() + ".json");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Json.write(file, report);
        spec.commandLine().getOut().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return 0;
    }

    /** The batch every step trains on, as the trainer builds it. */
    private void writeBatch(List<QaItem> items, Path file) throws IOException {
        try (Checkpoint cp = Checkpoint.load(base, Checkpoint.Options.defaults())) {
            Batch b = Batch.of(TrainingData.tokenize(items, cp.tokenizer(), cp.chatFormat(), cp.config()), cp.padId());
            ObjectNode n = Json.object();
            n.set("input_ids", Json.MAPPER.valueToTree(b.inputs()));
            n.set("targets", Json.MAPPER.valueToTree(b.targets()));
            n.set("loss_mask", Json.MAPPER.valueToTree(b.lossMask()));
            n.set("attention_mask", Json.MAPPER.valueToTree(b.attention()));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Json.write(file, n);
        }
    }

    /** Median seconds per step (as ms) after the warm-up, from the log's tokens/s and the tokens of a step. */
    private double medianStepMs(Path log, long tokensPerStep) throws java.io.IOException {
        List<Double> ms = new ArrayList<>();
        List<String> lines = Files.readAllLines(log);
        for (int i = warmup; i < lines.size(); i++) {
            double tps = Json.MAPPER.readTree(lines.get(i)).get("tokens_per_s").asDouble();
            ms.add(1000.0 * tokensPerStep / tps);
        }
        double[] a = ms.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length == 0 ? Double.NaN : a[a.length / 2];
    }
}
