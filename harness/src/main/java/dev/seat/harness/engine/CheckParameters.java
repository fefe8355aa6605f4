package dev.seat.harness.engine;

import dev.seat.harness.gate.Baseline;
import dev.seat.harness.gate.HumanLabels;
import dev.seat.harness.gate.Responses;
import dev.seat.harness.gate.Threshold;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.KnownUnknownSeparation;
import dev.seat.harness.model.Checkpoint;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the arguments of {@link Check} methods:
 * <ul>
 *   <li>{@link Responses}: the checkpoint's answers to the suite's questions;</li>
 *   <li>{@link Checkpoint}: the checkpoint under test;</li>
 *   <li>{@link Baseline}: the base model measured the same way ({@code -Dbaseline=DIR});</li>
 *   <li>{@link ActivationDrift}: baseline vs checkpoint residual-stream drift on the suite's prompts;</li>
 *   <li>{@link KnownUnknownSeparation}: silhouette of unknown vs known questions in the activations, the checkpoint's and
 *       (with {@code -Dbaseline}) the baseline's; needs {@link IgnoranceSuite#known()};</li>
 *   <li>{@link HumanLabels}: the human IDK_HA of the suite's dataset, from the checkpoint's latest labelled run;</li>
 *   <li>{@code double} annotated {@link Threshold}: the configured or default threshold.</li>
 * </ul>
 * A parameter that cannot be provided in this run (no questions configured, no baseline, no human labels) makes
 * the check skipped with {@link #unavailableReason}; an unsupported parameter is a discovery
 * error ({@link #problems}).
 */
final class CheckParameters {
    static final String NO_BASELINE = "no baseline configured: pass -D" + SeatConfiguration.BASELINE
            + "=DIR (the model the checkpoint was fine-tuned from) to compare with it";

    /** A threshold as used by one invocation. */
    record ThresholdUse(String key, double value, boolean configured) {
        String describe() {
            return String.format(Locale.ROOT, "%s = %s (%s)", key, value,
                    configured ? "configured" : "default; override with -D" + key + "=VALUE");
        }
    }

    /** Arguments for one invocation, and the thresholds among them. */
    record Arguments(Object[] values, List<ThresholdUse> thresholds) {}

    private CheckParameters() {}

    /** The types an {@link IgnoranceSuite}'s checks may take besides thresholds. */
    private static final List<Class<?>> SUPPORTED =
            List.of(Responses.class, Checkpoint.class, Baseline.class, ActivationDrift.class, HumanLabels.class,
                    KnownUnknownSeparation.class);

    static List<String> problems(Method m) {
        return problems(m, SUPPORTED);
    }

    /**
     * What is wrong with a check's parameters, given the types its kind of suite provides:
     * unsupported types, {@link Threshold} on a non-double, two thresholds of one name.
     */
    static List<String> problems(Method m, List<Class<?>> supported) {
        List<String> out = new ArrayList<>();
        Set<String> thresholdNames = new HashSet<>();
        for (Parameter p : m.getParameters()) {
            Class<?> t = p.getType();
            Threshold th = p.getAnnotation(Threshold.class);
            String where = "parameter '" + p.getName() + "' of @Check method " + m.getDeclaringClass().getName() + "#"
                    + m.getName();
            if (th != null) {
                if (t != double.class && t != Double.class) {
                    out.add(where + " is annotated @Threshold but is a " + t.getSimpleName() + "; use double");
                }
                if (!thresholdNames.add(th.name())) {
                    out.add(where + ": two @Threshold parameters share the name '" + th.name()
                            + "'; give each a distinct @Threshold(name = ...)");
                }
            } else if (!supported.contains(t)) {
                StringBuilder names = new StringBuilder();
                supported.forEach(c -> names.append(c.getSimpleName()).append(", "));
                out.add(where + " has unsupported type " + t.getName() + "; supported: " + names
                        + "and double annotated @Threshold");
            }
        }
        return out;
    }

    /**
     * The value of a {@link Threshold} parameter: the first configured key of {@code keys}, else
     * the annotation's default (reported under the first key).
     */
    static ThresholdUse threshold(SeatConfiguration config, Threshold th, List<String> keys) {
        for (String key : keys) {
            Optional<Double> configured = config.threshold(key);
            if (configured.isPresent()) {
                return new ThresholdUse(key, configured.get(), true);
            }
        }
        return new ThresholdUse(keys.get(0), th.value(), false);
    }

    /** The configuration key of a threshold: {@code threshold.<suite-id>.<method>[.<name>]}. */
    static String thresholdKey(String suiteId, Method m, Threshold th) {
        return SeatConfiguration.THRESHOLD_PREFIX + suiteId + "." + m.getName() + (th.name().isEmpty() ? "" : "." + th.name());
    }

    /** Why this check cannot run in this configuration, if it cannot. */
    static Optional<String> unavailableReason(Method m, SuiteRun suite) {
        for (Class<?> t : m.getParameterTypes()) {
            if ((t == Responses.class || t == Baseline.class || t == ActivationDrift.class || t == KnownUnknownSeparation.class)
                    && !suite.questions().available()) {
                return Optional.of(suite.questions().unavailableReason());
            }
            if (t == KnownUnknownSeparation.class && !suite.knownQuestions().available()) {
                return Optional.of(suite.knownQuestions().unavailableReason());
            }
            if ((t == Baseline.class || t == ActivationDrift.class) && !suite.run().hasBaseline()) {
                return Optional.of(NO_BASELINE);
            }
            if (t == HumanLabels.class && suite.humanLabels().isEmpty()) {
                return Optional.of(suite.humanLabelsAbsentReason());
            }
        }
        return Optional.empty();
    }

    /** Resolves every argument (generating answers or loading the baseline as needed). */
    static Arguments resolve(Method m, SuiteRun suite) {
        Parameter[] params = m.getParameters();
        Object[] values = new Object[params.length];
        List<ThresholdUse> thresholds = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            Threshold th = p.getAnnotation(Threshold.class);
            if (th != null) {
                ThresholdUse use = threshold(suite.run().config(), th, List.of(thresholdKey(suite.definition().id(), m, th)));
                thresholds.add(use);
                values[i] = use.value();
            } else if (p.getType() == Responses.class) {
                values[i] = suite.responses();
            } else if (p.getType() == Checkpoint.class) {
                values[i] = suite.run().checkpoint();
            } else if (p.getType() == Baseline.class) {
                values[i] = suite.baseline();
            } else if (p.getType() == ActivationDrift.class) {
                values[i] = suite.drift();
            } else if (p.getType() == KnownUnknownSeparation.class) {
                values[i] = suite.separation();
            } else if (p.getType() == HumanLabels.class) {
                values[i] = suite.humanLabels().orElseThrow();
            } else {
                throw new IllegalStateException("unsupported parameter " + p); // rejected at discovery
            }
        }
        return new Arguments(values, thresholds);
    }
}
