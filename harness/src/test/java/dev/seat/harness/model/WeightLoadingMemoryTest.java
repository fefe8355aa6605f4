package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights go from the safetensors files straight into native memory: a tensor is filled in
 * pieces of whole rows (the result equals the file's values), and a sharded bf16 checkpoint whose
 * float32 weights are larger than the Java heap still loads.
 */
class WeightLoadingMemoryTest {
    @TempDir
    Path tmp;

    /** The embedded checkpoint's weights as sharded bf16 files (its config alongside). */
    private Path bf16Copy() throws IOException {
        Path dir = tmp.resolve("bf16");
        try (Checkpoint cp = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            CheckpointWriter.write(dir, cp.config(), cp.model().parameters(), DType.BF16, 1 << 20, null, Map.of());
        }
        assertThat(dir.resolve(WeightFiles.INDEX)).exists();
        return dir;
    }

    @Test
    void aTensorFilledRowsAtATimeEqualsTheFilesValues() throws IOException {
        Path dir = bf16Copy();
        try (WeightFiles weights = WeightFiles.open(dir); NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (var e : weights.infos().entrySet()) {
                SafeTensorsFile.TensorInfo info = e.getValue();
                long rowBytes = info.numel() / info.shape()[0] * 4;
                NDArray pieces = weights.load(e.getKey(), m, 3 * rowBytes); // three rows per piece
                NDArray whole = weights.load(e.getKey(), m);
                float[] fromFile = readFloats(dir, weights, e.getKey());
                assertThat(pieces.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(pieces.getShape().getShape()).isEqualTo(info.shape());
                assertThat(pieces.toFloatArray()).as(e.getKey()).isEqualTo(fromFile);
                assertThat(whole.toFloatArray()).as(e.getKey()).isEqualTo(fromFile);
            }
        }
    }

    @Test
    void aNonFiniteWeightInALaterPieceIsNamedWithItsFlatIndex() throws IOException {
        Path dir = bf16Copy();
        String name = "model.layers.1.mlp.down_proj.weight";
        long index;
        try (WeightFiles weights = WeightFiles.open(dir)) {
            SafeTensorsFile.TensorInfo info = weights.infos().get(name);
            long rowElements = info.numel() / info.shape()[0];
            index = 7 * rowElements + 5; // row 7: the third piece of three rows
            String shard = Json.read(dir.resolve(WeightFiles.INDEX)).get("weight_map").get(name).asText();
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve(shard).toFile(), "rw")) {
                f.seek(info.begin() + index * 2);
                f.write(new byte[] {(byte) 0xC0, (byte) 0x7F}); // bf16 NaN, little-endian
            }
        }
        try (WeightFiles weights = WeightFiles.open(dir); NDManager m = NDManager.newBaseManager("PyTorch")) {
            long rowBytes = weights.infos().get(name).numel() / weights.infos().get(name).shape()[0] * 4;
            assertThatThrownBy(() -> weights.load(name, m, 3 * rowBytes))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("tensor '" + name + "'")
                    .hasMessageContaining("holds 1 non-finite value (first: NaN at flat index " + index + ")");
        }
    }

    /**
     * A llama of 8 layers (118 MB of float32 weights, largest tensor 16.8 MB) written as bf16
     * shards loads in a JVM of {@code -Xmx64m}. Before weights were read into native memory,
     * each tensor passed through a Java float[] and then lived in a direct buffer, which the
     * JVM caps at -Xmx: the load failed with "Direct buffer memory".
     */
    @Test
    void aShardedBf16CheckpointLoadsUnderAJavaHeapSmallerThanItsWeights() throws Exception {
        ObjectNode c = (ObjectNode) Json.read(RepoPaths.defaultCheckpoint().resolve("config.json"));
        c.put("hidden_size", 512).put("intermediate_size", 1408).put("num_hidden_layers", 8)
                .put("num_attention_heads", 8).put("num_key_value_heads", 8).put("head_dim", 64).put("vocab_size", 8192);
        ModelConfig config = ModelConfig.parse(tmp.resolve("config.json"), c);
        Path dir = tmp.resolve("big");
        long largest = 0;
        long total = 0;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (var e : config.expectedTensors().entrySet()) {
                NDArray a = m.randomNormal(0f, 0.02f, new ai.djl.ndarray.types.Shape(e.getValue()), DataType.FLOAT32);
                params.put(e.getKey(), a);
                largest = Math.max(largest, a.size() * 4);
                total += a.size() * 4;
            }
            CheckpointWriter.write(dir, config, params, DType.BF16, 20L << 20, null, Map.of());
        }
        long heap = 64L << 20;
        assertThat(largest).as("one tensor fits the heap").isLessThan(heap / 2);
        assertThat(total).as("all of them do not").isGreaterThan(heap + (heap / 2));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LoadWeights.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("loaded " + (total / 4) + " parameters");
    }

    private static float[] readFloats(Path dir, WeightFiles weights, String name) {
        SafeTensorsFile.TensorInfo info = weights.infos().get(name);
        String shard = Json.read(dir.resolve(WeightFiles.INDEX)).get("weight_map").get(name).asText();
        try (SafeTensorsFile f = SafeTensorsFile.open(dir.resolve(shard))) {
            float[] values = f.readFloats(name);
            assertThat((long) values.length).isEqualTo(info.numel());
            return values;
        }
    }
}
