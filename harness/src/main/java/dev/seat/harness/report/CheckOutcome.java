package dev.seat.harness.report;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.seat.harness.gate.Measurement;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One check of a gate run as {@code checks.json} of the run folder records it: where it lives, how
 * it ended (and the message: the failure or the reason it was skipped), the thresholds it used and
 * what its assertions measured.
 *
 * @param status {@code PASSED}, {@code FAILED} or {@code SKIPPED}
 * @param dataset the suite's question set, or the benchmark for benchmark checks
 */
public record CheckOutcome(String suite, String suiteClass, String dataset, String check, String status, String message,
                           List<ThresholdValue> thresholds, List<Measurement> measurements) {
    /** The file in a run folder. */
    public static final String FILE = "checks.json";

    /** A threshold as a check used it. */
    public record ThresholdValue(String key, double value, boolean configured) {}

    public CheckOutcome {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
    }

    public boolean passed() {
        return "PASSED".equals(status);
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }

    /** Reads a {@value #FILE}; a malformed file is reported with its path. */
    public static List<CheckOutcome> read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), new TypeReference<List<CheckOutcome>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a list of check outcomes (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
    }
}
