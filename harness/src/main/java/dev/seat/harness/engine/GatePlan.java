package dev.seat.harness.engine;

import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.gate.Baseline;
import dev.seat.harness.gate.IgnoranceSuite;
import dev.seat.harness.gate.Responses;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The answers a gate run will ask for, known before it runs: for each suite, its question set (as
 * the engine reads and limits it) and the prompt format, for the checkpoint and, where a check
 * compares with it, for the baseline. Whoever produces those answers ahead of the run (e.g. one
 * share per machine of a cluster) stores them in the response cache under
 * {@link dev.seat.harness.eval.Evaluator#cacheKey}; the gate then reads every answer from there.
 *
 * @param checkpoint the checkpoint folder (as the engine resolves it)
 * @param baseline the baseline folder, if configured
 * @param device the device models are loaded on
 * @param settings the evaluation settings of the run (results root, decoding, cache)
 * @param asks the distinct answers the run will need, in suite order
 */
public record GatePlan(Path checkpoint, Optional<Path> baseline, String device, EvalSettings settings, List<Ask> asks) {

    /**
     * One model's answers to one question set.
     *
     * @param set the questions, as asked
     * @param chatFormat the prompt format's name, or empty for the model's own
     * @param baseline whether the baseline (not the checkpoint) answers
     */
    public record Ask(QuestionSet set, Optional<String> chatFormat, boolean baseline) {}

    /**
     * The plan of a gate over the given suite classes with these configuration parameters (system
     * properties fill in keys the map lacks, as for the JUnit launcher).
     *
     * @throws SeatConfigurationException naming the parameter or file when the configuration is invalid
     */
    public static GatePlan of(Map<String, String> parameters, List<Class<?>> suiteClasses) {
        return of(new SeatConfiguration(parameters(parameters)), suiteClasses);
    }

    /** The plan of a run of the engine with this configuration over these suite classes. */
    static GatePlan of(SeatConfiguration config, List<Class<?>> suiteClasses) {
        config.validateAndDescribe();
        List<Ask> asks = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Class<?> type : suiteClasses) {
            Optional<SuiteDefinition> definition = SuiteDefinition.of(type);
            if (definition.isEmpty()) {
                continue;
            }
            IgnoranceSuite suite = definition.get().annotation();
            SuiteQuestions questions = SuiteQuestions.resolve(suite, type, config);
            if (!questions.available()) {
                continue;
            }
            Optional<String> format = promptFormat(config, suite);
            List<Method> checks = definition.get().checkMethods();
            if (suite.answers() || takes(checks, Responses.class)) {
                add(asks, seen, new Ask(questions.get(), format, false));
            }
            if (config.baseline().isPresent() && takes(checks, Baseline.class)) {
                add(asks, seen, new Ask(questions.get(), format, true));
            }
        }
        return new GatePlan(config.checkpoint(), config.baseline(), config.device(), config.evalSettings(),
                List.copyOf(asks));
    }

    /** The suite classes in a package (e.g. {@code dev.seat.suites}), in name order. */
    public static List<Class<?>> suitesIn(String packageName) {
        return ReflectionSupport.findAllClassesInPackage(packageName, SuiteDefinition::isSuite, n -> true).stream()
                .sorted(java.util.Comparator.comparing(Class::getName)).toList();
    }

    /** The prompt format name of a suite: {@code chatFormat} parameter, else the suite's; empty: the model's own. */
    static Optional<String> promptFormat(SeatConfiguration config, IgnoranceSuite suite) {
        return config.chatFormat().or(() -> Optional.of(suite.promptFormat()).filter(s -> !s.isEmpty()));
    }

    private static boolean takes(List<Method> checks, Class<?> parameterType) {
        return checks.stream().anyMatch(m -> Arrays.asList(m.getParameterTypes()).contains(parameterType));
    }

    private static void add(List<Ask> asks, Set<String> seen, Ask ask) {
        String id = ask.baseline() + "|" + ask.set().itemsSha256() + "|" + ask.chatFormat().orElse("");
        if (seen.add(id)) {
            asks.add(ask);
        }
    }

    /** Configuration parameters from a map, falling back to system properties like the launcher's. */
    private static ConfigurationParameters parameters(Map<String, String> map) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(map.get(key)).or(() -> Optional.ofNullable(System.getProperty(key)));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            @SuppressWarnings("deprecation")
            public int size() {
                return map.size();
            }

            @Override
            public Set<String> keySet() {
                return Set.copyOf(map.keySet());
            }
        };
    }
}
