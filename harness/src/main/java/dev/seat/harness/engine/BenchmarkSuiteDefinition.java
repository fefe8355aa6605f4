package dev.seat.harness.engine;

import dev.seat.harness.gate.BenchmarkSuite;
import dev.seat.harness.gate.IgnoranceSuite;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What the engine reads from a {@link BenchmarkSuite} class at discovery time: its benchmark
 * entries, id, display name and {@link Check} methods, and what is wrong with them.
 *
 * @param type the suite class
 * @param annotation its {@link BenchmarkSuite}
 */
record BenchmarkSuiteDefinition(Class<?> type, BenchmarkSuite annotation) {

    /**
     * Whether a class can be run as a benchmark suite: annotated (and not also an
     * {@link IgnoranceSuite}, which takes precedence), concrete, not an inner or local class.
     */
    static boolean isSuite(Class<?> c) {
        return AnnotationSupport.isAnnotated(c, BenchmarkSuite.class) && !AnnotationSupport.isAnnotated(c, IgnoranceSuite.class)
                && SuiteDefinition.isInstantiable(c);
    }

    static Optional<BenchmarkSuiteDefinition> of(Class<?> c) {
        if (!isSuite(c)) {
            return Optional.empty();
        }
        return AnnotationSupport.findAnnotation(c, BenchmarkSuite.class).map(a -> new BenchmarkSuiteDefinition(c, a));
    }

    /** The benchmark entries (task or group names), trimmed, each once, in annotation order. */
    List<String> benchmarks() {
        return Arrays.stream(annotation.value()).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The id of suite-wide threshold keys. */
    String id() {
        return annotation.id();
    }

    String displayName() {
        return SuiteDefinition.displayName(type, annotation.name());
    }

    List<Method> checkMethods() {
        return SuiteDefinition.checkMethods(type);
    }

    Optional<Method> checkMethod(String name) {
        return checkMethods().stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    /** Documents per task: the {@code limit} parameter, else {@link BenchmarkSuite#limit()}; {@code null} for all. */
    Integer limit(SeatConfiguration config) {
        return config.limit().orElse(annotation.limit() > 0 ? annotation.limit() : null);
    }

    /** Few-shot examples: {@code benchmarks.numFewshot}, else {@link BenchmarkSuite#numFewshot()}; {@code null} for each task's default. */
    Integer numFewshot(SeatConfiguration config) {
        return config.benchmarksNumFewshot().orElse(annotation.numFewshot() >= 0 ? annotation.numFewshot() : null);
    }

    /** Why a {@link Check} method of a benchmark suite cannot run, one message per problem; empty when it can. */
    static List<String> problems(Method m) {
        List<String> out = SuiteDefinition.signatureProblems(m);
        out.addAll(BenchmarkCheckParameters.problems(m));
        return out;
    }
}
