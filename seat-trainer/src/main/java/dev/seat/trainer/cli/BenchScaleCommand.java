package dev.seat.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.ProcessMemory;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.cli.DataPath;
import dev.seat.harness.cli.DeviceOption;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.DType;
import dev.seat.harness.model.MemoryBudget;
import dev.seat.harness.model.ModelConfig;
import dev.seat.harness.model.Throughput;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.TrainConfig;
import dev.seat.trainer.experiment.ExperimentData;
import dev.seat.trainer.init.Architecture;
import dev.seat.trainer.init.CheckpointInit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat bench-scale}: the scale ladder (memory figures are this process's resident memory, so CPU). For each architecture (random bf16 sharded
 * checkpoints written by {@code init}, reused when present): load seconds and peak resident
 * memory against the weights' float32 size; prefill and decode tokens/s at batch 1 and 32; one
 * optimizer step of each method with its optimizer-state and KL-cache bytes and its peak memory.
 * A step whose predicted memory does not fit what is available is not run; its estimate is
 * reported instead. Last, the memory of an 8B model estimated from the measured bytes per
 * parameter. Writes {@code scale.json} and {@code scale.md}.
 */
@Command(name = "bench-scale", mixinStandardHelpOptions = true,
        description = "Scale ladder: load, memory, prefill/decode and one training step per method for 135M-1.1B shapes.")
public final class BenchScaleCommand implements Callable<Integer> {
    /** Llama-3-8B's parameter count, for the estimate. */
    static final long PARAMETERS_8B = 8_030_261_248L;

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption device;

    @Option(names = "--like", split = ",", defaultValue = "SmolLM2-135M,Qwen2.5-0.5B,TinyLlama-1.1B",
            description = "Architectures, smallest first (default: ${DEFAULT-VALUE})")
    List<String> like;

    @Option(names = "--checkpoints", required = true, paramLabel = "DIR",
            description = "Folder of the checkpoints (DIR/NAME); missing ones are written with init (bf16, three shards)")
    Path checkpoints;

    @Option(names = "--data", converter = DataPath.class, paramLabel = "FILE",
            description = "QA pairs for the training steps (default: PISTOL sample 1, or the embedded world's contracts)")
    Path data;

    @Option(names = "--methods", split = ",", defaultValue = "full,sparse,seat,lora", description = "default: ${DEFAULT-VALUE}")
    List<String> methods;

    @Option(names = "--train-batch", defaultValue = "4", description = "Examples in the training step (default: ${DEFAULT-VALUE})")
    int trainBatch;

    @Option(names = "--prompt-tokens", defaultValue = "32", description = "Prefill length (default: ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--decode-prompt-tokens", defaultValue = "16", description = "Prompt length before decoding (default: ${DEFAULT-VALUE})")
    int decodePromptTokens;

    @Option(names = "--new-tokens", defaultValue = "8", description = "Decoded tokens (default: ${DEFAULT-VALUE})")
    int newTokens;

    @Option(names = "--keep-free", defaultValue = "4", paramLabel = "GIB",
            description = "GiB of available memory a step must leave free to be run (default: ${DEFAULT-VALUE})")
    double keepFreeGib;

    @Option(names = "--out", paramLabel = "DIR", description = "default: results/bench")
    Path out;

    /** One measurement (load, or a method's step) in this process, written to --phase-out: what the parent forks. */
    @Option(names = "--phase", hidden = true)
    String phase;

