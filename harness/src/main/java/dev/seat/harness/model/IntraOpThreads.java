package dev.seat.harness.model;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How many threads libtorch's CPU kernels use for the calling thread while a generation decodes.
 * A decoding step of a small model at a small batch is a few hundred tiny kernels, and waking a
 * second thread for each costs about what it saves or more: on this 2-core machine tiny-base
 * decoded at batch 1 in 3.5 ms a step on one thread against 3.5-4.9 ms on two, at batch 2 in 3.5-4.4
 * against 4.1-4.7, while from batch 8 up two threads were faster ({@code seat bench --thread-sweep},
 * results/bench/threads-decode-tiny-base.json). Steps below {@link #SINGLE_THREAD_BELOW}
 * multiply-accumulates (tiny-base up to batch 2; a 0.5B model never) therefore run on one thread.
 * The setting is OpenMP's per calling thread, so passes on other threads keep theirs;
 * {@link #close} restores it.
 */
public final class IntraOpThreads implements AutoCloseable {
    /** Steps with fewer multiply-accumulates than this (batch × parameters) run on one thread. */
    public static final long SINGLE_THREAD_BELOW = 1L << 23;

    private int restore;

    /** Limits the calling thread to one kernel thread when a step of {@code macs} is too small to share. */
    public void limitForStep(long macs, Device device) {
        if (restore > 0 || device.isGpu() || macs >= SINGLE_THREAD_BELOW) {
            return;
        }
        int current = JniUtils.getNumThreads();
        if (current > 1) {
            JniUtils.setNumThreads(1);
            restore = current;
        }
    }

    @Override
    public void close() {
        if (restore > 0) {
            JniUtils.setNumThreads(restore);
            restore = 0;
        }
    }
}
