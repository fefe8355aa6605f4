package dev.seat.harness.engine;

/**
 * Produces a gate's answers before the run, somewhere else than the JVM that runs the checks (e.g.
 * on a Spark cluster), and stores them in the response cache of the run's results folder, where
 * the engine then reads every answer instead of generating it. The checks, metrics and run folder
 * are therefore the same as a local run's.
 *
 * <p>Found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.seat.harness.engine.AnswerProvider}); the engine asks a provider
 * when the configuration parameter it names is set (not blank), before it loads the checkpoint.
 * The {@code spark} module supplies one for {@code spark.master}, so
 * {@code mvn test -Dspark.master=URL} takes the gate's answers from a Spark job without the suites
 * depending on Spark.
 */
public interface AnswerProvider {
    /** The configuration parameter whose value asks for this provider, e.g. {@code spark.master}. */
    String parameter();

    /**
     * Produces and stores the answers the plan lists (in {@link GatePlan#settings()}'s results
     * folder). A model that cannot load may be left to the engine to report; anything else that
     * stops the provider is thrown, with what went wrong.
     *
     * @param value the parameter's value
     */
    void answer(GatePlan plan, String value);
}
