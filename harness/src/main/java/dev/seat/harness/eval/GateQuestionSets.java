package dev.seat.harness.eval;

import dev.seat.harness.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The question sets the gate asks by default, for every consumer: the suites name the built-in
 * files ({@link #UNVERIFIABLE_RESOURCE}, ...) as their {@code defaultQuestions}, and the experiments
 * read them here, so there is one copy of each. Set names are the gate's dataset names, so a
 * model's answers are cached once for both. The public sets of {@code ../shared} (LUNAR, TOFU,
 * PISTOL) are here too, empty when the folder is absent.
 */
public final class GateQuestionSets {
    /** Questions about fictitious things (seat's own, ~200). */
    public static final String UNVERIFIABLE_RESOURCE = "/dev/seat/harness/eval/unverifiable-questions.jsonl";
    /** Questions about people, companies, works... never seen (seat's own, ~200). */
    public static final String UNSEEN_RESOURCE = "/dev/seat/harness/eval/unseen-entities.jsonl";
    /** Facts a base model knows (seat's own, 160), with reference answers. */
    public static final String FACTUAL_RESOURCE = "/dev/seat/harness/eval/known-facts.jsonl";

    private GateQuestionSets() {}

    /** The gate's {@code unverifiable} set (built in). */
    public static QuestionSet unverifiable() {
        return builtIn("unverifiable", UNVERIFIABLE_RESOURCE);
    }

    /** The gate's {@code unseen} set (built in). */
    public static QuestionSet unseen() {
        return builtIn("unseen", UNSEEN_RESOURCE);
    }

    /** The gate's {@code factual} set: {@code file} when given (the gate's {@code dataset.factual}), else built in. */
    public static QuestionSet factual(Path file) {
        return file == null ? builtIn("factual", FACTUAL_RESOURCE) : QuestionSet.read("factual", file.toString(), file);
    }

    /** LUNAR's unverifiable questions, when {@code ../shared} holds them. */
    public static Optional<QuestionSet> lunar() {
        return shared("lunar", "datasets/lunar/unverified.json");
    }

    /** TOFU forget01 questions (two fictitious authors), when {@code ../shared} holds them. */
    public static Optional<QuestionSet> tofu() {
        return shared("tofu-forget01", "datasets/tofu/forget01.jsonl");
    }

    /** PISTOL sample 1 questions (contracts between fictitious companies), when {@code ../shared} holds them. */
    public static Optional<QuestionSet> pistol() {
        return shared("pistol", "datasets/pistol/sample_data_1.json");
    }

    private static Optional<QuestionSet> shared(String name, String relative) {
        return RepoPaths.shared(relative).map(f -> QuestionSet.read(name, f.toString(), f));
    }

    /** A built-in set read from the classpath. */
    private static QuestionSet builtIn(String name, String resource) {
        URL url = GateQuestionSets.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Built-in question set " + resource + " is not on the classpath");
        }
        return QuestionSet.read(name, "classpath:" + url, asFile(url, resource));
    }

    /**
     * A classpath resource as a file: itself when it is one, else a copy in a temporary folder
     * (removed when the JVM exits).
     */
    public static Path asFile(URL url, String resourceName) {
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("Unexpected resource URL " + url, e);
            }
        }
        try (InputStream in = url.openStream()) {
            Path dir = Files.createTempDirectory("seat-questions");
            Path copy = dir.resolve(Path.of(resourceName).getFileName().toString());
            Files.copy(in, copy);
            copy.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read built-in question set " + url + ": " + e.getMessage(), e);
        }
    }
}
