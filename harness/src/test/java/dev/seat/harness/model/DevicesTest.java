package dev.seat.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.seat.harness.RepoPaths;
import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void cpuNeedsNothing() {
        assertThat(Devices.parse("cpu")).isEqualTo(Device.cpu());
        assertThat(Devices.parse(" CPU ")).isEqualTo(Device.cpu());
        assertThat(Devices.parse(null)).isEqualTo(Device.cpu());
    }

    @Test
    void namesOtherThanCpuGpuAndGpuNAreRefused() {
        for (String bad : new String[] {"cuda", "gpu:", "gpu:-1", "gpu1", "tpu"}) {
            assertThatThrownBy(() -> Devices.parse(bad)).as(bad).hasMessageContaining("expected cpu, gpu or gpu:N");
        }
    }

    /** On a machine without a usable GPU (this one: the CPU build of libtorch), a GPU is refused with how to get one. */
    @Test
    void aGpuWithoutCudaIsRefusedBeforeLoadingSayingHowToInstallIt() {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a usable GPU");
        for (String gpu : new String[] {"gpu", "gpu:1"}) {
            assertThatThrownBy(() -> Checkpoint.load(RepoPaths.defaultCheckpoint(), new Checkpoint.Options(gpu, true, null)))
                    .as(gpu)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--device " + gpu + ": ")
                    .hasMessageContaining("CUDA")
                    .hasMessageContaining("PYTORCH_FLAVOR")
                    .hasMessageContaining("--device cpu");
        }
    }

    @Test
    void aGpuSeenByTheDriverButNotByACpuBuildOfTorchSaysSo() {
        assertThat(Devices.noGpu("gpu", 2, "2.7.1")).contains("the CUDA driver sees 2 GPUs")
                .contains("is the CPU build").contains("libtorch 2.7.1");
    }
}
