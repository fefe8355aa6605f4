package dev.seat.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.DType;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.model.SafeTensorsFile;
import dev.seat.harness.model.SafeTensorsWriter;
import dev.seat.harness.model.Scalars;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The training loop: seeded shuffles per epoch, micro-batches with gradient accumulation,
 * global-norm clipping of the trainable coordinates, AdamW with warm-up and decay, a JSONL log, and resumable state.
 *
 * <p>Each optimizer step runs in its own NDManager; gradients are zeroed by hand after every
 * step (DJL's collector does not). With a state folder, the weights, optimizer moments and step
 * are saved every {@code saveEvery} steps; {@link #train} with {@code resume} continues from
 * there and reaches the same weights as an uninterrupted run.
 */
public final class Trainer {
    private final DecoderLM model;
    private final TrainableModel trainable;
    private final TrainConfig cfg;
    private final Objective objective;
    private final UpdateMasks masks;
    private final Path stateDir;
    private final ProgressReporter progress;

    /**
     * Outcome of a run.
     *
     * @param skippedSteps optimizer steps dropped because their gradient was not finite
     * @param optimizerStateBytes bytes of AdamW moment estimates at the end (compact when masked)
     */
    public record Result(long steps, double firstLoss, double lastLoss, double seconds, long tokens, long skippedSteps,
            long optimizerStateBytes) {}

    /** Non-finite gradients this many steps in a row stop the run. */
    static final int MAX_CONSECUTIVE_SKIPS = 10;

    /**
     * Full fine-tuning of {@code model}, or restricted by fixed boolean masks.
     *
     * @param masks name → boolean mask (true = trainable) restricting updates; empty for full fine-tuning
     * @param stateDir where resumable state and the log go (null: no state, no log)
     */
    public Trainer(DecoderLM model, TrainConfig cfg, Objective objective, Map<String, NDArray> masks, Path stateDir,
            ProgressReporter progress) {
        this(model, TrainableModel.of(model), cfg, objective, fixedMasks(masks), stateDir, progress);
    }

    /**
     * @param model the model whose manager holds optimizer state and step arrays
     * @param trainable what the optimizer updates and what each step runs
     * @param masks the masks of each step ({@link UpdateMasks#none()} for unrestricted updates)
     */
    public Trainer(DecoderLM model, TrainableModel trainable, TrainConfig cfg, Objective objective, UpdateMasks masks,
            Path stateDir, ProgressReporter progress) {
        this.model = model;
        this.trainable = trainable;
        this.cfg = cfg;
        this.objective = objective;
        this.masks = masks;
        this.stateDir = stateDir;
        this.progress = progress;
    }

    private static UpdateMasks fixedMasks(Map<String, NDArray> masks) {
        return new UpdateMasks() {
            @Override
            public Map<String, NDArray> at(long step) {
                return masks;
            }

            @Override
            public boolean fixed() {
                return true;
            }

            @Override
            public void close() {}
        };
    }

    /** Micro-batches of one epoch, in the seeded order of that epoch. */
    List<List<TokenizedExample>> epochBatches(List<TokenizedExample> data, int epoch) {
        return epochBatches(data, epoch, cfg);
    }

    /** Micro-batches of one epoch under {@code cfg} (its seed and batch size). */
    static List<List<TokenizedExample>> epochBatches(List<TokenizedExample> data, int epoch, TrainConfig cfg) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(cfg.seed() * 1_000_003L + epoch));
        List<List<TokenizedExample>> batches = new ArrayList<>();
        for (int s = 0; s < order.size(); s += cfg.batchSize()) {
            List<TokenizedExample> b = new ArrayList<>();
            for (int k = s; k < Math.min(order.size(), s + cfg.batchSize()); k++) {
                b.add(data.get(order.get(k)));
            }
            batches.add(b);
        }
        return batches;
    }

    public long totalSteps(int examples) {
        long microPerEpoch = (examples + cfg.batchSize() - 1) / cfg.batchSize();
        return cfg.epochs() * ((microPerEpoch + cfg.gradAccumulation() - 1) / cfg.gradAccumulation());
    }

    public Result train(List<TokenizedExample> data, long padId, boolean resume) {
        Map<String, NDArray> params = trainable();
        AdamW opt = new AdamW(model.manager(), cfg.beta1(), cfg.beta2(), cfg.eps(), cfg.weightDecay(), masks.fixed());
        long total = totalSteps(data.size());
        long startStep = resume ? restore(params, opt) : 0;
        if (!resume && stateDir != null) {
            deleteLog();
        }
        params.values().forEach(p -> p.setRequiresGradient(true));
        long step = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        long tokens = 0;
        long optimizerBytes = 0;
        long skipped = 0;
        int consecutiveSkips = 0;
        long t0 = System.nanoTime();
        try {
            for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                List<List<TokenizedExample>> batches = epochBatches(data, epoch);
                for (int s = 0; s < batches.size(); s += cfg.gradAccumulation()) {
                    if (step < startStep) { // already done before the resume point
                        step++;
                        continue;
                    }
                    long stepStart = System.nanoTime();
                    List<List<TokenizedExample>> micro = batches.subList(s, Math.min(batches.size(), s + cfg.gradAccumulation()));
                    double loss = 0;
                    Map<String, Float> parts = new LinkedHashMap<>();
                    int stepTokens = 0;
                    try (NDManager m = model.manager().newSubManager()) {
                        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                            for (List<TokenizedExample> mb : micro) {
                                Batch batch = Batch.of(mb, padId);
                                stepTokens += batch.tokens();
                                Objective.Loss l = objective.loss(trainable.forStep(m), batch, m);
                                gc.backward(Scalars.div(l.value(), micro.size()));
                                loss += l.value().getFloat() / micro.size();
                                l.parts().forEach((k, v) -> parts.merge(k, v / micro.size(), Float::sum));
                            }
                        }
                        Map<String, NDArray> stepMasks = masks.at(step);
                        double gradNorm = clipGradients(params, stepMasks);
                        double lr = cfg.lrAt(step, total);
                        if (Double.isFinite(gradNorm)) {
                            opt.step(params, lr, stepMasks);
                            consecutiveSkips = 0;
                        } else if (++consecutiveSkips > MAX_CONSECUTIVE_SKIPS) {
                            throw new IllegalStateException("Gradients were not finite for " + consecutiveSkips
                                    + " steps in a row (last at step " + (step + 1) + ", "
                                    + nonFinite(params, loss, parts, gradNorm) + "); lower the learning rate");
                        } else {
                            skipped++; // a non-finite gradient never reaches the weights
                            parts.put("skipped", 1f);
                            System.err.printf("%nseat train: step %d skipped, gradient not finite (%s)%n", step + 1,
                                    nonFinite(params, loss, parts, gradNorm));
                        }
                        zeroGradients(params);
                        step++;
                        tokens += stepTokens;
                        double secs = (System.nanoTime() - stepStart) / 1e9;
                        log(step, epoch, loss, lr, gradNorm, stepTokens / secs, parts);
                        progress.step(step, total, epoch, loss, stepTokens / secs, (System.nanoTime() - t0) / 1e9,
                                step - startStep);
                    }
                    if (Double.isNaN(first)) {
                        first = loss;
                    }
                    if (Double.isFinite(loss)) {
                        last = loss;
                    }
                    if (stateDir != null && cfg.saveEvery() > 0 && step % cfg.saveEvery() == 0 && step < total) {
                        save(params, opt, step);
                    }
                }
            }
            optimizerBytes = opt.stateBytes();
        } finally {
            params.values().forEach(p -> p.setRequiresGradient(false));
            opt.close();
        }
        progress.done();
        return new Result(step, first, last, (System.nanoTime() - t0) / 1e9, tokens, skipped, optimizerBytes);
    }

    /** Tensors the optimizer updates (masks restrict what actually moves). */
    private Map<String, NDArray> trainable() {
        return new LinkedHashMap<>(trainable.trainable());
    }

    /**
     * Scales gradients so the global L2 norm of their trainable coordinates, ‖M ⊙ ∇L‖ (the
     * quantity the paper bounds), is at most {@code clipNorm}; returns that norm before scaling.
     * Frozen coordinates neither count nor matter: the optimizer never applies their gradient.
     *
     * @param masks name → boolean mask (true = trainable); a tensor without one is wholly trainable
     */
    private double clipGradients(Map<String, NDArray> params, Map<String, NDArray> masks) {
        double sq = 0;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (var e : params.entrySet()) {
                NDArray g = e.getValue().getGradient();
                NDArray mask = masks.get(e.getKey());
                NDArray trainableGradient = mask == null ? g : NDArrays.where(mask, g, g.zerosLike());
                sq += trainableGradient.square().sum().getFloat();
            }
            double norm = Math.sqrt(sq);
            if (cfg.clipNorm() > 0 && norm > cfg.clipNorm()) {
                float scale = (float) (cfg.clipNorm() / (norm + 1e-6));
                for (NDArray p : params.values()) {
                    p.getGradient().muli(scale);
                }
            }
            return norm;
        }
    }

    /**
     * What was not finite in a step: the loss and its parts, the gradient norm, the tensors whose
     * gradient or weight has a NaN or ±inf (none when only the float32 sums of squares overflowed).
     */
    private static String nonFinite(Map<String, NDArray> params, double loss, Map<String, Float> parts, double gradNorm) {
        List<String> grads = new ArrayList<>();
        List<String> weights = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (var e : params.entrySet()) {
                if (!finite(e.getValue().getGradient())) {
                    grads.add(e.getKey());
                }
                if (!finite(e.getValue())) {
                    weights.add(e.getKey());
                }
            }
        }
        return String.format(Locale.ROOT, "loss %s %s; gradient norm %s; gradients not finite in %d of %d tensors %s;"
                + " weights not finite in %s", loss, parts, gradNorm, grads.size(), params.size(),
                grads.subList(0, Math.min(5, grads.size())), weights.isEmpty() ? "none" : weights);
    }

    private static boolean finite(NDArray a) {
        return !a.isNaN().any().getBoolean() && !a.isInfinite().any().getBoolean();
    }

    private static void zeroGradients(Map<String, NDArray> params) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (NDArray p : params.values()) {
                zeroGradient(p);
            }
        }
    }

    /**
     * Sets a parameter's gradient to zero in place. Filling, not multiplying by 0: a NaN gradient
     * times 0 stays NaN, and every later step would inherit it.
     */
    static void zeroGradient(NDArray param) {
        param.getGradient().set(new NDIndex("..."), 0f);
    }

    // ---- log and resumable state -------------------------------------------------------------

    public Path logFile() {
        return stateDir == null ? null : stateDir.resolve("train-log.jsonl");
    }

    private void deleteLog() {
        try {
            Files.deleteIfExists(logFile());
            AtomicFiles.deleteRecursively(stateDir.resolve("state"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void log(long step, int epoch, double loss, double lr, double gradNorm, double tokensPerSecond,
            Map<String, Float> parts) {
        if (stateDir == null) {
            return;
        }
        ObjectNode row = Json.object();
        row.put("step", step).put("epoch", epoch).put("loss", loss).put("lr", lr).put("grad_norm", gradNorm)
                .put("tokens_per_s", Math.round(tokensPerSecond));
        parts.forEach(row::put);
        try {
            Files.createDirectories(stateDir);
            Files.writeString(logFile(), Json.compact(row) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + logFile(), e);
        }
    }

    private void save(Map<String, NDArray> params, AdamW opt, long step) {
        AtomicFiles.writeFolder(stateDir.resolve("state"), dir -> {
            SafeTensorsWriter.write(dir.resolve("weights"), params, DType.F32, Long.MAX_VALUE);
            SafeTensorsWriter.write(dir.resolve("optimizer"), opt.state(), DType.F32, Long.MAX_VALUE);
            ObjectNode s = Json.object().put("step", step).put("optimizer_steps", opt.stepCount());
            s.set("config", Json.MAPPER.valueToTree(cfg));
            Json.write(dir.resolve("trainer_state.json"), s);
        });
        truncateLog(step);
    }

    /** Restores weights, moments and step from the state folder; returns the step to continue from. */
    private long restore(Map<String, NDArray> params, AdamW opt) {
        Path dir = stateDir == null ? null : stateDir.resolve("state");
        if (dir == null || !Files.isRegularFile(dir.resolve("trainer_state.json"))) {
            throw new IllegalStateException("Nothing to resume: no saved state in " + dir
                    + " (state is saved every --save-every steps)");
        }
        long step = Json.read(dir.resolve("trainer_state.json")).get("step").asLong();
        try (SafeTensorsFile w = SafeTensorsFile.open(dir.resolve("weights/model.safetensors"));
                SafeTensorsFile o = SafeTensorsFile.open(dir.resolve("optimizer/model.safetensors"))) {
            for (var e : params.entrySet()) {
                e.getValue().set(w.readFloats(e.getKey()));
            }
            Map<String, float[]> moments = new HashMap<>();
            for (String name : o.tensors().keySet()) {
                moments.put(name, o.readFloats(name));
            }
            opt.restore(moments, params, Json.read(dir.resolve("trainer_state.json")).get("optimizer_steps").asLong());
        }
        truncateLog(step);
        return step;
    }

    /** Drops log lines after {@code step}, so a resumed run's log has each step once. */
    private void truncateLog(long step) {
        Path log = logFile();
        if (log == null || !Files.exists(log)) {
            return;
        }
        try {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (!line.isBlank() && Json.MAPPER.readTree(line).get("step").asLong() <= step) {
                    kept.add(line);
                }
            }
            AtomicFiles.writeString(log, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
