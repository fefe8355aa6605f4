package dev.seat.harness.gate;

/**
 * What one assertion of a check compared: the metric's value (± standard error over n), the bound
 * it was held to ({@code at least}, {@code at most}, {@code drop at most} from a baseline value, {@code share of
 * baseline at least}),
 * and whether it held. Recorded by the assertion types into the running check's
 * {@link Measurements}, so that results and reports show the numbers of passing checks too.
 */
public record Measurement(String metric, String dataset, double value, double stderr, int n, String comparison,
                          double bound, Double baseline, boolean passed) {
    public static final String AT_LEAST = "at least";
    public static final String AT_MOST = "at most";
    public static final String DROP_AT_MOST = "drop at most";
    /** The value is at least {@code bound} times the baseline's. */
    public static final String SHARE_OF_BASELINE_AT_LEAST = "share of baseline at least";
}
