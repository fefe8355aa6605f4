package dev.seat.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        for (Path p : List.of(index, single)) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
                throw new CheckpointException(p + " is not a regular file (" + whatItIs(p) + ")");
            }
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

    private static String whatItIs(Path p) {
        if (Files.isDirectory(p)) {
            return "a folder";
        }
        if (Files.isSymbolicLink(p)) {
            try {
                Path target = Files.readSymbolicLink(p);
                return Files.exists(p) ? "a symbolic link to " + target + ", which is a device or other special file"
                        : "a symbolic link to " + target + ", which does not exist or is a link loop";
            } catch (java.io.IOException e) {
                return "an unreadable symbolic link";
            }
        }
        return "a device, pipe or other special file";
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
        checkLayerCount(config);
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

    /**
     * num_hidden_layers against the layers the weights hold, before the expected tensors are
     * listed: a wrong count (say 1000000) fails here with both numbers, not out of memory.
     */
    private void checkLayerCount(ModelConfig config) {
        java.util.TreeSet<Integer> layers = new java.util.TreeSet<>();
        for (String name : byTensor.keySet()) {
            if (name.startsWith("model.layers.")) {
                String rest = name.substring("model.layers.".length());
                int dot = rest.indexOf('.');
                try {
                    layers.add(Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot)));
                } catch (NumberFormatException e) {
                    // not a layer tensor; reported as unexpected by validate
                }
            }
        }
        if (layers.size() != config.numLayers()) {
            throw new CheckpointException("config.json num_hidden_layers is " + config.numLayers() + ", but the weights hold "
                    + layers.size() + " layer" + (layers.size() == 1 ? "" : "s")
                    + (layers.isEmpty() ? "" : " (model.layers." + layers.first() + " to model.layers." + layers.last() + ")"));
        }
    }

    /** Bytes per parameter times parameters, and the largest tensor, checked against what is free. */
    public void checkMemory(Path dir, ModelConfig config, int bytesPerParameter, MemoryBudget.Available device) {
        String largest = null;
        long largestNumel = -1;
        long parameters = 0;
        for (String name : config.expectedTensors().keySet()) {
            long n = byTensor.get(name).tensors().get(name).numel();
            parameters += n;
            if (n > largestNumel) {
                largestNumel = n;
                largest = name;
            }
        }
        MemoryBudget.check(dir, parameters, bytesPerParameter, largest, largestNumel, device, MemoryBudget.heap());
    }

    /** Reads one tensor as float32 into {@code manager}. */
    public NDArray load(String name, NDManager manager) {
        SafeTensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new CheckpointException("No tensor '" + name + "' in the checkpoint");
        }
        SafeTensorsFile.TensorInfo info = f.tensors().get(name);
        float[] values = f.readFloats(name);
        requireFinite(f, info, values);
        NDArray a = manager.create(values, new Shape(info.shape()));
        a.setName(name);
        return a;
    }

    /** One pass over the values just read: a NaN or infinite weight is refused, with the tensor named. */
    private static void requireFinite(SafeTensorsFile f, SafeTensorsFile.TensorInfo info, float[] values) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            throw new CheckpointException(f.file() + ": tensor '" + info.name() + "' " + info.shapeString() + " holds "
                    + bad + " non-finite value" + (bad == 1 ? "" : "s") + " (first: " + values[first]
                    + " at flat index " + first + "); weights must be finite numbers");
        }
    }

    @Override
    public void close() {
        files.forEach(SafeTensorsFile::close);
    }
}
