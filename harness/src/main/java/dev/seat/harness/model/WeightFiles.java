package dev.seat.harness.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.nio.ByteBuffer;
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

    /** Bytes per parameter times parameters, checked against what is free on the device. */
    public void checkMemory(Path dir, ModelConfig config, int bytesPerParameter, MemoryBudget.Available device) {
        long parameters = 0;
        for (String name : config.expectedTensors().keySet()) {
            parameters += byTensor.get(name).tensors().get(name).numel();
        }
        MemoryBudget.check(dir, parameters, bytesPerParameter, device);
    }

    /**
     * Reads one tensor as float32 into {@code manager}, on its device. The values go from the file
     * straight into the tensor's native memory (through the small {@link #scratch} buffer), so
     * loading needs neither a Java array of the tensor's size nor direct-buffer memory: weights
     * of any total size load under a Java heap of a few MB. A GPU tensor is filled on the host
     * first, one tensor at a time.
     */
    public NDArray load(String name, NDManager manager) {
        return load(name, manager, MAX_CHUNK_BYTES);
    }

    /** Largest piece of a tensor filled at once (a Java buffer's capacity is an int). */
    static final long MAX_CHUNK_BYTES = 1L << 30;

    /** Size of the buffer the file is read through. */
    private static final int SCRATCH_BYTES = 8 << 20;

    private ByteBuffer scratch;

    /** {@link #load(String, NDManager)}, filling at most {@code maxChunkBytes} (whole rows) at a time. */
    NDArray load(String name, NDManager manager, long maxChunkBytes) {
        SafeTensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new CheckpointException("No tensor '" + name + "' in the checkpoint");
        }
        SafeTensorsFile.TensorInfo info = f.tensors().get(name);
        NDArray a;
        if (manager.getDevice().isGpu()) {
            try (NDManager host = NDManager.newBaseManager(Device.cpu(), manager.getEngine().getEngineName())) {
                a = fill(f, info, host, maxChunkBytes).toDevice(manager.getDevice(), false);
                a.attach(manager);
            }
        } else {
            a = fill(f, info, manager, maxChunkBytes);
        }
        a.setName(name);
        return a;
    }

    /** A new CPU float32 tensor of {@code info}'s shape holding its values, read in chunks of whole rows. */
    private NDArray fill(SafeTensorsFile f, SafeTensorsFile.TensorInfo info, NDManager manager, long maxChunkBytes) {
        NDArray a = manager.create(new Shape(info.shape()), DataType.FLOAT32);
        try {
            long numel = info.numel();
            long rows = info.shape().length == 0 ? 1 : info.shape()[0];
            long rowBytes = rows == 0 ? 0 : numel / rows * 4;
            if (rowBytes > Integer.MAX_VALUE) {
                throw new CheckpointException(f.file() + ": tensor '" + info.name() + "' " + info.shapeString()
                        + " has rows of " + rowBytes + " bytes as float32; at most " + Integer.MAX_VALUE + " can be read");
            }
            long rowsPerChunk = Math.max(1, maxChunkBytes / Math.max(1, rowBytes));
            SafeTensorsFile.NonFinite bad = SafeTensorsFile.NonFinite.NONE;
            for (long r = 0; numel > 0 && r < rows; r += rowsPerChunk) {
                long end = Math.min(rows, r + rowsPerChunk);
                boolean whole = r == 0 && end == rows;
                // a slice of the leading dimension is a view: writing its memory writes the tensor's
                NDArray part = whole ? a : a.get(new NDIndex("{}:{}", r, end));
                try {
                    bad = bad.plus(f.readFloat32(info.name(), r * (rowBytes / 4), part.toByteBuffer(true), scratch()));
                } finally {
                    if (!whole) {
                        part.close();
                    }
                }
            }
            if (bad.count() > 0) {
                throw new CheckpointException(f.file() + ": tensor '" + info.name() + "' " + info.shapeString() + " holds "
                        + bad.count() + " non-finite value" + (bad.count() == 1 ? "" : "s") + " (first: " + bad.firstValue()
                        + " at flat index " + bad.firstIndex() + "); weights must be finite numbers");
            }
            return a;
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    private ByteBuffer scratch() {
        if (scratch == null) {
            scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
        }
        return scratch;
    }

    @Override
    public void close() {
        files.forEach(SafeTensorsFile::close);
    }
}
