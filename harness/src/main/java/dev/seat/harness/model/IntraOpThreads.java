package dev.seat.harness.model;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How many threads libtorch's CPU kernels use for the calling thread while a generation decodes.
 * A decoding step of a small model at a small batch is a few hundred tiny kernels, and waking a
 * second thread for each costs more than it saves: tiny-base decodes at batch 1 in 3.6 ms a step
 * on one thread against 4.9 ms on two, at batch 2 in 3.5 against 4.1, while from batch 4 up two
 * threads are faster ({@code seat bench --thread-sweep}, results/bench/threads-decode.md). Steps
 * below {@link #SINGLE_THREAD_BELOW} multiply-accumulates therefore run on one thread. The setting
 * is OpenMP's per calling thread, so passes on other threads keep theirs; {@link #close} restores it.
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
