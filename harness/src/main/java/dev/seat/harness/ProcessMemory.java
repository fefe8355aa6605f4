package dev.seat.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory as benchmarks report it: resident set and its peak from
 * {@code /proc/self/status} (VmRSS, VmHWM), the peak reset through {@code /proc/self/clear_refs};
 * the Java heap's peak from the JVM's heap pools. On systems without {@code /proc} the resident
 * numbers are -1.
 */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** VmRSS: bytes resident now (Java heap, native tensors, libraries). */
    public static long residentBytes() {
        return procStatus("VmRSS:");
    }

    /** VmHWM: the most bytes resident at once since the process started or {@link #resetPeaks()}. */
    public static long peakResidentBytes() {
        return procStatus("VmHWM:");
    }

    /**
     * Starts a new measurement: the resident peak becomes the current resident size (Linux 4.0+)
     * and each heap pool's peak its current use. Collects garbage first, so the heap left over
     * from earlier work does not count.
     */
    public static void resetPeaks() {
        System.gc();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            // no /proc: the resident peak stays the process's lifetime peak
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak use since {@link #resetPeaks()} (an upper bound of the heap's peak). */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: memory not reported
        }
        return -1;
    }
}
