package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.seat.harness.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What seat writes reads back identically (F32) or as the rounded values (F16, BF16); shards too. */
class CheckpointWriterTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F16", "BF16"})
    void roundTripThroughEveryDtype(DType dtype) {
        try (Checkpoint ref = Checkpoint.load(ReferenceCheckpoints.dir("qwen2-tiny"))) {
            Path out = tmp.resolve("saved");
            CheckpointWriter.write(out, ref.config(), ref.model().parameters(), dtype, null, Map.of("README.md", "test"));
            assertThat(out.resolve("README.md")).hasContent("test");
            assertThat(Json.read(out.resolve("config.json")).get("torch_dtype").asText()).isNotBlank();
            assertThat(Files.exists(tmp.resolve("saved.tmp"))).isFalse();
            try (Checkpoint back = Checkpoint.load(out)) {
                for (var e : ref.model().parameters().entrySet()) {
                    float[] want = e.getValue().toFloatArray();
                    float[] got = back.model().parameters().get(e.getKey()).toFloatArray();
                    for (int i = 0; i < want.length; i++) {
                        float expected = switch (dtype) {
                            case F32, F64 -> want[i];
                            case BF16 -> Float.intBitsToFloat((DType.floatToBf16(want[i]) & 0xFFFF) << 16);
                            case F16 -> DType.halfToFloat(DType.floatToHalf(want[i]));
                        };
                        assertThat(got[i]).as("%s[%d]", e.getKey(), i).isEqualTo(expected);
                    }
                }
                assertThat(back.model().parameters()).doesNotContainKey("lm_head.weight"); // tied stays tied
            }
        }
    }

    @Test
    void shardedWeightsLoadThroughTheIndex() throws Exception {
        try (Checkpoint ref = Checkpoint.load(ReferenceCheckpoints.dir("llama-tiny"))) {
            Path out = tmp.resolve("sharded");
            Files.createDirectories(out);
            Files.copy(ReferenceCheckpoints.dir("llama-tiny").resolve("config.json"), out.resolve("config.json"));
            SafeTensorsWriter.write(out, ref.model().parameters(), DType.BF16, 40_000);
            assertThat(out.resolve("model.safetensors.index.json")).exists();
            assertThat(Files.list(out).filter(p -> p.toString().endsWith(".safetensors")).count()).isGreaterThan(2);
            try (Checkpoint back = Checkpoint.load(out); NDManager m = back.model().manager().newSubManager()) {
                NDArray a = back.model().parameters().get("model.layers.1.mlp.down_proj.weight");
                NDArray b = ref.model().parameters().get("model.layers.1.mlp.down_proj.weight");
                assertThat(a.sub(b).abs().max().getFloat()).isLessThan(0.01f); // bf16 rounding only
            }
        }
    }

    @Test
    void halfPrecisionConversionsAreExact() {
        assertThat(DType.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(DType.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(DType.halfToFloat((short) 0x0001)).isEqualTo(5.9604645e-8f); // smallest subnormal
        assertThat(DType.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Float.isInfinite(DType.halfToFloat((short) 0x7C00))).isTrue();
        assertThat(DType.floatToHalf(1.0f)).isEqualTo((short) 0x3C00);
        assertThat(DType.floatToHalf(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(DType.floatToBf16(1.0f)).isEqualTo((short) 0x3F80);
        for (int h = 0; h < 0x7C00; h += 7) { // every finite half survives a round trip
            assertThat(DType.floatToHalf(DType.halfToFloat((short) h))).isEqualTo((short) h);
        }
    }

    @Test
    void fingerprintFollowsWeightsNotModelCards() throws Exception {
        try (Checkpoint ref = Checkpoint.load(ReferenceCheckpoints.dir("llama-tiny"))) {
            Path out = tmp.resolve("fp");
            CheckpointWriter.write(out, ref.config(), ref.model().parameters(), DType.F32, null, Map.of());
            String before = CheckpointFingerprint.of(out);
            Files.writeString(out.resolve("README.md"), "model card");
            Files.writeString(out.resolve("scores.json"), "{\"idk_sm\": 1}");
            assertThat(CheckpointFingerprint.of(out)).isEqualTo(before);
            CheckpointWriter.write(out, ref.config(), ref.model().parameters(), DType.BF16, null, Map.of());
            assertThat(CheckpointFingerprint.of(out)).isNotEqualTo(before);
        }
    }
}
