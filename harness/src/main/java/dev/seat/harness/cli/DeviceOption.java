package dev.seat.harness.cli;

import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.Devices;
import picocli.CommandLine.Option;

/** {@code --device}, shared by every command that loads a model (same meaning everywhere). */
public final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}); a GPU needs a CUDA build of PyTorch's native library")
    String device;

    /** The device as given ({@code cpu}, {@code gpu}, {@code gpu:1}). */
    public String device() {
        return device;
    }

    /**
     * How to load a checkpoint on this device, its weights float16 on a GPU when {@code halfOnGpu};
     * refuses a device that cannot be used here, saying why, before anything is loaded.
     */
    public Checkpoint.Options options(boolean halfOnGpu) {
        Devices.parse(device);
        return new Checkpoint.Options(device, halfOnGpu, null);
    }

    /**
     * For fine-tuning: float32 weights on every device. (AdamW can train float16 weights through
     * float32 masters, but DJL 0.36 casts between dtypes without autograd, so a float16 decoder's
     * casts cut the backward pass: see HalfPrecisionMastersTest.)
     */
    public Checkpoint.Options forTraining() {
        return options(false);
    }
}
