package dev.seat.trainer;

import java.io.PrintStream;

/** A one-line progress bar on stderr: step, epoch, loss, tokens/s and ETA. */
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
        int width = 24;
        int filled = (int) (width * step / Math.max(1, total));
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        out.printf("\r[%s] step %d/%d epoch %d loss %.4f %,.0f tok/s ETA %s   ", bar, step, total, epoch + 1, loss,
                tokensPerSecond, duration(eta));
        out.flush();
    }

    public void done() {
        if (enabled) {
            out.println();
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
