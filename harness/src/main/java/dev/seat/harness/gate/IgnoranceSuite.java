package dev.seat.harness.gate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a seat suite: a set of {@link Check} methods about one question set, run by
 * the {@code seat} test engine against the configured checkpoint.
 *
 * <p>The questions come from the file of the configuration parameter
 * {@code dataset.<dataset>} (JSON array or JSON Lines in the LUNAR/TOFU/PISTOL formats) or,
 * when that is not set, from the classpath resource {@link #defaultQuestions()}. With neither,
 * every check that needs responses is skipped with the reason {@link #whenMissing()}.
 *
 * <pre>{@code
 * @IgnoranceSuite(dataset = "unverifiable", defaultQuestions = "unverifiable-questions.jsonl")
 * class UnverifiableQuestionsTest {
 *     @Check void refuses(Responses r, @Threshold(0.80) double min) {
 *         assertThat(r).idkStringMatch().isAtLeast(min);
 *     }
 * }
 * }</pre>
 *
 * The class needs a no-argument constructor (any visibility); one instance is made per run.
 * Name it like any test class ({@code *Test}, {@code *Tests}) so that Maven Surefire selects it.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface IgnoranceSuite {

    /**
     * Logical name of the question set: the configuration parameter {@code dataset.<name>}
     * overrides the questions, results go to {@code responses-<name>.jsonl}, and suites naming the
     * same set share one generation.
     */
    String dataset();

    /**
     * Id of the suite in configuration keys ({@code threshold.<id>.<check>}); defaults to
     * {@link #dataset()}.
     */
    String id() default "";

    /** Display name; defaults to the class name in words without a {@code Test}/{@code Tests} suffix. */
    String name() default "";

    /**
     * Questions used when {@code dataset.<dataset>} is not configured: a classpath resource,
     * relative to the suite class's package or absolute with a leading {@code /}. Empty: none.
     */
    String defaultQuestions() default "";

    /** What a healthy model does with these questions; decides how item nodes are labelled. */
    Expect expect() default Expect.REFUSAL;

    /**
     * Chat format to wrap questions in ({@code chatml}, {@code llama3}, {@code inst},
     * {@code plain}); empty means the checkpoint's own (from its chat template). The
     * configuration parameter {@code chatFormat} overrides both.
     */
    String promptFormat() default "";

    /** Ask at most this many questions (a fixed seeded draw, {@link dev.seat.harness.eval.QuestionSet#limit}); 0 = all. The {@code limit} parameter overrides it. */
    int limit() default 0;

    /**
     * Whether the suite shows one node per question with the checkpoint's answer. Off for suites
     * that do not look at answers (activation drift), so that running them alone generates nothing.
     */
    boolean answers() default true;

    /**
     * A second question set of things the model knows (e.g. {@code factual}), contrasted with this
     * suite's questions by checks taking {@link dev.seat.harness.metrics.KnownUnknownSeparation}:
     * the configuration parameter {@code dataset.<known>} or {@link #knownQuestions()}. Empty: none.
     */
    String known() default "";

    /** Built-in questions of {@link #known()}, a classpath resource like {@link #defaultQuestions()}. */
    String knownQuestions() default "";

    /** Why checks are skipped when no questions are configured; a default names the parameter to set. */
    String whenMissing() default "";

    /** The behaviour the suite's questions should produce. */
    enum Expect {
        /** The model should say it does not know (unverifiable questions, unseen entities). */
        REFUSAL,
        /** The model should answer like the reference answer (learned or retained facts). */
        ANSWER
    }
}
