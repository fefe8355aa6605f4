package dev.seat.harness.engine;

import dev.seat.harness.gate.Baseline;
import dev.seat.harness.gate.HumanLabels;
import dev.seat.harness.gate.Responses;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.KnownUnknownSeparation;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One suite while it runs: its definition, the instance its checks are invoked on, its questions
 * and, on demand, the checkpoint's and the baseline's answers and the activation drift (all shared
 * through the {@link SeatRun}).
 */
final class SuiteRun {
    private final SuiteDefinition definition;
    private final SeatRun run;
    private final SuiteQuestions questions;
    private SuiteQuestions known;
    private final Object instance;
    private HumanLabelsFinder.Search humanLabels;
    /** The dataset name of the fine-tuning questions, projected into Figure 1 when configured. */
    static final String LEARNED_FACTS_DATASET = "ft";

    /**
     * @throws SeatConfigurationException when the question set cannot be read or the class cannot
     *     be instantiated
     */
    SuiteRun(SuiteDefinition definition, SeatRun run) {
        this.definition = definition;
        this.run = run;
        this.questions = SuiteQuestions.resolve(definition.annotation(), definition.type(), run.config());
        this.instance = instantiate(definition.type());
    }

    SuiteDefinition definition() {
        return definition;
    }

    SeatRun run() {
        return run;
    }

    /** The suite's questions, or why it has none. */
    SuiteQuestions questions() {
        return questions;
    }

    private String datasetName() {
        return definition.annotation().dataset();
    }

    Object instance() {
        return instance;
    }

    Responses responses() {
        return run.responses(definition.annotation(), questions.get());
    }

    Baseline baseline() {
        Path dir = run.config().baseline().orElseThrow(() -> new IllegalStateException(CheckParameters.NO_BASELINE));
        return new Baseline(dir, run::baseline, () -> run.baselineResponses(definition.annotation(), questions.get()));
    }

    ActivationDrift drift() {
        return run.drift(definition.annotation(), questions.get());
    }

    /** The suite's {@link IgnoranceSuite#known()} questions, or why it has none (read once). */
    synchronized SuiteQuestions knownQuestions() {
        if (known == null) {
            known = SuiteQuestions.resolveKnown(definition.annotation(), definition.type(), run.config());
        }
        return known;
    }

    /** Unknown (this suite's) vs known questions in the activations; the fine-tuning set, when configured, is drawn too. */
    KnownUnknownSeparation separation() {
        SuiteQuestions ft = SuiteQuestions.resolveConfigured(LEARNED_FACTS_DATASET, definition.annotation(),
                definition.type(), run.config());
        return run.separation(definition.annotation(), questions.get(), knownQuestions().get(), ft.set());
    }

    /** The human labels of the suite's dataset for the checkpoint, searched once per suite. */
    synchronized Optional<HumanLabels> humanLabels() {
        return humanLabelsSearch().labels();
    }

    /** Why {@link #humanLabels()} is empty. */
    String humanLabelsAbsentReason() {
        HumanLabelsFinder.Search search = humanLabelsSearch();
        return finder().absentReason(run.checkpoint().fingerprint(), run.checkpoint().name(), datasetName(),
                search.runsOfCheckpoint(), run.writer().folder().dir());
    }

    private synchronized HumanLabelsFinder.Search humanLabelsSearch() {
        if (humanLabels == null) {
            humanLabels = finder().find(run.checkpoint().fingerprint(), datasetName());
        }
        return humanLabels;
    }

    private HumanLabelsFinder finder() {
        return new HumanLabelsFinder(run.config().results());
    }

    /** Writes this suite's dataset results into the run folder; the responses file if there is one. */
    Optional<Path> writeResults() {
        return questions.available() ? run.writeResults(datasetName()) : Optional.empty();
    }

    /** An instance of a suite class, made with its no-argument constructor. */
    static Object instantiate(Class<?> type) {
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new SeatConfigurationException("Suite " + type.getName() + " needs a constructor without parameters");
        }
        try {
            return ReflectionSupport.newInstance(type);
        } catch (Exception e) { // the constructor's own exception, rethrown unchanged by ReflectionSupport
            throw new SeatConfigurationException("Could not create suite " + type.getName() + ": " + e, e);
        }
    }
}
