package dev.seat.harness.engine;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which benchmark tasks run, from the configuration parameter {@code benchmarks}: a
 * comma-separated list of task or group names as written in {@link BenchmarkSuite#value()}
 * ({@code -Dbenchmarks=arc_easy,piqa}), or {@code all}.
 *
 * <p>Default: none. Benchmarks take minutes to hours where the ignorance checks take seconds, so
 * a plain {@code mvn test} stays fast and skips every benchmark suite, saying how to select it.
 * A name that is neither a known task or group nor {@code all} is a configuration error (a typo
 * must not silently select nothing).
 */
final class BenchmarkSelection {
    /** Selects every task of every benchmark suite. */
    static final String ALL = "all";

    private final Optional<List<String>> names;

    private BenchmarkSelection(Optional<List<String>> names) {
        this.names = names;
    }

    static BenchmarkSelection of(SeatConfiguration config) {
        return new BenchmarkSelection(config.benchmarks());
    }

    /** Whether the task (or group) runs. */
    boolean selects(String task) {
        return names.map(n -> n.contains(ALL) || n.contains(task)).orElse(false);
    }

    /** Whether any of the tasks runs. */
    boolean selectsAny(Collection<String> tasks) {
        return tasks.stream().anyMatch(this::selects);
    }

    /** Why a task is skipped. */
    String notSelectedReason(String task) {
        return names.isPresent()
                ? "benchmark '" + task + "' is not selected (-D" + SeatConfiguration.BENCHMARKS + "="
                        + String.join(",", names.get()) + "); add it to the list or pass -D" + SeatConfiguration.BENCHMARKS
                        + "=" + ALL
                : unsetReason(List.of(task));
    }

    /** Why a whole suite is skipped. */
    String suiteNotSelectedReason(List<String> tasks) {
        return names.isPresent()
                ? "none of this suite's benchmarks (" + String.join(", ", tasks) + ") is selected (-D"
                        + SeatConfiguration.BENCHMARKS + "=" + String.join(",", names.get()) + ")"
                : unsetReason(tasks);
    }

    /** The selected names that are not {@code all} and not in {@code known}. */
    List<String> unknown(Collection<String> known) {
        return names.orElse(List.of()).stream().distinct().filter(n -> !n.equals(ALL) && !known.contains(n)).sorted().toList();
    }

    private static String unsetReason(List<String> tasks) {
        return "benchmarks run only when selected: pass -D" + SeatConfiguration.BENCHMARKS + "=" + String.join(",", tasks)
                + " (or -D" + SeatConfiguration.BENCHMARKS + "=" + ALL + "); -D" + SeatConfiguration.LIMIT
                + "=N evaluates the first N documents of each task";
    }
}
