package dev.seat.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.model.DType;
import org.junit.jupiter.api.Test;

class InitCommandTest {

    @Test
    void shardSizesReadAsBinaryUnits() {
        assertThat(InitCommand.parseBytes("1GB")).isEqualTo(1L << 30);
        assertThat(InitCommand.parseBytes("2GiB")).isEqualTo(2L << 30);
        assertThat(InitCommand.parseBytes("500mb")).isEqualTo(500L << 20);
        assertThat(InitCommand.parseBytes("1.5GB")).isEqualTo(3L << 29);
        assertThat(InitCommand.parseBytes("4096")).isEqualTo(4096);
        assertThatThrownBy(() -> InitCommand.parseBytes("1TB")).hasMessageContaining("expected a size such as 500MB or 1GB");
        assertThatThrownBy(() -> InitCommand.parseBytes("0MB")).hasMessageContaining("must be above zero");
    }

    @Test
    void dtypesByTheirUsualNames() {
        assertThat(InitCommand.parseDtype("bf16")).isEqualTo(DType.BF16);
        assertThat(InitCommand.parseDtype("float16")).isEqualTo(DType.F16);
        assertThat(InitCommand.parseDtype("FP32")).isEqualTo(DType.F32);
        assertThatThrownBy(() -> InitCommand.parseDtype("f64")).hasMessageContaining("expected bf16, f16 or f32");
    }
}
