package dev.seat.trainer;

import dev.seat.harness.Progress;
import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, redrawn at most twice a second: training steps (step, epoch,
 * loss, tokens/s, ETA) or any other counted work (done/total, rate, ETA).
 */
public class ProgressReporter {
    private final PrintStream out;
    private final boolean enabled;
    private long lastPrint;

    public ProgressReporter(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public static ProgressReporter silent() {
        return new ProgressReporter(System.err, false);
    }

    public static ProgressReporter console() {
        return new ProgressReporter(System.err, true);
    }

    /** @param doneThisRun steps taken since this run started (for the ETA after a resume) */
    public void step(long step, long total, int epoch, double loss, double tokensPerSecond, double elapsed, long doneThisRun) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (step < total && now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        double eta = doneThisRun == 0 ? 0 : elapsed / doneThisRun * (total - step);
        out.printf("\r[%s] step %d/%d epoch %d loss %.4f %,.0f tok/s ETA %s   ", bar(step, total), step, total, epoch + 1,
                loss, tokensPerSecond, Progress.duration(eta));
        out.flush();
    }

    /** Progress of other counted work (e.g. the KL cache's inputs) on this reporter's stream, or silent. */
    public Progress counter(String what, long total, String unit) {
        return enabled ? Progress.to(out, true, what, total, unit) : Progress.silent(total);
    }

    private static String bar(long done, long total) {
        int width = 24;
        int filled = (int) (width * Math.min(done, total) / Math.max(1, total));
        return "#".repeat(filled) + "-".repeat(width - filled);
    }

    public void done() {
        if (enabled) {
            out.println();
        }
    }

}