    @Option(names = "--phase-out", hidden = true)
    Path phaseOut;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (phase != null) {
            Json.write(phaseOut, measure(checkpoints.resolve(like.get(0)), phase, err));
            return 0;
        }
        List<QaItem> items = ExperimentData.trainingItems(data, FineTune.worldOf(RepoPaths.defaultCheckpoint()));
        if (items.size() < trainBatch) {
            throw new IllegalArgumentException("Need at least --train-batch " + trainBatch + " examples, got " + items.size());
        }
        ObjectNode report = Json.object();
        report.put("command", "./seat " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        report.put("device", device.device());
        report.put("threads", Runtime.getRuntime().availableProcessors());
        report.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        report.put("data", ExperimentData.describe(data));
        report.put("train_batch", trainBatch);
        report.put("prompt_tokens", promptTokens);
        report.put("decode_prompt_tokens", decodePromptTokens);
        report.put("new_tokens", newTokens);
        ArrayNode sizes = report.putArray("sizes");
        Map<String, Double> perParameter = new LinkedHashMap<>(); // measured bytes per parameter, largest size last
        for (String name : like) {
            Architecture arch = Architecture.named(name);
            Path dir = checkpoints.resolve(arch.name());
            if (!Files.isRegularFile(dir.resolve("config.json"))) {
                err.printf("seat bench-scale: writing %s%n", dir);
                long bf16 = 2 * ModelConfig.parse(dir.resolve("config.json"), arch.config(null)).parameterCount();
                CheckpointInit.Options d = CheckpointInit.Options.defaults();
                CheckpointInit.write(arch, dir, new CheckpointInit.Options(null, DType.BF16, bf16 / 3 + 1, d.seed(), d.bpeVocab()));
            }
            ObjectNode s = sizes.addObject();
            s.put("like", arch.name());
            s.put("checkpoint", dir.toString());
            s.setAll(fork(arch.name(), "load", err));
            long parameters = s.get("parameters").asLong();
            perParameter.put("load", s.get("load").get("peak_growth_bytes").asDouble() / parameters);
            ObjectNode steps = s.putObject("steps");
            long activations = 0; // of a plain step at this size: LoRA's growth beyond its float32 weights
            // LoRA first: it measures the activations the other methods' predictions add
            List<String> order = methods.stream().sorted((a, b) -> Boolean.compare(!a.equals("lora"), !b.equals("lora"))).toList();
            for (String id : order) {
                Method method = Method.parse(id);
                ObjectNode n = predict(method, parameters, activations, perParameter);
                if (!n.has("reason")) {
                    n.setAll(fork(arch.name(), id, err));
                    long growth = n.get("peak_growth_bytes").asLong();
                    if (method.lora) {
                        activations = Math.max(0, growth - 4 * parameters);
                        s.put("activation_bytes", activations);
                    }
                    n.put("state_bytes_per_parameter", (double) (growth - activations) / parameters);
                    perParameter.put(id, n.get("state_bytes_per_parameter").asDouble());
                } else {
                    err.printf("seat bench-scale: %s %s not run: %s%n", arch.name(), id, n.get("reason").asText());
                }
                steps.set(id, n);
            }
        }
        JsonNode largest = sizes.get(sizes.size() - 1);
        long activations8b = (long) (largest.path("activation_bytes").asLong()
                * (4096.0 * 32) / (largest.get("hidden_size").asDouble() * largest.get("layers").asDouble()));
        report.set("estimate_8b", estimate8b(perParameter, activations8b));
        Path dir = out != null ? out : RepoPaths.root().resolve("results/bench");
        Files.createDirectories(dir);
        Json.write(dir.resolve("scale.json"), report);
        AtomicFiles.writeString(dir.resolve("scale.md"), ScaleReport.markdown(report));
        spec.commandLine().getOut().println(ScaleReport.markdown(report));
        err.println("wrote " + dir.resolve("scale.json") + " and scale.md");
        return 0;
    }

