package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of damaged checkpoint gets one clear message naming the file, the tensor and what was
 * expected — never a JVM crash, an OutOfMemoryError or a hang. Built from the llama-tiny reference.
 */
class BadCheckpointTest {
    @TempDir
    Path dir;

    ObjectNode header;
    byte[] data;

    @BeforeEach
    void copyReference() throws IOException {
        Path ref = ReferenceCheckpoints.dir("llama-tiny");
        Files.copy(ref.resolve("config.json"), dir.resolve("config.json"));
        byte[] file = Files.readAllBytes(ref.resolve("model.safetensors"));
        long len = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        header = (ObjectNode) Json.MAPPER.readTree(Arrays.copyOfRange(file, 8, 8 + (int) len));
        data = Arrays.copyOfRange(file, 8 + (int) len, file.length);
    }

    /** Writes header + data as model.safetensors (the header length prefix is computed). */
    void write(ObjectNode h, byte[] d) throws IOException {
        byte[] json = Json.compact(h).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + d.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json).put(d);
        Files.write(dir.resolve("model.safetensors"), buf.array());
    }

    /** Writes the header padded with spaces to a multiple of 8 (as transformers does), with the length prefix off by {@code delta}. */
    void writePadded(ObjectNode h, byte[] d, int delta) throws IOException {
        byte[] json = Json.compact(h).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 8) / 8 * 8; // at least one space
        ByteBuffer buf = ByteBuffer.allocate(8 + padded + d.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded + delta).put(json);
        for (int i = json.length; i < padded; i++) {
            buf.put((byte) ' ');
        }
        buf.put(d);
        Files.write(dir.resolve("model.safetensors"), buf.array());
    }

    /** Removes the tensor's entry and its bytes, moving the later tensors down, so the file stays well-formed. */
    byte[] withoutTensor(String name) {
        long begin = entry(name).get("data_offsets").get(0).asLong();
        long end = entry(name).get("data_offsets").get(1).asLong();
        header.remove(name);
        header.fields().forEachRemaining(e -> {
            if (e.getValue().has("data_offsets") && e.getValue().get("data_offsets").get(0).asLong() >= end) {
                long b = e.getValue().get("data_offsets").get(0).asLong();
                long f = e.getValue().get("data_offsets").get(1).asLong();
                ((ObjectNode) e.getValue()).putArray("data_offsets").add(b - (end - begin)).add(f - (end - begin));
            }
        });
        byte[] out = new byte[data.length - (int) (end - begin)];
        System.arraycopy(data, 0, out, 0, (int) begin);
        System.arraycopy(data, (int) end, out, (int) begin, data.length - (int) end);
        return out;
    }

    String loadError() {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> Checkpoint.load(dir).close())
                .isInstanceOf(CheckpointException.class)
                .satisfies(t -> caught[0] = t);
        return caught[0].getMessage();
    }

    ObjectNode entry(String tensor) {
        return (ObjectNode) header.get(tensor);
    }

    @Test
    void theUntouchedCopyLoads() throws IOException {
        write(header, data);
        try (Checkpoint cp = Checkpoint.load(dir)) {
            assertThat(cp.config().numLayers()).isEqualTo(2);
        }
    }

    @Test
    void truncatedData() throws IOException {
        write(header, Arrays.copyOf(data, data.length - 1000));
        assertThat(loadError()).contains("model.safetensors").contains("lm_head.weight")
                .contains("out of range").contains("truncated");
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3});
        assertThat(loadError()).contains("model.safetensors").contains("truncated").contains("3 bytes");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        byte[] json = Json.compact(header).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + 100).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json, 0, 100);
        Files.write(dir.resolve("model.safetensors"), buf.array());
        assertThat(loadError()).contains("header length " + json.length).contains("beyond the file size 108");
    }

    @Test
    void paddedHeaderLoadsWithTheExactLength() throws IOException {
        writePadded(header, data, 0);
        try (Checkpoint cp = Checkpoint.load(dir)) {
            assertThat(cp.config().numLayers()).isEqualTo(2);
        }
    }

    @Test
    void headerLengthAFewBytesShortIsRefused() throws IOException {
        for (int k = 1; k <= 4; k++) {
            writePadded(header, data, -k);
            assertThat(loadError()).as("length -" + k).contains("model.safetensors")
                    .contains("the data section holds " + (data.length + k) + " bytes")
                    .contains("cover " + data.length).contains("header length");
        }
    }

    @Test
    void headerLengthAFewBytesLongIsRefused() throws IOException {
        for (int k = 1; k <= 4; k++) {
            writePadded(header, data, k);
            assertThat(loadError()).as("length +" + k).contains("model.safetensors").contains("JSON object");
        }
    }

    @Test
    void textAfterTheHeaderObjectIsRefused() throws IOException {
        byte[] json = (Json.compact(header) + "{}  ").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json).put(data);
        Files.write(dir.resolve("model.safetensors"), buf.array());
        assertThat(loadError()).contains("model.safetensors").contains("not valid JSON");
    }

    @Test
    void paddingOtherThanSpacesIsRefused() throws IOException {
        byte[] json = (Json.compact(header) + "\n\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json).put(data);
        Files.write(dir.resolve("model.safetensors"), buf.array());
        assertThat(loadError()).contains("model.safetensors").contains("padded only with trailing spaces")
                .contains("end with byte 0x00");
    }

    @Test
    void duplicateTensorNamesAreRefused() throws IOException {
        String json = Json.compact(header);
        String norm = "\"model.norm.weight\":" + Json.compact(header.get("model.norm.weight"));
        byte[] bytes = ("{" + norm + "," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + bytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(bytes.length).put(bytes).put(data);
        Files.write(dir.resolve("model.safetensors"), buf.array());
        assertThat(loadError()).contains("model.safetensors").contains("Duplicate field 'model.norm.weight'");
    }

    @Test
    void holeInTheDataSectionIsRefused() throws IOException {
        header.remove("model.layers.1.mlp.up_proj.weight");
        write(header, data);
        assertThat(loadError()).contains("model.safetensors").contains("belong to no tensor")
                .contains("model.layers.1.mlp.down_proj.weight");
    }

    @Test
    void headerLengthZeroIsNamedAsSuch() throws IOException {
        Files.write(dir.resolve("model.safetensors"), new byte[64]);
        assertThat(loadError()).contains("model.safetensors").contains("header length 0 is too small")
                .doesNotContain("beyond");
    }

    @Test
    void fractionalShapeIsRefused() throws IOException {
        entry("model.norm.weight").putArray("shape").add(64.5);
        write(header, data);
        assertThat(loadError()).contains("'model.norm.weight'").contains("invalid shape [64.5]");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        byte[] junk = "{not json".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + junk.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(junk.length).put(junk);
        Files.write(dir.resolve("model.safetensors"), buf.array());
        assertThat(loadError()).contains("model.safetensors").contains("not valid JSON");
    }

    @Test
    void overlappingOffsets() throws IOException {
        ObjectNode norm = entry("model.layers.0.input_layernorm.weight"); // [76800, 77056]
        norm.putArray("data_offsets").add(76800 - 128).add(77056 - 128);
        write(header, data);
        assertThat(loadError()).contains("overlapping data_offsets").contains("model.layers.0.input_layernorm.weight");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        entry("model.norm.weight").putArray("data_offsets").add(data.length).add(data.length + 256);
        write(header, data);
        assertThat(loadError()).contains("'model.norm.weight'").contains("out of range");
    }

    @Test
    void unknownDtype() throws IOException {
        entry("model.norm.weight").put("dtype", "F17");
        write(header, data);
        assertThat(loadError()).contains("'model.norm.weight'").contains("unknown dtype 'F17'").contains("F32, F16, BF16");
    }

    @Test
    void integerDtypeIsNotAWeight() throws IOException {
        entry("model.norm.weight").put("dtype", "I32");
        write(header, data);
        assertThat(loadError()).contains("'model.norm.weight'").contains("I32 cannot be used as model weights");
    }

    @Test
    void byteSizeDisagreesWithDtypeTimesShape() throws IOException {
        entry("model.norm.weight").put("dtype", "F16"); // 64 x 2 bytes, but 256 bytes stored
        write(header, data);
        assertThat(loadError()).contains("'model.norm.weight'").contains("256 bytes").contains("F16 x shape [64] needs 128");
    }

    @Test
    void missingTensor() throws IOException {
        write(header, withoutTensor("model.layers.1.mlp.up_proj.weight"));
        assertThat(loadError()).contains("missing tensor 'model.layers.1.mlp.up_proj.weight'").contains("[160, 64]");
    }

    @Test
    void extraTensor() throws IOException {
        ObjectNode extra = header.putObject("model.layers.0.self_attn.q_norm.weight");
        extra.put("dtype", "F32");
        extra.putArray("shape").add(0);
        extra.putArray("data_offsets").add(data.length).add(data.length);
        write(header, data);
        assertThat(loadError()).contains("unexpected tensor 'model.layers.0.self_attn.q_norm.weight'");
    }

    @Test
    void shapeDisagreesWithConfig() throws IOException {
        write(header, data);
        ObjectNode cfg = (ObjectNode) Json.read(dir.resolve("config.json"));
        cfg.put("intermediate_size", 128);
        Json.write(dir.resolve("config.json"), cfg);
        assertThat(loadError()).contains("'model.layers.0.mlp.gate_proj.weight' has shape [160, 64]")
                .contains("config.json implies [128, 64]");
    }

    @Test
    void shardNamedInTheIndexButAbsent() throws IOException {
        write(header, data);
        Files.move(dir.resolve("model.safetensors"), dir.resolve("model-00001-of-00002.safetensors"));
        ObjectNode index = Json.object();
        ObjectNode map = index.putObject("weight_map");
        header.fieldNames().forEachRemaining(n -> {
            if (!n.equals("__metadata__")) {
                map.put(n, n.equals("lm_head.weight") ? "model-00002-of-00002.safetensors" : "model-00001-of-00002.safetensors");
            }
        });
        Json.write(dir.resolve("model.safetensors.index.json"), index);
        assertThat(loadError()).contains("'lm_head.weight'").contains("model-00002-of-00002.safetensors").contains("does not exist");
    }

    @Test
    void picklesAreRefused() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        assertThat(loadError()).contains("pytorch_model.bin").contains("can execute code").contains("safe_serialization=True");
    }

    @Test
    void unsupportedRopeScalingIsNamed() throws IOException {
        write(header, data);
        ObjectNode cfg = (ObjectNode) Json.read(dir.resolve("config.json"));
        ((ObjectNode) cfg.get("rope_scaling")).put("rope_type", "yarn");
        Json.write(dir.resolve("config.json"), cfg);
        assertThat(loadError()).contains("config.json").contains("rope_scaling type 'yarn'");
    }

    @Test
    void unsupportedModelTypeIsNamed() throws IOException {
        write(header, data);
        ObjectNode cfg = (ObjectNode) Json.read(dir.resolve("config.json"));
        cfg.put("model_type", "gpt2");
        Json.write(dir.resolve("config.json"), cfg);
        assertThat(loadError()).contains("model_type 'gpt2'");
    }

    @Test
    void hugeHeaderLengthIsNotAllocated() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).putLong(0);
        Files.write(dir.resolve("model.safetensors"), buf.array());
        assertThat(loadError()).contains("beyond the file size 16");
        buf = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).putLong(0); // u64 max
        Files.write(dir.resolve("model.safetensors"), buf.array());
        assertThat(loadError()).contains("header length 18446744073709551615 is beyond the file size 16");
    }

    @Test
    void missingFolder() {
        assertThatThrownBy(() -> Checkpoint.load(dir.resolve("nope"))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("does not exist");
        Files.exists(dir); // the temp folder itself stays
    }

    static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
