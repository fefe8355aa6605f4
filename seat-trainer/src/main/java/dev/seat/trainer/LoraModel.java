package dev.seat.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.model.DType;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.model.SafeTensorsWriter;
import dev.seat.harness.model.Scalars;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * LoRA adapters on a frozen model: each target weight W [out, in] gets A [r, in] and B [out, r],
 * and the model runs with {@code W' = W + (alpha/r) · B·A}. As PEFT initialises them, A is drawn
 * from U(−1/√in, 1/√in) (kaiming-uniform with a = √5) and B is zero, so training starts from the
 * base model exactly. Dropout (rate p) zeroes input features of A for the whole step and rescales
 * by 1/(1−p): since W' is formed once per step, it is shared by the batch's tokens rather than drawn
 * per token as PEFT does. Each forward pass draws its dropout from the seed and the pass's number,
 * so a resumed run drops the same features as an uninterrupted one.
 *
 * <p>{@link #merge()} folds the adapters into the base weights (what the saved HF checkpoint
 * holds); {@link #writeAdapter} saves a PEFT-style adapter folder.
 */
public final class LoraModel implements TrainableModel, AutoCloseable {
    private final DecoderLM base;
    private final NDManager manager;
    private final Map<String, NDArray> a = new LinkedHashMap<>();
    private final Map<String, NDArray> b = new LinkedHashMap<>();
    private final int rank;
    private final double alpha;
    private final double dropout;
    private final List<String> targetModules;
    private final long dropoutSeed;

    /**
     * @param targetModules module names whose {@code .weight} gets an adapter, e.g. q_proj, v_proj
     */
    public LoraModel(DecoderLM base, int rank, double alpha, double dropout, List<String> targetModules, long seed) {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
        }
        this.base = base;
        this.manager = base.manager().newSubManager();
        this.rank = rank;
        this.alpha = alpha;
        this.dropout = dropout;
        this.targetModules = List.copyOf(targetModules);
        this.dropoutSeed = seed ^ 0x5DEECE66DL;
        Random init = new Random(seed);
        for (var e : base.parameters().entrySet()) {
            if (!isTarget(e.getKey())) {
                continue;
            }
            Shape s = e.getValue().getShape();
            int out = (int) s.get(0);
            int in = (int) s.get(1);
            float bound = (float) (1 / Math.sqrt(in));
            float[] av = new float[rank * in];
            for (int i = 0; i < av.length; i++) {
                av[i] = (init.nextFloat() * 2 - 1) * bound;
            }
            NDArray ai = manager.create(av, new Shape(rank, in));
            NDArray bi = manager.zeros(new Shape(out, rank));
            ai.setName(adapterName(e.getKey(), "A"));
            bi.setName(adapterName(e.getKey(), "B"));
            a.put(e.getKey(), ai);
            b.put(e.getKey(), bi);
        }
        if (a.isEmpty()) {
            manager.close();
            throw new IllegalArgumentException("No weight matches the LoRA target modules " + targetModules);
        }
    }

    private boolean isTarget(String name) {
        return name.endsWith(".weight") && targetModules.stream().anyMatch(t -> name.endsWith("." + t + ".weight"));
    }

    private static String adapterName(String weight, String which) {
        return weight.substring(0, weight.length() - ".weight".length()) + ".lora_" + which + ".weight";
    }

    public double scale() {
        return alpha / rank;
    }

    /** The adapter tensors (lora_A and lora_B of every target), by PEFT-style module name. */
    @Override
    public Map<String, NDArray> trainable() {
        Map<String, NDArray> t = new LinkedHashMap<>();
        a.forEach((k, v) -> t.put(v.getName(), v));
        b.forEach((k, v) -> t.put(v.getName(), v));
        return t;
    }

    /** Number of adapter coordinates. */
    public long adapterParameters() {
        return trainable().values().stream().mapToLong(NDArray::size).sum();
    }

    /** A view of the base model whose target weights are W + scale·B·A, built in {@code step}. */
    @Override
    public DecoderLM forStep(NDManager step, long pass) {
        Map<String, NDArray> params = new LinkedHashMap<>(base.parameters());
        SplittableRandom dropoutRng = dropoutStream(pass);
        for (var e : a.entrySet()) {
            NDArray ai = e.getValue();
            if (dropout > 0) {
                float[] keep = new float[(int) ai.getShape().get(1)];
                for (int i = 0; i < keep.length; i++) {
                    keep[i] = dropoutRng.nextDouble() < dropout ? 0f : (float) (1 / (1 - dropout));
                }
                ai = ai.mul(step.create(keep, new Shape(1, keep.length)));
                ai.attach(step);
            }
            NDArray delta = b.get(e.getKey()).matMul(ai);                         // [out, in]
            delta.attach(step);                                                   // first operand is the adapter's
            NDArray w = Scalars.mul(delta, (float) scale()).add(params.get(e.getKey()));
            params.put(e.getKey(), w);
        }
        return new DecoderLM(base.config(), step, params, DataType.FLOAT32);
    }

    /**
     * The dropout draws of forward pass {@code pass}. Its seed is a hash of the run's seed and the
     * pass (the first output of a stream seeded with their sum), so the streams of consecutive
     * passes are unrelated rather than the same stream shifted by one draw.
     */
    SplittableRandom dropoutStream(long pass) {
        return new SplittableRandom(new SplittableRandom(dropoutSeed + pass).nextLong());
    }

    /** Folds the adapters into the base weights in place: W ← W + scale·B·A. */
    public void merge() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (var e : a.entrySet()) {
                NDArray w = base.parameters().get(e.getKey());
                w.addi(b.get(e.getKey()).matMul(e.getValue()).mul((float) scale()).toType(w.getDataType(), false));
            }
        }
    }

    /**
     * Writes a PEFT-style adapter folder: {@code adapter_config.json} and
     * {@code adapter_model.safetensors} with {@code base_model.model.<module>.lora_A/B.weight}.
     */
    public void writeAdapter(Path dir, String baseModel) {
        AtomicFiles.writeFolder(dir, tmp -> {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            trainable().forEach((k, v) -> tensors.put("base_model.model." + k, v));
            Path st = tmp.resolve("st");
            SafeTensorsWriter.write(st, tensors, DType.F32, Long.MAX_VALUE);
            Files.move(st.resolve("model.safetensors"), tmp.resolve("adapter_model.safetensors"));
            Files.delete(st);
            ObjectNode c = Json.object();
            c.put("peft_type", "LORA");
            c.put("task_type", "CAUSAL_LM");
            c.put("base_model_name_or_path", baseModel);
            c.put("r", rank);
            c.put("lora_alpha", alpha);
            c.put("lora_dropout", dropout);
            c.set("target_modules", Json.MAPPER.valueToTree(targetModules));
            c.put("bias", "none");
            c.put("fan_in_fan_out", false);
            c.put("inference_mode", true);
            Json.write(tmp.resolve("adapter_config.json"), c);
        });
    }

    @Override
    public void close() {
        manager.close();
    }
}