    /**
     * Runs one measurement in a fresh JVM (this one's options and class path) and returns its
     * JSON: memory freed by an earlier measurement stays resident in a process (the C allocator
     * keeps it), so peaks are only comparable from a fresh start.
     */
    private ObjectNode fork(String name, String what, PrintWriter err) throws IOException, InterruptedException {
        Path result = Files.createTempFile("seat-bench-scale-", ".json");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(System.getProperty("sun.java.command").split(" ")[0]);
            cmd.addAll(List.of("bench-scale", "--checkpoints", checkpoints.toString(), "--like", name, "--phase", what,
                    "--phase-out", result.toString(), "--device", device.device(), "--train-batch", String.valueOf(trainBatch),
                    "--prompt-tokens", String.valueOf(promptTokens), "--decode-prompt-tokens", String.valueOf(decodePromptTokens),
                    "--new-tokens", String.valueOf(newTokens)));
            if (data != null) {
                cmd.addAll(List.of("--data", data.toString()));
            }
            err.flush();
            int exit = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("bench-scale: measuring " + what + " of " + name + " failed (exit " + exit
                        + "; its messages are above)");
            }
            return (ObjectNode) Json.read(result);
        } finally {
            Files.deleteIfExists(result);
        }
    }

    /** One measurement in this process, after a warm-up that loads the engine and its libraries. */
    private ObjectNode measure(Path dir, String what, PrintWriter err) {
        try (Checkpoint warm = Checkpoint.load(RepoPaths.defaultCheckpoint(), device.options(true))) {
            Throughput.prefill(warm, 1, 8); // the engine, tokenizer library and JIT are resident from here on
        }
        if (what.equals("load")) {
            return measureLoadAndThroughput(dir, err);
        }
        List<QaItem> items = ExperimentData.trainingItems(data, FineTune.worldOf(RepoPaths.defaultCheckpoint()));
        return measureStep(dir, Method.parse(what), items.subList(0, trainBatch), err);
    }

    private ObjectNode measureLoadAndThroughput(Path dir, PrintWriter err) {
        ObjectNode s = Json.object();
        ProcessMemory.resetPeaks();
        long before = ProcessMemory.residentBytes();
        long t0 = System.nanoTime();
        try (Checkpoint cp = Checkpoint.load(dir, device.options(true))) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = ProcessMemory.peakResidentBytes();
            long heap = ProcessMemory.peakHeapBytes();
            long parameters = cp.model().parameters().values().stream().mapToLong(a -> a.size()).sum();
            long weights = 4 * parameters;
            s.put("parameters", parameters);
            s.put("hidden_size", cp.config().hiddenSize());
            s.put("layers", cp.config().numLayers());
            s.put("weight_files", weightFiles(dir).size());
            s.put("weight_file_bytes", weightFiles(dir).stream().mapToLong(BenchScaleCommand::size).sum());
            s.put("weights_fp32_bytes", weights);
            ObjectNode load = s.putObject("load");
            load.put("seconds", seconds);
            load.put("rss_before_bytes", before);
            load.put("peak_rss_bytes", peak);
            load.put("peak_growth_bytes", peak - before);
            load.put("peak_growth_over_fp32_weights", (double) (peak - before) / weights);
            load.put("peak_heap_bytes", heap);
            err.printf(Locale.ROOT, "seat bench-scale: %s loaded in %.1f s, resident %s -> peak %s (fp32 weights %s)%n",
                    dir.getFileName(), seconds, gib(before), gib(peak), gib(weights));
            ObjectNode t = s.putObject("throughput");
            Throughput.prefill(cp, 1, promptTokens); // warm-up
            for (int b : new int[] {1, 32}) {
                t.put("prefill_tokens_per_s_batch" + b, Throughput.prefill(cp, b, promptTokens));
                t.put("decode_tokens_per_s_batch" + b, Throughput.decode(cp, b, decodePromptTokens, newTokens));
                err.printf(Locale.ROOT, "seat bench-scale: %s batch %d: prefill %.1f tok/s, decode %.1f tok/s%n",
                        dir.getFileName(), b, t.get("prefill_tokens_per_s_batch" + b).asDouble(),
                        t.get("decode_tokens_per_s_batch" + b).asDouble());
            }
            s.put("peak_rss_with_generation_bytes", ProcessMemory.peakResidentBytes());
        }
        return s;
    }

    /**
     * Whether a step of {@code method} is to be run: the bytes per parameter measured for it on a
     * smaller size beyond the activations (or {@link #theoryBytesPerParameter} before any) times the
     * parameters, plus this size's activations, must fit what is available less {@code --keep-free}.
     * Returns the prediction, with a reason when not.
     */
    private ObjectNode predict(Method method, long parameters, long activations, Map<String, Double> perParameter) {
        ObjectNode n = Json.object();
        double per = Math.max(perParameter.getOrDefault(method.id, 0.0), theoryBytesPerParameter(method, MethodConfig.defaults(method)));
        long predicted = (long) (per * parameters) + activations;
        MemoryBudget.Available available = MemoryBudget.available(ai.djl.Device.cpu());
        long allowed = available.bytes() - (long) (keepFreeGib * (1L << 30));
        n.put("predicted_bytes", predicted);
        n.put("ran", predicted <= allowed);
        if (predicted > allowed) {
            n.put("reason", String.format(Locale.ROOT, "needs about %s (%.1f bytes/parameter), %s available (%s) less %.0f GiB kept free",
                    gib(predicted), per, gib(available.bytes()), available.source(), keepFreeGib));
        }
        return n;
    }

    /** One optimizer step of {@code method} on {@code batch} from a fresh load, with its memory. */
    private ObjectNode measureStep(Path dir, Method method, List<QaItem> batch, PrintWriter err) {
        ObjectNode n = Json.object();
        MethodConfig mc = MethodConfig.defaults(method);
        ProcessMemory.resetPeaks();
        long before = ProcessMemory.residentBytes();
        try (Checkpoint cp = Checkpoint.load(dir, device.forTraining())) {
            long parameters = cp.config().parameterCount();
            TrainConfig tc = TrainConfig.builder(method.defaultLearningRate(cp.config()), 1)
                    .batchSize(batch.size()).schedule("constant").warmupRatio(0.0).build();
            FineTune.Outcome o = FineTune.run(cp, batch, mc, tc, FineTune.Options.defaults());
            long peak = ProcessMemory.peakResidentBytes();
            n.put("step_seconds", o.result().seconds());
            n.put("tokens", o.result().tokens());
            n.put("rss_before_bytes", before);
            n.put("peak_rss_bytes", peak);
            n.put("peak_growth_bytes", peak - before);
            n.put("bytes_per_parameter", (double) (peak - before) / parameters);
            n.put("peak_heap_bytes", ProcessMemory.peakHeapBytes());
            n.put("optimizer_state_bytes", o.result().optimizerStateBytes());
            JsonNode kl = o.record().path("kl");
            if (!kl.isMissingNode()) {
                n.put("kl_cache_bytes", kl.get("cache_bytes").asLong());
                n.put("kl_cache_seconds", kl.get("cache_seconds").asDouble());
            }
            JsonNode mask = o.record().path("mask");
            if (!mask.isMissingNode()) {
                n.put("mask_bytes", mask.get("mask_bytes").asLong());
                n.put("mask_seconds", mask.get("seconds").asDouble());
            }
            if (o.record().has("lora_parameters")) {
                n.put("lora_parameters", o.record().get("lora_parameters").asLong());
            }
            err.printf(Locale.ROOT, "seat bench-scale: %s %s: step %.1f s, peak growth %s (%.1f bytes/parameter), optimizer %s%n",
                    dir.getFileName(), method.id, o.result().seconds(), gib(peak - before), n.get("bytes_per_parameter").asDouble(),
                    gib(o.result().optimizerStateBytes()));
        }
        return n;
    }

    /**
     * Bytes per parameter a step needs at least, in float32 on CPU: weights 4, gradients 4 (all
     * methods but LoRA), AdamW moments 8 (masked: 8·(1-α), only the trainable coordinates), a mask
     * byte per coordinate (masked).
     */
    static double theoryBytesPerParameter(Method method, MethodConfig mc) {
        if (method.lora) {
            return 4;
        }
        if (method.masked) {
            return 4 + 4 + 1 + 8 * (1 - mc.alpha());
        }
        return 4 + 4 + 8;
    }

    /**
     * Measured bytes per parameter (largest size each ran at; for steps, beyond the activations)
     * times Llama-3-8B's parameters, plus for steps the activations of the largest size scaled by
     * hidden size x layers (4096 x 32 for Llama-3-8B) at the same batch.
     */
    static ObjectNode estimate8b(Map<String, Double> perParameter, long activations) {
        ObjectNode e = Json.object();
        e.put("parameters", PARAMETERS_8B);
        e.put("weights_fp32_bytes", 4 * PARAMETERS_8B);
        e.put("activation_bytes", activations);
        perParameter.forEach((what, per) -> {
            ObjectNode n = e.putObject(what);
            n.put("bytes_per_parameter", per);
            n.put("bytes", (long) (per * PARAMETERS_8B) + (what.equals("load") ? 0 : activations));
        });
        return e;
    }

    private static List<Path> weightFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

}
