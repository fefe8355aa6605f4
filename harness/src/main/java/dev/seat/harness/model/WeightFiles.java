package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors weights of a checkpoint folder: {@code model.safetensors}, or shards listed in
 * {@code model.safetensors.index.json}. Checked against the config before anything is loaded:
 * missing, extra and mis-shaped tensors are reported together with file and tensor names.
 */
public final class WeightFiles implements AutoCloseable {
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";

    private final Map<String, SafeTensorsFile> byTensor;
    private final List<SafeTensorsFile> files;

    private WeightFiles(Map<String, SafeTensorsFile> byTensor, List<SafeTensorsFile> files) {
        this.byTensor = byTensor;
        this.files = files;
    }

    /** Opens the weights of {@code dir} and validates every header. */
    public static WeightFiles open(Path dir) {
        Path single = dir.resolve(SINGLE);
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            return openSharded(dir, index);
        }
        if (Files.isRegularFile(single)) {
            SafeTensorsFile f = SafeTensorsFile.open(single);
            Map<String, SafeTensorsFile> by = new LinkedHashMap<>();
            f.tensors().keySet().forEach(n -> by.put(n, f));
            return new WeightFiles(by, List.of(f));
        }
        if (Files.exists(dir.resolve("pytorch_model.bin")) || Files.exists(dir.resolve("pytorch_model.bin.index.json"))) {
            throw new CheckpointException(dir + ": only pickle weights (pytorch_model.bin) found. seat refuses pickle files "
                    + "because loading them can execute code. Convert once with transformers: "
                    + "AutoModelForCausalLM.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)");
        }
        throw new CheckpointException(dir + ": no weights found; expected " + SINGLE + " or " + INDEX);
    }

    private static WeightFiles openSharded(Path dir, Path index) {
        JsonNode map = Json.read(index).get("weight_map");
        if (map == null || !map.isObject()) {
            throw new CheckpointException(index + ": missing object 'weight_map' (tensor name -> shard file)");
        }
        Map<String, SafeTensorsFile> shards = new TreeMap<>();
        Map<String, SafeTensorsFile> by = new LinkedHashMap<>();
        List<SafeTensorsFile> opened = new ArrayList<>();
        try {
            for (var it = map.fields(); it.hasNext(); ) {
                var e = it.next();
                String shardName = e.getValue().asText();
                SafeTensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    Path p = dir.resolve(shardName);
                    if (!Files.isRegularFile(p)) {
                        throw new CheckpointException(index + ": tensor '" + e.getKey() + "' is in shard '" + shardName
                                + "', but " + p + " does not exist");
                    }
                    shard = SafeTensorsFile.open(p);
                    shards.put(shardName, shard);
                    opened.add(shard);
                }
                if (!shard.tensors().containsKey(e.getKey())) {
                    throw new CheckpointException(shard.file() + ": tensor '" + e.getKey()
                            + "' is listed for this shard in " + index.getFileName() + " but the shard does not hold it");
                }
                by.put(e.getKey(), shard);
            }
        } catch (RuntimeException e) {
            opened.forEach(SafeTensorsFile::close);
            throw e;
        }
        return new WeightFiles(by, opened);
    }

    /** Tensor names and their header entries. */
    public Map<String, SafeTensorsFile.TensorInfo> infos() {
        Map<String, SafeTensorsFile.TensorInfo> out = new LinkedHashMap<>();
        byTensor.forEach((n, f) -> out.put(n, f.tensors().get(n)));
        return out;
    }

    /**
     * Checks names and shapes against {@code config}: every expected tensor present with the
     * expected shape, nothing unexpected (a tied checkpoint may still carry {@code lm_head.weight};
     * legacy {@code rotary_emb.inv_freq} buffers are ignored).
     */
    public void validate(ModelConfig config) {
        Map<String, long[]> expected = config.expectedTensors();
        List<String> problems = new ArrayList<>();
        for (var e : expected.entrySet()) {
            SafeTensorsFile f = byTensor.get(e.getKey());
            if (f == null) {
                problems.add("missing tensor '" + e.getKey() + "' (expected shape " + Arrays.toString(e.getValue()) + ")");
                continue;
            }
            long[] found = f.tensors().get(e.getKey()).shape();
            if (!Arrays.equals(found, e.getValue())) {
                problems.add(f.file().getFileName() + ": tensor '" + e.getKey() + "' has shape " + Arrays.toString(found)
                        + " but config.json implies " + Arrays.toString(e.getValue()));
            }
        }
        for (String name : byTensor.keySet()) {
            boolean ignorable = name.endsWith("rotary_emb.inv_freq")
                    || (config.tieWordEmbeddings() && name.equals("lm_head.weight"));
            if (!expected.containsKey(name) && !ignorable) {
                problems.add(byTensor.get(name).file().getFileName() + ": unexpected tensor '" + name
                        + "' (not part of a " + config.modelType() + " model with this config)");
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException("Weights do not match config.json (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems));
        }
    }

    /** Reads one tensor as float32 into {@code manager}. */
    public NDArray load(String name, NDManager manager) {
        SafeTensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new CheckpointException("No tensor '" + name + "' in the checkpoint");
        }
        SafeTensorsFile.TensorInfo info = f.tensors().get(name);
        NDArray a = manager.create(f.readFloats(name), new Shape(info.shape()));
        a.setName(name);
        return a;
    }

    @Override
    public void close() {
        files.forEach(SafeTensorsFile::close);
    }
}
