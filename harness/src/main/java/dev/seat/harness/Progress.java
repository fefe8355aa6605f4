package dev.seat.harness;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work (answer generation, benchmark requests, the KL cache) on stderr:
 * {@code what: done/total unit, rate, ETA}. On a terminal one line is redrawn at most twice a
 * second; in a log (no console) a line is written at most every 30 s, so CI logs stay short.
 * {@link #done()} writes the final line (on stderr only when the work took longer than a second).
 * Set {@code -Dseat.progress=false} to silence stderr progress.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 500_000_000L;
    private static final long LOG_NANOS = 30_000_000_000L;
    private static final long SUMMARY_AFTER_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final boolean enabled;
    private final boolean terminal;
    private final String what;
    private final String unit;
    private final long total;
    private final long summaryAfterNanos;
    private final long start = System.nanoTime();
    private long done;
    private long lastPrint = start;

    private Progress(PrintStream out, boolean enabled, boolean terminal, String what, long total, String unit,
            long summaryAfterNanos) {
        this.out = out;
        this.summaryAfterNanos = summaryAfterNanos;
        this.enabled = enabled;
        this.terminal = terminal;
        this.what = what;
        this.total = total;
        this.unit = unit;
    }

    /** Progress of {@code total} {@code unit}s of {@code what}, on stderr. */
    public static Progress start(String what, long total, String unit) {
        return new Progress(System.err, !"false".equals(System.getProperty("seat.progress")), System.console() != null,
                what, total, unit, SUMMARY_AFTER_NANOS);
    }

    /** Progress on {@code out}, redrawn in place when {@code terminal}; {@link #done()} always writes the final line. */
    public static Progress to(PrintStream out, boolean terminal, String what, long total, String unit) {
        return new Progress(out, true, terminal, what, total, unit, 0);
    }

    /** Progress that prints nothing. */
    public static Progress silent(long total) {
        return new Progress(System.err, false, false, "", total, "", 0);
    }

    public synchronized void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (enabled && now - lastPrint >= (terminal ? REDRAW_NANOS : LOG_NANOS)) {
            lastPrint = now;
            out.print((terminal ? "\r" : "") + line(now) + (terminal ? "   " : System.lineSeparator()));
            out.flush();
        }
    }

    /** Ends the line on a terminal and writes the summary (when the work took over a second). */
    public synchronized void done() {
        long now = System.nanoTime();
        if (enabled && now - start >= summaryAfterNanos) {
            out.print((terminal ? "\r" : "") + line(now) + System.lineSeparator());
            out.flush();
        }
    }

    private String line(long now) {
        double seconds = (now - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        String eta = done >= total ? "done in " + duration(seconds) : "ETA " + duration((total - done) / Math.max(rate, 1e-9));
        return String.format(Locale.ROOT, "%s: %d/%d %s, %.1f/s, %s", what, done, total, unit, rate, eta);
    }

    /** {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
