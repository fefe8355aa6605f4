package dev.seat.trainer;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.DType;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.model.SafeTensorsFile;
import dev.seat.harness.model.SafeTensorsWriter;
import dev.seat.harness.model.Scalars;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Digests;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.JsonDiff;
import dev.seat.harness.results.LossCurve;
import dev.seat.trainer.mask.UpdateMasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final ObjectNode declaredIdentity = Json.object();
    /** The run's steps so far: kept in memory, filled from the log on resume. */
    private final List<LossCurve.Point> steps = new ArrayList<>();

    /**
     * Outcome of a run. A resumed run counts from the start of the run, not from its resume point:
     * {@code firstLoss}, {@code tokens}, {@code skippedSteps} and {@code seconds} include what
     * the saved state recorded up to that point.
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
        ObjectNode identity = identity(data);
        steps.clear();
        SavedProgress saved = resume ? restore(params, opt, identity) : SavedProgress.NONE;
        if (!resume && stateDir != null) {
            deleteLog();
        }
        params.values().forEach(p -> p.setRequiresGradient(true));
        // libtorch's grad mode is per thread and on by default in a new one (a Spark task's, a test
        // runner's) unless DJL was started there; the optimizer updates weights in place, which
        // libtorch refuses while it records, and each GradientCollector restores the mode it found.
        JniUtils.setGradMode(false);
        long startStep = saved.step();
        long step = 0;
        double first = saved.firstLoss();
        double last = Double.NaN;
        long tokens = saved.tokens();
        long optimizerBytes = 0;
        long skipped = saved.skippedSteps();
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
                            for (int i = 0; i < micro.size(); i++) {
                                Batch batch = Batch.of(micro.get(i), padId);
                                stepTokens += batch.tokens();
                                long pass = step * cfg.gradAccumulation() + i;
                                Objective.Loss l = objective.loss(trainable.forStep(m, pass), batch, m);
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
                        steps.add(point(step, epoch, loss, parts));
                        progress.step(step, total, epoch, loss, stepTokens / secs, (System.nanoTime() - t0) / 1e9,
                                step - startStep);
                    } catch (RuntimeException | OutOfMemoryError e) { // the step's arrays are freed by now
                        if (!StepOutOfMemoryException.isOutOfMemory(e)) {
                            throw e;
                        }
                        throw StepOutOfMemoryException.of(e, step + 1, total, cfg);
                    }
                    if (Double.isNaN(first)) {
                        first = loss;
                    }
                    if (Double.isFinite(loss)) {
                        last = loss;
                    }
                    if (stateDir != null && cfg.saveEvery() > 0 && step % cfg.saveEvery() == 0 && step < total) {
                        double seconds = saved.seconds() + (System.nanoTime() - t0) / 1e9;
                        save(params, opt, identity, new SavedProgress(step, first, tokens, skipped, seconds));
                    }
                }
            }
            optimizerBytes = opt.stateBytes();
        } finally {
            params.values().forEach(p -> p.setRequiresGradient(false));
            opt.close();
        }
        progress.done();
        return new Result(step, first, last, saved.seconds() + (System.nanoTime() - t0) / 1e9, tokens, skipped,
                optimizerBytes);
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
        for (var e : params.entrySet()) {
            // one tensor's temporaries at a time: kept for every tensor, they cost more than the gradients
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray g = e.getValue().getGradient().toType(ai.djl.ndarray.types.DataType.FLOAT32, false); // fp16: no overflow
                NDArray mask = masks.get(e.getKey());
                NDArray trainableGradient = mask == null ? g : NDArrays.where(mask, g, g.zerosLike());
                sq += trainableGradient.square().sum().getFloat();
            }
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
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
    public static void zeroGradient(NDArray param) {
        param.getGradient().set(new NDIndex("..."), 0f);
    }

    /**
     * The loss of every step of the last {@link #train} call (of the whole run when it resumed:
     * the steps before the resume point come from the log), downsampled beyond
     * {@link LossCurve#MAX_POINTS} steps.
     */
    public LossCurve lossCurve() {
        return LossCurve.of(steps);
    }

    /** A step's point of the loss curve; the {@code skipped} flag is not a part of the loss. */
    private static LossCurve.Point point(long step, int epoch, double loss, Map<String, ? extends Number> parts) {
        Map<String, Double> p = new LinkedHashMap<>();
        parts.forEach((k, v) -> {
            if (!k.equals("skipped")) {
                p.put(k, v.doubleValue());
            }
        });
        return new LossCurve.Point(step, epoch, loss, p);
    }

    /** A log row's point: the row's step, epoch, loss, and its parts (the fields {@link #log} adds beyond its own). */
    private static LossCurve.Point point(JsonNode row) {
        Map<String, Double> parts = new LinkedHashMap<>();
        row.fields().forEachRemaining(e -> {
            if (!LOG_FIELDS.contains(e.getKey()) && e.getValue().isNumber()) {
                parts.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return point(row.get("step").asLong(), row.path("epoch").asInt(), row.path("loss").asDouble(Double.NaN), parts);
    }

    /** The fields every log row has; the others are the loss's parts. */
    private static final List<String> LOG_FIELDS = List.of("step", "epoch", "loss", "lr", "grad_norm", "tokens_per_s");

    // ---- log and resumable state -------------------------------------------------------------

    public Path logFile() {
        return stateDir == null ? null : stateDir.resolve("train-log.jsonl");
    }

    private void deleteLog() {
        try {
            Files.deleteIfExists(logFile());
            for (String name : List.of("state", "state.tmp", "state.old")) {
                AtomicFiles.deleteRecursively(stateDir.resolve(name));
            }
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

    /**
     * What a resumed run needs besides weights and moments: the step and the run's counters up to it.
     *
     * @param firstLoss the loss of the run's first step (NaN before it)
     * @param seconds training time up to {@code step}, across earlier resumes
     */
    record SavedProgress(long step, double firstLoss, long tokens, long skippedSteps, double seconds) {
        static final SavedProgress NONE = new SavedProgress(0, Double.NaN, 0, 0, 0);
    }

    /**
     * Adds a setting that decides this run's result beyond its {@link TrainConfig} and data (the
     * method's configuration, the base checkpoint's fingerprint): {@code --resume} refuses a saved
     * state whose value differs.
     */
    public Trainer identifiedBy(String key, JsonNode value) {
        declaredIdentity.set(key, value);
        return this;
    }

    /**
     * Everything a resumed run must share with the saved one: the optimizer settings (not
     * {@code saveEvery}, which changes no result), the data's token ids, and what
     * {@link #identifiedBy} added.
     */
    private ObjectNode identity(List<TokenizedExample> data) {
        ObjectNode id = Json.object();
        ObjectNode tc = Json.MAPPER.valueToTree(cfg);
        tc.remove("saveEvery");
        id.set("train_config", tc);
        id.put("examples", data.size());
        StringBuilder tokens = new StringBuilder();
        for (TokenizedExample e : data) {
            tokens.append(e.promptLength()).append(':').append(Arrays.toString(e.ids())).append('\n');
        }
        id.put("data_sha256", Digests.sha256(tokens.toString()));
        id.setAll(declaredIdentity);
        return id;
    }

    private void save(Map<String, NDArray> params, AdamW opt, ObjectNode identity, SavedProgress progress) {
        AtomicFiles.writeFolder(stateDir.resolve("state"), dir -> {
            SafeTensorsWriter.write(dir.resolve("weights"), params, DType.F32, Long.MAX_VALUE);
            SafeTensorsWriter.write(dir.resolve("optimizer"), opt.state(), DType.F32, Long.MAX_VALUE);
            ObjectNode s = Json.object().put("step", progress.step()).put("optimizer_steps", opt.stepCount());
            s.put("first_loss", progress.firstLoss()).put("tokens", progress.tokens())
                    .put("skipped_steps", progress.skippedSteps()).put("seconds", progress.seconds());
            s.set("config", identity);
            Json.write(dir.resolve("trainer_state.json"), s);
        });
        truncateLog(progress.step());
    }

    /**
     * Restores weights, moments and the run's counters from the state folder (recovering it when a
     * crash fell between the renames of a save); refuses a state saved under another configuration.
     */
    private SavedProgress restore(Map<String, NDArray> params, AdamW opt, ObjectNode identity) {
        Path dir = stateDir == null ? null : stateDir.resolve("state");
        if (dir != null) {
            AtomicFiles.recoverFolder(dir).ifPresent(from -> System.err.printf(
                    "seat train: recovered the saved state from %s (a save was interrupted)%n", from));
        }
        if (dir == null || !Files.isRegularFile(dir.resolve("trainer_state.json"))) {
            throw new IllegalStateException("Nothing to resume: no saved state in " + dir
                    + " (state is saved every --save-every steps)");
        }
        JsonNode state = Json.read(dir.resolve("trainer_state.json"));
        List<String> differences = JsonDiff.differences(state.path("config"), identity);
        if (!differences.isEmpty()) {
            throw new IllegalStateException("Cannot resume from " + dir + ": it was saved with another configuration ("
                    + String.join("; ", differences) + "). Rerun with the saved settings, or start over without --resume");
        }
        long step = state.get("step").asLong();
        try (SafeTensorsFile w = SafeTensorsFile.open(dir.resolve("weights/model.safetensors"));
                SafeTensorsFile o = SafeTensorsFile.open(dir.resolve("optimizer/model.safetensors"))) {
            for (var e : params.entrySet()) {
                e.getValue().set(w.readFloats(e.getKey()));
            }
            Map<String, float[]> moments = new HashMap<>();
            for (String name : o.tensors().keySet()) {
                moments.put(name, o.readFloats(name));
            }
            opt.restore(moments, params, state.get("optimizer_steps").asLong());
        }
        truncateLog(step).forEach(row -> steps.add(point(row)));
        return new SavedProgress(step, state.path("first_loss").asDouble(Double.NaN), state.path("tokens").asLong(),
                state.path("skipped_steps").asLong(), state.path("seconds").asDouble());
    }

    /**
     * Drops log lines after {@code step}, so a resumed run's log has each step once, and returns
     * the rows kept. A torn last line (a crash in the middle of appending it) is dropped with a
     * message; an unreadable line before the last is an error naming it.
     */
    private List<JsonNode> truncateLog(long step) {
        Path log = logFile();
        if (log == null || !Files.exists(log)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> kept = new ArrayList<>();
            List<JsonNode> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row;
                try {
                    row = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    row = null;
                }
                if (row == null || !row.path("step").canConvertToLong()) {
                    if (i == lines.size() - 1) {
                        System.err.printf("seat train: dropped the torn last line %d of %s (%d characters, no complete"
                                + " step record)%n", i + 1, log, line.length());
                        continue;
                    }
                    throw new IllegalStateException("Line " + (i + 1) + " of " + log + " is not a step record"
                            + " (expected a JSON object with a \"step\"): " + abbreviate(line));
                }
                if (row.get("step").asLong() <= step) {
                    kept.add(line);
                    rows.add(row);
                }
            }
            AtomicFiles.writeString(log, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + log + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
