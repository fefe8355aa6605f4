package dev.seat.harness.engine;

import dev.seat.harness.data.DatasetException;
import dev.seat.harness.eval.GateQuestionSets;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.gate.IgnoranceSuite;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The questions a suite asks: read from {@code dataset.<name>} or the suite's built-in resource,
 * cut to the limit ({@link QuestionSet#limit}). Empty when neither is given; {@link #unavailableReason}
 * then says what to configure. A missing or malformed file is a {@link SeatConfigurationException}
 * naming the file and line.
 */
record SuiteQuestions(Optional<QuestionSet> set, String unavailableReason) {

    boolean available() {
        return set.isPresent();
    }

    QuestionSet get() {
        return set.orElseThrow(() -> new IllegalStateException(unavailableReason));
    }

    static SuiteQuestions resolve(IgnoranceSuite suite, Class<?> suiteClass, SeatConfiguration config) {
        return resolve(suite.dataset(), suite.defaultQuestions(), suite.whenMissing(), suite, suiteClass, config);
    }

    /** The suite's {@link IgnoranceSuite#known()} questions; unavailable when the suite names none. */
    static SuiteQuestions resolveKnown(IgnoranceSuite suite, Class<?> suiteClass, SeatConfiguration config) {
        if (suite.known().isEmpty()) {
            return new SuiteQuestions(Optional.empty(), "suite " + suiteClass.getName()
                    + " names no known question set: add known = \"factual\" (and knownQuestions) to its @IgnoranceSuite");
        }
        return resolve(suite.known(), suite.knownQuestions(), "", suite, suiteClass, config);
    }

    /** The questions of dataset {@code name} (another suite's {@code ft} set, say), if configured. */
    static SuiteQuestions resolveConfigured(String name, IgnoranceSuite suite, Class<?> suiteClass, SeatConfiguration config) {
        return resolve(name, "", "", suite, suiteClass, config);
    }

    private static SuiteQuestions resolve(String name, String defaultQuestions, String whenMissing, IgnoranceSuite suite,
                                          Class<?> suiteClass, SeatConfiguration config) {
        Optional<Path> configured = config.dataset(name);
        int limit = config.limit().orElse(suite.limit());
        if (configured.isPresent()) {
            Path file = configured.get();
            if (!Files.isRegularFile(file)) {
                throw new SeatConfigurationException("Dataset file " + file + " not found (configuration parameter '"
                        + SeatConfiguration.DATASET_PREFIX + name + "')");
            }
            return load(name, file.toString(), file, limit);
        }
        if (!defaultQuestions.isEmpty()) {
            URL url = suiteClass.getResource(defaultQuestions);
            if (url == null) {
                throw new SeatConfigurationException("Built-in question set '" + defaultQuestions + "' of "
                        + suiteClass.getName() + " is not on the classpath");
            }
            return load(name, "classpath:" + url, GateQuestionSets.asFile(url, defaultQuestions), limit);
        }
        String reason = whenMissing.isEmpty()
                ? "no '" + name + "' questions configured: pass -D" + SeatConfiguration.DATASET_PREFIX + name
                        + "=FILE (JSON array or JSON Lines of question/answer records)"
                : whenMissing;
        return new SuiteQuestions(Optional.empty(), reason);
    }

    private static SuiteQuestions load(String name, String source, Path file, int limit) {
        try {
            return new SuiteQuestions(Optional.of(QuestionSet.read(name, source, file).limit(limit)), null);
        } catch (DatasetException | UncheckedIOException | IllegalArgumentException e) {
            throw new SeatConfigurationException("Dataset '" + name + "': " + e.getMessage(), e);
        }
    }
}
