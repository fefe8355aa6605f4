package dev.seat.trainer;

import ai.djl.engine.EngineException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An optimizer step ran out of memory (the engine could not allocate a tensor on the CPU or GPU,
 * or the Java heap was full): names the step, the batch size and what to lower.
 */
public final class StepOutOfMemoryException extends RuntimeException {
    /** How libtorch reports a failed allocation on CPU (DefaultCPUAllocator) and CUDA. */
    private static final Pattern ENGINE_OOM = Pattern.compile(
            "out of memory|can't allocate memory|cannot allocate memory|CUBLAS_STATUS_ALLOC_FAILED", Pattern.CASE_INSENSITIVE);

    private StepOutOfMemoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code t} is a failed allocation: a Java {@link OutOfMemoryError} or the engine's. */
    static boolean isOutOfMemory(Throwable t) {
        return t instanceof OutOfMemoryError
                || (t instanceof EngineException && t.getMessage() != null && ENGINE_OOM.matcher(t.getMessage()).find());
    }

    /**
     * @param step 1-based optimizer step
     * @param total steps of the run
     */
    static StepOutOfMemoryException of(Throwable cause, long step, long total, TrainConfig cfg) {
        String what = cause instanceof OutOfMemoryError ? "the Java heap is full (" + cause.getMessage() + ")"
                : "the engine could not allocate memory (" + firstLine(cause.getMessage()) + ")";
        String halve = cfg.batchSize() > 1
                ? String.format(Locale.ROOT, "lower --batch-size to %d (with --grad-accumulation %d to keep %d examples per step)",
                        cfg.batchSize() / 2, cfg.gradAccumulation() * 2, cfg.batchSize() * cfg.gradAccumulation())
                : "--batch-size is already 1: shorten the examples";
        String heap = cause instanceof OutOfMemoryError ? "; or raise the heap (SEAT_JAVA_OPTS=-Xmx...)" : "";
        return new StepOutOfMemoryException(String.format(Locale.ROOT,
                "Out of memory in optimizer step %d of %d (batch size %d, gradient accumulation %d): %s. To fit, %s; "
                        + "or train fewer weights (--method lora, or sparse/seat, whose optimizer state is a fraction of "
                        + "full fine-tuning's); or use a device with more free memory%s",
                step, total, cfg.batchSize(), cfg.gradAccumulation(), what, halve, heap), cause);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
