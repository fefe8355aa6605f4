package dev.seat.harness.engine;

import dev.seat.harness.eval.BenchmarkResult;
import dev.seat.harness.gate.BenchmarkBaseline;
import dev.seat.harness.gate.Threshold;
import dev.seat.harness.model.Checkpoint;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Provides the arguments of {@link Check} methods of a {@link BenchmarkSuite}, once per benchmark
 * entry:
 * <ul>
 *   <li>{@link BenchmarkResult}: the checkpoint's results on the entry;</li>
 *   <li>{@link BenchmarkBaseline}: the base model's ({@code -Dbaseline=DIR}); without a baseline
 *       the check is skipped with the reason;</li>
 *   <li>{@link Checkpoint}: the checkpoint under test;</li>
 *   <li>{@code double} annotated {@link Threshold}: the value of {@code threshold.<task>.<method>[.<name>]},
 *       else of {@code threshold.<suite id>.<method>[.<name>]}, else the annotation's default.</li>
 * </ul>
 * Any other parameter is a discovery error.
 */
final class BenchmarkCheckParameters {
    private static final List<Class<?>> SUPPORTED = List.of(BenchmarkResult.class, BenchmarkBaseline.class, Checkpoint.class);

    private BenchmarkCheckParameters() {}

    static List<String> problems(Method m) {
        return CheckParameters.problems(m, SUPPORTED);
    }

    /** Why this check cannot run in this configuration, if it cannot. */
    static Optional<String> unavailableReason(Method m, BenchmarkTaskRun task) {
        for (Class<?> t : m.getParameterTypes()) {
            if (t == BenchmarkBaseline.class && !task.suite().run().hasBaseline()) {
                return Optional.of(CheckParameters.NO_BASELINE);
            }
        }
        return Optional.empty();
    }

    /** The keys a threshold is read from, most specific first. */
    static List<String> thresholdKeys(BenchmarkTaskRun task, Method m, Threshold th) {
        String tail = "." + m.getName() + (th.name().isEmpty() ? "" : "." + th.name());
        return List.of(SeatConfiguration.THRESHOLD_PREFIX + task.name() + tail,
                SeatConfiguration.THRESHOLD_PREFIX + task.suite().definition().id() + tail);
    }

    /** Resolves every argument (measuring the entry or the baseline as needed). */
    static CheckParameters.Arguments resolve(Method m, BenchmarkTaskRun task) {
        Parameter[] params = m.getParameters();
        Object[] values = new Object[params.length];
        List<CheckParameters.ThresholdUse> thresholds = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            Threshold th = p.getAnnotation(Threshold.class);
            if (th != null) {
                CheckParameters.ThresholdUse use = CheckParameters.threshold(task.suite().run().config(), th,
                        thresholdKeys(task, m, th));
                thresholds.add(use);
                values[i] = use.value();
            } else if (p.getType() == BenchmarkResult.class) {
                values[i] = task.result();
            } else if (p.getType() == BenchmarkBaseline.class) {
                values[i] = task.baseline();
            } else if (p.getType() == Checkpoint.class) {
                values[i] = task.suite().run().checkpoint();
            } else {
                throw new IllegalStateException("unsupported parameter " + p); // rejected at discovery
            }
        }
        return new CheckParameters.Arguments(values, thresholds);
    }
}
