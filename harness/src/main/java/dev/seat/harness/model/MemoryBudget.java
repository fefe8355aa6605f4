package dev.seat.harness.model;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a checkpoint's weights fit where they are to be loaded, decided from the safetensors
 * headers before anything is allocated: the weights on the device (CPU memory or GPU memory).
 */
public final class MemoryBudget {
    /** Bytes that can still be allocated, and where the number comes from (for messages). */
    public record Available(long bytes, String source) {}

    private MemoryBudget() {}

    /** Free memory of {@code device}: MemAvailable of /proc/meminfo on CPU, free GPU memory on GPU. */
    public static Available available(Device device) {
        if (device.isGpu()) {
            try {
                MemoryUsage gpu = CudaUtils.getGpuMemory(device);
                return new Available(gpu.getMax() - gpu.getCommitted(), "free memory of " + device);
            } catch (RuntimeException | LinkageError e) {
                // no CUDA runtime to ask: loading will say what is wrong with the device
                return new Available(Long.MAX_VALUE, "unknown free memory of " + device);
            }
        }
        Path meminfo = Path.of("/proc/meminfo");
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return new Available(kb * 1024, "MemAvailable in /proc/meminfo");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the JVM's view below
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Available(os.getFreeMemorySize(), "free physical memory");
    }

    /**
     * Refuses to load when the weights ({@code parameters} of {@code bytesPerParameter} bytes) need
     * more than {@code device} holds. The Java heap needs no room for them: {@link WeightFiles}
     * reads each tensor straight into native memory.
     */
    public static void check(Path dir, long parameters, int bytesPerParameter, Available device) {
        long needed = parameters * bytesPerParameter;
        if (needed > device.bytes()) {
            throw new CheckpointException(dir + ": the weights need about " + size(needed) + " (" + parameters
                    + " parameters x " + bytesPerParameter + " bytes), but only " + size(device.bytes())
                    + " is available (" + device.source() + "); not loading");
        }
    }

    static String size(long bytes) {
        double gib = bytes / (double) (1L << 30);
        return gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
