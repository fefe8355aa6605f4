package dev.seat.harness.gate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a benchmark suite: {@link Check} methods about lm-evaluation-harness-compatible
 * benchmark tasks ({@code dev.seat.harness.tasks}), run by the {@code seat} engine against the
 * configured checkpoint. Every task or group named in {@link #value()} becomes a node of its own,
 * and every check runs once per task, receiving that task's {@link BenchmarkResult} (and, when it
 * asks for one, the {@link BenchmarkBaseline} measured the same way on {@code -Dbaseline=DIR}).
 *
 * <pre>{@code
 * @BenchmarkSuite({"arc_easy", "piqa"})
 * class GeneralAbility {
 *     @Check void doesNotRegress(BenchmarkResult result, BenchmarkBaseline base, @Threshold(0.02) double maxDrop) {
 *         assertThat(result).acc().isNotWorseThan(base, maxDrop);
 *     }
 * }
 * }</pre>
 *
 * <p>Benchmarks are slow, so they run only when selected: the configuration parameter
 * {@code benchmarks} lists the task or group names to run ({@code -Dbenchmarks=arc_easy,piqa}) or
 * is {@code all}; unselected tasks (and suites with no selected task) are skipped with the
 * reason. See {@link BenchmarkSelection}.
 *
 * <p>Checks take {@link BenchmarkResult}, {@link BenchmarkBaseline},
 * {@link dev.seat.harness.model.Checkpoint} and {@code double} parameters annotated
 * {@link Threshold}; a threshold's key is {@code threshold.<task>.<method>[.<name>]}, falling
 * back to {@code threshold.<suite id>.<method>[.<name>]}. The class needs a no-argument
 * constructor; one instance is made per run.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface BenchmarkSuite {

    /**
     * Task or group names of the task registry: the built-ins ({@code arc_easy}, {@code mmlu},
     * {@code gsm8k}, ...) and the tasks of the files listed in {@code benchmarks.tasks}.
     */
    String[] value();

    /** Id of the suite in suite-wide threshold keys ({@code threshold.<id>.<check>}); defaults to {@code benchmarks}. */
    String id() default "benchmarks";

    /** Display name; defaults to the class name in words without a {@code Test}/{@code Tests} suffix. */
    String name() default "";

    /** Documents per task (the first ones); 0 = all. The {@code limit} parameter overrides it. */
    int limit() default 0;

    /** Few-shot examples per prompt; -1 = each task's default. The {@code benchmarks.numFewshot} parameter overrides it. */
    int numFewshot() default -1;
}
