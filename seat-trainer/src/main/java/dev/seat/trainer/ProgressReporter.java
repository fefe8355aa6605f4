package dev.seat.trainer;

import java.io.PrintStream;
import java.util.Locale;

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
                loss, tokensPerSecond, duration(eta));
        out.flush();
    }

    /**
     * Progress of other counted work, e.g. {@code KL base distributions 120/400 inputs, 35.2/s, ETA 8s}.
     *
     * @param what what is being done, e.g. {@code KL base distributions}
     * @param unit what is counted, e.g. {@code inputs}
     * @param elapsed seconds since the work started
     */
    public void items(String what, long done, long total, String unit, double elapsed) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        double rate = elapsed > 0 ? done / elapsed : 0;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        out.printf(Locale.ROOT, "\r[%s] %s %d/%d %s, %.1f/s, ETA %s   ", bar(done, total), what, done, total, unit, rate,
                duration(eta));
        out.flush();
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

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
