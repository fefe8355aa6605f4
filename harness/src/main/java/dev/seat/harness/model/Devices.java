package dev.seat.harness.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --device} of every command that loads a model: {@code cpu}, {@code gpu} (the first
 * GPU) or {@code gpu:N}. A GPU is refused before anything is loaded when this process cannot use
 * it, with what to install.
 */
public final class Devices {
    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d+))?");

    private Devices() {}

    /** The device {@code name} names, checked to be usable here. */
    public static Device parse(String name) {
        String n = name == null ? "cpu" : name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        Matcher m = GPU.matcher(n);
        if (!m.matches()) {
            throw new IllegalArgumentException("--device '" + name + "': expected cpu, gpu or gpu:N (N = 0, 1, ...)");
        }
        int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        int usable = torchGpuCount();
        if (usable == 0) {
            throw new IllegalArgumentException(noGpu(name, CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0,
                    Engine.getEngine("PyTorch").getVersion()));
        }
        if (index >= usable) {
            throw new IllegalArgumentException("--device " + name + ": this machine has " + usable + " usable GPU"
                    + (usable == 1 ? "" : "s") + " (gpu:0" + (usable == 1 ? "" : " to gpu:" + (usable - 1)) + ")");
        }
        return Device.gpu(index);
    }

    /** GPUs PyTorch's native library (the one DJL loaded) can use; 0 for a CPU build. */
    private static int torchGpuCount() {
        try {
            return Engine.getEngine("PyTorch").getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** Why no GPU can be used, and how to get one: {@code visible} GPUs the CUDA driver reports. */
    static String noGpu(String asked, int visible, String torchVersion) {
        String install = "build seat without the CPU libtorch (mvn -Pgpu -DskipTests install) and give DJL a CUDA "
                + "libtorch " + torchVersion + ": PYTORCH_LIBRARY_PATH=DIR of an unpacked one, or PYTORCH_FLAVOR=cu124 (the "
                + "CUDA flavour matching the driver) to download it on first use (README, section GPU); or run with --device cpu";
        if (visible == 0) {
            return "--device " + asked + ": no CUDA GPU is usable here (no NVIDIA driver or GPU found). On a machine "
                    + "with an NVIDIA GPU and driver, " + install;
        }
        return "--device " + asked + ": the CUDA driver sees " + visible + " GPU" + (visible == 1 ? "" : "s")
                + ", but the PyTorch native library seat loaded is the CPU build; " + install;
    }
}
